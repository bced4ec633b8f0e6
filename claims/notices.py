"""Notifications a person must act on: a story to correct, a claim assigned, a verdict to approve."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from . import permissions
from .models import Notification


def notify(recipients, kind: str, message: str, *, url: str = "", claim=None, story=None, skip=None) -> int:
    people = {p.pk: p for p in recipients if p is not None and (skip is None or p.pk != skip.pk)}
    Notification.objects.bulk_create(
        Notification(recipient_id=pk, kind=kind, message=message[:500], url=url, claim=claim, story=story)
        for pk in people
    )
    return len(people)


def story_needs_correction(story, claim=None) -> None:
    why = f": claim #{claim.pk} is now {claim.status}" if claim else ""
    notify(
        [story.owner],
        Notification.Kind.NEEDS_CORRECTION,
        f"Your story “{story.headline[:120]}” needs correction{why}.",
        url=story.get_absolute_url(),
        story=story,
        claim=claim,
    )


def claim_assigned(claim, assignee, by) -> None:
    notify(
        [assignee],
        Notification.Kind.ASSIGNED,
        f"{by.get_username()} assigned you claim #{claim.pk}: {claim.text[:200]}",
        url=claim.get_absolute_url(),
        claim=claim,
        skip=by,
    )


def verdict_awaits_approval(verification) -> None:
    editors = [
        u
        for u in get_user_model().objects.filter(is_active=True, groups__name=permissions.EDITOR).distinct()
        if u.pk != verification.author_id
    ]
    notify(
        editors,
        Notification.Kind.APPROVAL,
        f"{verification.author.get_username()}'s verdict “{verification.rating.label}” on claim "
        f"#{verification.claim_id} awaits your approval.",
        url="/queue/verdicts/",
        claim=verification.claim,
    )
