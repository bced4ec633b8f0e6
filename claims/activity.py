"""Writing the append-only activity log."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from .models import Activity


def actor_fields(actor) -> dict:
    """A person (User) or a job/matcher named by a string."""
    if actor is None or isinstance(actor, str):
        return {"actor": None, "actor_label": actor or "system"}
    return {"actor": actor, "actor_label": actor.get_username()}


def record(
    actor, verb: str, target, *, reason: str = "", trigger: str = "", claim=None, story=None, data=None
) -> Activity:
    return Activity.objects.create(
        **actor_fields(actor),
        verb=verb,
        target_type=ContentType.objects.get_for_model(type(target)),
        target_id=target.pk,
        target_repr=str(target)[:200],
        claim=claim,
        story=story,
        reason=reason[:500],
        trigger=trigger[:200],
        data=data or {},
    )
