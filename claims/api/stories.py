from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from .. import outbox, permissions
from ..activity import record
from ..models import ClaimSuggestion, Story
from . import serializers
from .common import member
from .schemas import Detail, StoryIn, StoryOut, SuggestionOut

router = Router()


@router.post("", response={201: StoryOut, 401: Detail, 403: Detail, 422: Detail})
def create_story(request, payload: StoryIn):
    user = member(request)
    if not permissions.can_create_story(user):
        raise PermissionDenied("You may not file stories.")
    with transaction.atomic():
        story = Story.objects.create(owner=user, **payload.dict())
        record(user, "filed story", story, story=story)
        outbox.schedule("claims.tasks.suggest_claims_for_story", story.pk)
    return Status(201, serializers.story(story))


@router.get("/{int:story_id}", response={200: StoryOut, 401: Detail, 403: Detail, 404: Detail})
def get_story(request, story_id: int):
    member(request)
    return serializers.story(get_object_or_404(Story, pk=story_id))


@router.get("/{int:story_id}/suggestions", response={200: list[SuggestionOut], 401: Detail, 403: Detail, 404: Detail})
def story_suggestions(request, story_id: int, include_decided: bool = False):
    """The claim finder's suggestions (open ones unless `include_decided`)."""
    member(request)
    story = get_object_or_404(Story, pk=story_id)
    suggestions = ClaimSuggestion.objects.filter(story=story).order_by("start")
    if not include_decided:
        suggestions = suggestions.filter(state=ClaimSuggestion.State.OPEN)
    return [
        {
            "id": s.pk, "text": s.text, "start": s.start, "end": s.end,
            "claimant": s.claimant_name or None, "kind": s.kind, "quantity": s.quantity,
            "score": s.score, "reasons": s.reasons, "state": s.state,
        }
        for s in suggestions
    ]
