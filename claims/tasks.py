"""Celery tasks: thin wrappers that load by id and call a service.

Every task is idempotent (safe to run twice) and marks its outbox row done.
"""

from __future__ import annotations

from celery import shared_task

from . import outbox


@shared_task(acks_late=True)
def refresh_claim_status(claim_id: int, trigger: str = "", outbox_id: int | None = None):
    from .models import Claim
    from .services import refresh_status

    if Claim.objects.filter(pk=claim_id).exists():
        refresh_status(claim_id, actor="job:refresh_status", trigger=trigger)
    outbox.mark_done(outbox_id)


@shared_task(acks_late=True)
def suggest_claims_for_story(story_id: int, outbox_id: int | None = None):
    from .models import Story
    from .suggestions import store_suggestions

    story = Story.objects.filter(pk=story_id).first()
    if story is not None:
        store_suggestions(story)
    outbox.mark_done(outbox_id)


@shared_task
def sweep_outbox():
    return outbox.sweep()


@shared_task(acks_late=True)
def process_source(source_id: int, outbox_id: int | None = None):
    from .processing import process_source as process

    process(source_id)
    outbox.mark_done(outbox_id)
