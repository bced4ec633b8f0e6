from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from .. import services
from ..models import Claim, Evidence, Rating, Story, Verification
from . import serializers
from .common import member
from .schemas import ClaimIn, ClaimOut, Detail, EvidenceOut, VerdictOut, VerificationIn

router = Router()
ERRORS = {400: Detail, 401: Detail, 403: Detail, 404: Detail, 409: Detail, 422: Detail}


@router.post("claims", response={201: ClaimOut, 200: ClaimOut, **ERRORS})
def create_claim(request, payload: ClaimIn):
    """Accept a span of a story as a claim (a suggestion's offsets, or any selection).

    A span that overlaps an existing mention reuses its claim; the same claim text
    already tracked from another story is linked rather than duplicated.
    """
    user = member(request)
    story = get_object_or_404(Story, pk=payload.story)
    claim, _mention, created = services.create_claim_from_span(
        story, user, start=payload.start, end=payload.end, text=payload.text, claimant=payload.claimant,
        quantity=_suggested_quantity(story, payload.start, payload.end),
    )
    return Status((201 if created else 200), serializers.claim(claim))


def _suggested_quantity(story, start, end):
    suggestion = story.suggestions.filter(start=start, end=end).first()
    return suggestion.quantity if suggestion else None


@router.get("claims/{int:claim_id}", response={200: ClaimOut, **ERRORS})
def get_claim(request, claim_id: int):
    member(request)
    claim = get_object_or_404(Claim.objects.select_related("claimant", "assignee"), pk=claim_id)
    return serializers.claim(claim)


@router.post("evidence/{int:evidence_id}/accept", response={200: EvidenceOut, **ERRORS})
def accept_evidence(request, evidence_id: int):
    user = member(request)
    evidence = services.accept_evidence(get_object_or_404(Evidence, pk=evidence_id), user)
    return serializers.evidence(evidence)


@router.post("evidence/{int:evidence_id}/reject", response={200: EvidenceOut, **ERRORS})
def reject_evidence(request, evidence_id: int):
    user = member(request)
    evidence = services.reject_evidence(get_object_or_404(Evidence, pk=evidence_id), user)
    return serializers.evidence(evidence)


@router.post("claims/{int:claim_id}/verifications", response={201: VerdictOut, **ERRORS})
def draft_verification(request, claim_id: int, payload: VerificationIn):
    user = member(request)
    claim = get_object_or_404(Claim, pk=claim_id)
    rating = Rating.objects.filter(slug=payload.rating, active=True).first()
    if rating is None:
        slugs = ", ".join(Rating.objects.filter(active=True).values_list("slug", flat=True))
        return Status(400, {"detail": f"Unknown rating “{payload.rating}”. Use one of: {slugs}."})
    evidence = list(Evidence.objects.filter(pk__in=payload.evidence, claim=claim))
    verification = services.draft_verification(
        claim, user, rating=rating, rationale=payload.rationale, evidence=evidence
    )
    return Status(201, serializers.verdict(verification))


@router.post("verifications/{int:verification_id}/approve", response={200: VerdictOut, **ERRORS})
def approve_verification(request, verification_id: int):
    user = member(request)
    verification = get_object_or_404(Verification, pk=verification_id)
    if verification.author_id == user.pk:
        raise PermissionDenied("You cannot approve a verdict you drafted; another editor must.")
    verification = services.approve_verification(verification, user)
    return serializers.verdict(verification)
