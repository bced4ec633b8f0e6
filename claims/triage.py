"""The desk's triage writes: suggestions, bulk changes to claims, notifications.

Like services.py, each function checks permission, writes in a transaction and logs.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import permissions, services
from .activity import record
from .models import Claim, ClaimSuggestion, ConflictError, Notification


def accept_suggestion(suggestion: ClaimSuggestion, user):
    """Turn the finder's suggestion into a claim with its parsed claimant and quantity."""
    quantity = dict(suggestion.quantity or {})
    if quantity.get("as_of"):
        from datetime import date

        try:
            quantity["as_of"] = date.fromisoformat(quantity["as_of"])
        except (TypeError, ValueError):
            quantity["as_of"] = None
    return services.create_claim_from_span(
        suggestion.story,
        user,
        start=suggestion.start,
        end=suggestion.end,
        claimant=suggestion.claimant_name or None,
        quantity=quantity or None,
        kind=suggestion.kind if suggestion.kind != Claim.Kind.OTHER else None,
    )


def dismiss_suggestions(suggestions, user) -> int:
    """Dismiss open suggestions; those on stories the user may not touch raise PermissionDenied."""
    suggestions = list(suggestions)
    for s in suggestions:
        if not permissions.can_propose_claim(user, s.story):
            raise PermissionDenied("You may not triage suggestions on that story.")
    with transaction.atomic():
        done = 0
        for s in suggestions:
            done += ClaimSuggestion.objects.filter(pk=s.pk, state=ClaimSuggestion.State.OPEN).update(
                state=ClaimSuggestion.State.DISMISSED
            )
            record(user, "dismissed suggestion", s.story, story=s.story, reason=s.text[:200])
    return done


def bulk_edit_claims(claims, user, **changes) -> tuple[int, list[Claim]]:
    """Apply the same change to many claims, each through edit_claim.

    Returns (changed, conflicted): a claim someone saved meanwhile is reported, not overwritten.
    """
    changed, conflicted = 0, []
    for claim in claims:
        fresh = Claim.objects.get(pk=claim.pk)
        todo = {
            k: v
            for k, v in changes.items()
            if getattr(fresh, k if k != "assignee" else "assignee_id")
            != (v.pk if k == "assignee" and v is not None else v)
        }
        if not todo:
            continue
        try:
            services.edit_claim(fresh, user, expected_version=fresh.version, **todo)
            changed += 1
        except ConflictError:
            conflicted.append(fresh)
    return changed, conflicted


def mark_notifications_read(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
