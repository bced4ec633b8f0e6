"""Celery tasks: thin wrappers that load by id and call a service.

Every task is idempotent (safe to run twice) and marks its outbox row done.
"""

from __future__ import annotations

from celery import shared_task
from celery.signals import task_failure

from . import outbox


@task_failure.connect
def record_job_failure(sender=None, exception=None, kwargs=None, **_):
    """Any task that raises or runs out of time keeps the reason on its outbox row, which
    then waits (backoff) or, out of attempts, is recorded as failed (outbox.record_failure)."""
    outbox.record_failure((kwargs or {}).get("outbox_id"), exception)


@shared_task(acks_late=True)
def refresh_claim_status(claim_id: int, trigger: str = "", outbox_id: int | None = None):
    if not outbox.start(outbox_id):
        return
    from .models import Claim
    from .services import refresh_status

    if Claim.objects.filter(pk=claim_id).exists():
        refresh_status(claim_id, actor="job:refresh_status", trigger=trigger)
    outbox.mark_done(outbox_id)


@shared_task(acks_late=True)
def suggest_claims_for_story(story_id: int, outbox_id: int | None = None):
    if not outbox.start(outbox_id):
        return
    from .models import Story
    from .suggestions import store_suggestions

    story = Story.objects.filter(pk=story_id).first()
    if story is not None:
        store_suggestions(story)
    outbox.mark_done(outbox_id)


@shared_task(acks_late=True)
def embed_claim(claim_id: int, outbox_id: int | None = None):
    """The claim's sentence embedding, computed once for the matcher (a no-op when current)."""
    if not outbox.start(outbox_id):
        return
    from .matching.context import embed_claims

    embed_claims([claim_id])
    outbox.mark_done(outbox_id)


@shared_task
def sweep_outbox():
    """Beat: re-send jobs the broker never got, and webhook retries whose message was lost."""
    from . import webhooks

    return outbox.sweep() + webhooks.sweep_overdue()


@shared_task(bind=True, acks_late=True, soft_time_limit=120, time_limit=150)
def process_source(self, source_id: int, outbox_id: int | None = None):
    """Fetch, group and match a source; fetches that may pass later retry after 2, 4, 8 … s."""
    from django.conf import settings

    from .processing import RetryLater
    from .processing import process_source as process

    if not outbox.start(outbox_id):
        return
    try:
        process(source_id)
    except RetryLater as exc:
        outbox.mark_done(outbox_id)  # the retry below carries the job on
        retries = self.request.retries
        # In-process (eager) runs do not wait and retry: the failure stays recorded, "Fetch again" retries.
        if not self.request.is_eager and retries < settings.FACTDESK["FETCH_MAX_RETRIES"]:
            raise self.retry(exc=exc, countdown=2 ** (retries + 1), max_retries=None)
        return
    outbox.mark_done(outbox_id)


@shared_task(acks_late=True)
def deliver_webhook(delivery_id: int, outbox_id: int | None = None):
    """POST one webhook delivery; on failure schedule the next attempt with exponential backoff.

    The outbox row is done once the first attempt ran: later attempts are Celery
    messages with a countdown (`webhooks.backoff_seconds`), and a delivered row is
    never sent twice.
    """
    import logging

    from . import webhooks
    from .models import WebhookDelivery

    if not outbox.start(outbox_id):
        return
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is not None and delivery.state == WebhookDelivery.State.PENDING:
        webhooks.attempt(delivery)
    outbox.mark_done(outbox_id)
    if delivery is not None and webhooks.should_retry(delivery):
        try:
            deliver_webhook.apply_async(
                args=[delivery_id], countdown=webhooks.backoff_seconds(delivery.attempts), retry=False
            )
        except Exception as exc:  # broker down: the row stays pending with its last error
            logging.getLogger(__name__).warning("webhook %s: could not schedule retry: %s", delivery_id, exc)


@shared_task(ignore_result=True)
def poll_feeds():
    """Beat: queue a poll for every feed that is due (a lost poll is simply redone next time)."""
    from .feeds import due_feeds

    due = due_feeds()
    for feed in due:
        poll_feed.delay(feed.pk)
    return len(due)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def poll_feed(feed_id: int):
    from .feeds import poll_feed as poll

    return poll(feed_id)
