from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from .. import intake, review
from ..models import Source
from . import serializers
from .common import errors, member, path_id
from .schemas import BulkReviewOut, Detail, SourceIn, SourceOut

router = Router()


@router.post("", response={202: SourceOut, 400: Detail, 401: Detail, 403: Detail, 422: Detail})
def add_source(request, payload: SourceIn):
    """Queue a source (a URL to fetch, or pasted text). Fetching and matching happen in a job."""
    user = member(request)
    if bool(payload.url) == bool(payload.text):
        raise ValidationError("Send exactly one of `url` or `text`.")
    source = intake.add_source(user, **payload.dict())
    return Status(202, serializers.source(source, user))


@router.get("/{int:source_id}", response={200: SourceOut, 401: Detail, 403: Detail, 404: Detail})
def get_source(request, source_id: int):
    user = member(request)
    return serializers.source(get_object_or_404(Source, pk=source_id), user)


@router.post("/{source_id}/evidence/accept-all", response={200: BulkReviewOut, **errors(404, 422)})
def accept_all(request, source_id: int = path_id()):
    """Accept every suggestion from this source. Ones a copy of the same wire story already
    answers with another stance are skipped, each with its reason."""
    user = member(request)
    return review.accept_all_for_source(get_object_or_404(Source, pk=source_id), user)


@router.post("/{source_id}/evidence/reject-all", response={200: BulkReviewOut, **errors(404, 422)})
def reject_all(request, source_id: int = path_id()):
    """Reject every suggestion from this source."""
    user = member(request)
    return review.reject_all_for_source(get_object_or_404(Source, pk=source_id), user)
