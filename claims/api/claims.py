from typing import Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from .. import claimreview, permissions, review, services
from ..models import Claim, Evidence, Rating, Story, Verification
from . import serializers
from .common import MAX_ID, errors, limit_param, member, offset_param, page, path_id
from .schemas import (
    ClaimIn,
    ClaimOut,
    ClaimPage,
    ClaimPatch,
    ClaimReviewOut,
    Detail,
    EvidenceOut,
    StanceIn,
    Text,
    VerdictOut,
    VerificationIn,
)

router = Router()

ClaimStatus = Literal["unverified", "checking", "supported", "disputed", "refuted", "outdated"]


def visible_evidence(user, evidence_id: int) -> Evidence:
    """Evidence on a claim the user's desks see (404 otherwise)."""
    return get_object_or_404(Evidence.objects.filter(claim__in=permissions.visible_claims(user)), pk=evidence_id)


@router.get("claims", response={200: ClaimPage, **errors(422)})
def list_claims(
    request,
    status: ClaimStatus | None = Query(None),
    assignee: Text | None = Query(None, max_length=150, description="Username; `none` for unassigned."),
    claimant: int | None = Query(None, ge=1, le=MAX_ID, description="Claimant id."),
    story: int | None = Query(None, ge=1, le=MAX_ID, description="Claims mentioned in this story."),
    needs_review: bool | None = Query(None),
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """Claims, most recently updated first; archived ones are left out."""
    user = member(request)
    claims = permissions.visible_claims(user, Claim.objects.filter(archived_at__isnull=True)).select_related(
        "claimant", "assignee", "current_verification__rating"
    )
    if status:
        claims = claims.filter(status=status)
    if assignee == "none":
        claims = claims.filter(assignee__isnull=True)
    elif assignee:
        claims = claims.filter(assignee__username=assignee)
    if claimant is not None:
        claims = claims.filter(claimant_id=claimant)
    if story is not None:
        claims = claims.filter(pk__in=Story.objects.filter(pk=story).values("mentions__claim_id"))
    if needs_review is not None:
        claims = claims.filter(needs_review=needs_review)
    return page(claims.order_by("-updated_at", "-pk"), limit, offset, serializers.claim_summary)


@router.post("claims", response={201: ClaimOut, 200: ClaimOut, **errors(400, 404, 422)})
def create_claim(request, payload: ClaimIn):
    """Accept a span of a story as a claim (a suggestion's offsets, or any selection).

    A span that overlaps an existing mention reuses its claim (200); the same claim text
    already tracked from another story is linked rather than duplicated.
    """
    user = member(request)
    story = get_object_or_404(permissions.visible_stories(user), pk=payload.story)
    claim, _mention, created = services.create_claim_from_span(
        story,
        user,
        start=payload.start,
        end=payload.end,
        text=payload.text,
        claimant=payload.claimant,
    )
    return Status((201 if created else 200), serializers.claim(claim, user))


@router.get("claims/{claim_id}", response={200: ClaimOut, **errors(404, 422)})
def get_claim(request, claim_id: int = path_id()):
    user = member(request)
    claim = get_object_or_404(permissions.visible_claims(user).select_related("claimant", "assignee"), pk=claim_id)
    return serializers.claim(claim, user)


@router.patch("claims/{claim_id}", response={200: ClaimOut, **errors(400, 404, 409, 422)})
def edit_claim(request, payload: ClaimPatch, claim_id: int = path_id()):
    """Edit a claim: correct its text, claimant, kind or quantity `{value, unit, bound, as_of}`.
    Send the `expected_version` you loaded: if someone saved since, 409 and nothing changes."""
    user = member(request)
    claim = get_object_or_404(permissions.visible_claims(user), pk=claim_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("expected_version", None) or changes.pop("version")
    changes.pop("version", None)
    quantity = changes.pop("quantity", None)
    if quantity is not None:
        for name, value in quantity.items():
            changes[QUANTITY_FIELDS[name]] = "" if value is None and name in ("unit", "bound") else value
        if quantity.get("value") is not None and "kind" not in changes:
            changes["kind"] = Claim.Kind.QUANTITY  # a figure given makes it a quantity claim
    changes = {
        name: value for name, value in changes.items() if value is not None or name in ("as_of", "quantity_value")
    }
    if not changes:
        raise ValidationError("Send at least one field to change besides `expected_version`.")
    if "claimant" in changes:
        changes["claimant"] = services.resolve_claimant(changes["claimant"])
    if "assignee" in changes:
        changes["assignee"] = _assignee(changes["assignee"])
    for name in ("quantity_unit", "quantity_bound"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    claim = services.edit_claim(claim, user, expected_version=version, **changes)
    return serializers.claim(Claim.objects.select_related("claimant", "assignee").get(pk=claim.pk), user)


QUANTITY_FIELDS = {"value": "quantity_value", "unit": "quantity_unit", "bound": "quantity_bound", "as_of": "as_of"}


def _assignee(username: str):
    if not username:
        return None
    person = get_user_model().objects.filter(username=username, is_active=True).first()
    if person is None or not permissions.is_checker(person):
        raise ValidationError({"assignee": [f"“{username[:150]}” is not a fact-checker or editor."]})
    return person


@router.get(
    "claims/{claim_id}/claimreview",
    auth=None,
    response={200: ClaimReviewOut, 404: Detail, 422: Detail, 429: Detail},
    by_alias=True,
    exclude_none=True,
)
def get_claimreview(request, claim_id: int = path_id()):
    """The claim's schema.org ClaimReview JSON-LD. Public, like the fact-check page;
    404 until the claim has an approved verdict that is public (drafts never show, and a
    verdict stays embargoed until a story that mentions the claim is published)."""
    verdict = claimreview.current_verdict(claim_id, public=True)
    if verdict is None:
        raise Http404("No published verdict.")
    return claimreview.claim_review(verdict, claimreview.public_base_url(request))


@router.post("evidence/{evidence_id}/accept", response={200: EvidenceOut, **errors(404, 409, 422)})
def accept_evidence(request, evidence_id: int = path_id()):
    """Accept evidence. 409 when a copy of the same wire story already has accepted evidence on the
    claim with another stance: change the stance instead."""
    user = member(request)
    evidence = services.accept_evidence(visible_evidence(user, evidence_id), user)
    return serializers.evidence(evidence)


@router.post("evidence/{evidence_id}/reject", response={200: EvidenceOut, **errors(404, 422)})
def reject_evidence(request, evidence_id: int = path_id()):
    user = member(request)
    evidence = services.reject_evidence(visible_evidence(user, evidence_id), user)
    return serializers.evidence(evidence)


@router.post("evidence/{evidence_id}/stance", response={200: EvidenceOut, **errors(404, 409, 422)})
def change_stance(request, payload: StanceIn, evidence_id: int = path_id()):
    """A person changes the proposed stance; the first proposed stance is kept as `proposed_stance`."""
    user = member(request)
    evidence = review.change_stance(visible_evidence(user, evidence_id), user, payload.stance)
    return serializers.evidence(evidence)


@router.post("claims/{claim_id}/verifications", response={201: VerdictOut, **errors(400, 404, 422)})
def draft_verification(request, payload: VerificationIn, claim_id: int = path_id()):
    """Draft a verdict; it counts once an editor other than its author approves it."""
    user = member(request)
    claim = get_object_or_404(permissions.visible_claims(user), pk=claim_id)
    rating = Rating.objects.filter(slug=payload.rating, active=True).first()
    if rating is None:
        slugs = ", ".join(Rating.objects.filter(active=True).values_list("slug", flat=True))
        return Status(400, {"detail": f"Unknown rating “{payload.rating}”. Use one of: {slugs}."})
    evidence = list(Evidence.objects.filter(pk__in=payload.evidence, claim=claim))
    verification = services.draft_verification(
        claim, user, rating=rating, rationale=payload.rationale, evidence=evidence
    )
    return Status(201, serializers.verdict(verification))


@router.post("verifications/{verification_id}/approve", response={200: VerdictOut, **errors(400, 404, 422)})
def approve_verification(
    request,
    verification_id: int = path_id(),
    # A query flag, not a body: approving takes no body, and a bare POST must keep working.
    confirm_no_evidence: bool = Query(
        False, description="Approve although the verdict cites no evidence (without it such a verdict is a 422)."
    ),
):
    """Approve a drafted verdict (editors only; never the verdict's own author: 403).

    A verdict that cites no evidence is refused (422) unless `?confirm_no_evidence=true`:
    the desk's rule, which asks the editor first."""
    user = member(request)
    claims = permissions.visible_claims(user)
    verification = get_object_or_404(Verification.objects.filter(claim__in=claims), pk=verification_id)
    if verification.author_id == user.pk:
        raise PermissionDenied("You cannot approve a verdict you drafted; another editor must.")
    try:
        verification = services.approve_verification(verification, user, allow_no_evidence=confirm_no_evidence)
    except services.UncitedVerdict:
        return Status(
            422,
            {"detail": "This verdict cites no evidence. Approve with ?confirm_no_evidence=true to go on anyway."},
        )
    return serializers.verdict(verification)
