"""Outgoing webhooks: a CMS hears about status changes, signed with HMAC-SHA256.

Each delivery is a WebhookDelivery row sent by the `deliver_webhook` job. The body
is the exact bytes signed: `X-Factdesk-Signature: sha256=<hex HMAC of the body>`
with the webhook's secret, so the receiver recomputes it over the raw body.
A failed attempt is retried with exponential backoff until
FACTDESK["WEBHOOK_MAX_ATTEMPTS"]; the response code or error of the last attempt
is kept on the row, with the time the next one is due, so the outbox sweeper
re-queues a retry whose message was lost. Delivery is at least once: receivers
dedupe by the X-Factdesk-Delivery id.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import fetching, outbox
from .models import Webhook, WebhookDelivery

DELIVER_TASK = "claims.tasks.deliver_webhook"
SIGNATURE_HEADER = "X-Factdesk-Signature"


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does: constant-time comparison of the signature header."""
    return hmac.compare_digest(signature(secret, body), header or "")


def payload_for_status_change(claim, old_status: str) -> dict:
    return {
        "event": "claim.status_changed",
        "claim": {
            "id": claim.pk,
            "text": claim.text,
            "status": claim.status,
            "previous_status": old_status,
            "status_reason": claim.status_reason,
            "url": claim.get_absolute_url(),
        },
    }


def queue_status_change(claim, old_status: str) -> None:
    payload = payload_for_status_change(claim, old_status)
    for hook in Webhook.objects.filter(active=True):
        delivery = WebhookDelivery.objects.create(webhook=hook, event=payload["event"], payload=payload)
        outbox.schedule(DELIVER_TASK, delivery.pk)


def payload_for_story(story, event: str, *, notice=None, claim=None) -> dict:
    data = {
        "event": event,
        "story": {
            "id": story.pk,
            "headline": story.headline,
            "state": story.state,
            "needs_correction": story.needs_correction,
            "published_url": story.published_url,
            "url": story.get_absolute_url(),
        },
    }
    if claim is not None:
        data["claim"] = {"id": claim.pk, "status": claim.status, "status_reason": claim.status_reason}
    if notice is not None:
        data["correction"] = {
            "sequence": notice.sequence,
            "kind": notice.kind,
            "text": notice.text,
            "claims": sorted(notice.claims.values_list("pk", flat=True)),
            "published_at": notice.published_at.isoformat() if notice.published_at else None,
        }
    return data


def queue_story_event(story, event: str, *, notice=None, claim=None) -> None:
    """story.needs_correction / story.corrected, delivered like status changes."""
    payload = payload_for_story(story, event, notice=notice, claim=claim)
    for hook in Webhook.objects.filter(active=True):
        delivery = WebhookDelivery.objects.create(webhook=hook, event=event, payload=payload)
        outbox.schedule(DELIVER_TASK, delivery.pk)


def encode(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def backoff_seconds(attempts: int) -> int:
    """30 s, 60 s, 120 s … after the 1st, 2nd, 3rd failure; at most an hour."""
    base = settings.FACTDESK.get("WEBHOOK_BACKOFF_SECONDS", 30)
    return min(base * 2 ** max(attempts - 1, 0), 3600)


def attempt(delivery: WebhookDelivery) -> bool:
    """POST the delivery once; record the outcome on the row. True when delivered."""
    if delivery.state == WebhookDelivery.State.DELIVERED:
        return True
    hook = delivery.webhook
    body = encode(delivery.payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Fact desk webhooks",
        "X-Factdesk-Event": delivery.event,
        "X-Factdesk-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: signature(hook.secret, body),
    }
    code, error = None, ""
    try:
        code = fetching.post(hook.url, content=body, headers=headers)
        if not 200 <= code < 300:
            error = f"HTTP {code}"
    except fetching.FetchError as exc:
        error = exc.reason[:2000]
    delivery.attempts += 1
    delivery.response_code = code
    delivery.last_error = error
    max_attempts = settings.FACTDESK.get("WEBHOOK_MAX_ATTEMPTS", 6)
    delivery.next_attempt_at = None
    if not error:
        delivery.state = WebhookDelivery.State.DELIVERED
        delivery.delivered_at = timezone.now()
    elif delivery.attempts >= max_attempts or error.startswith("Refused"):
        delivery.state = WebhookDelivery.State.FAILED
    else:
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=backoff_seconds(delivery.attempts))
    delivery.save(update_fields=["attempts", "response_code", "last_error", "state", "delivered_at", "next_attempt_at"])
    return not error


def sweep_overdue(grace: timedelta = timedelta(seconds=60)) -> int:
    """Re-queue pending deliveries whose retry is overdue (its countdown message was lost with a
    broker or worker). Goes through the outbox, so a broker that is still down loses nothing."""
    due = WebhookDelivery.objects.filter(
        state=WebhookDelivery.State.PENDING, next_attempt_at__lte=timezone.now() - grace
    ).values_list("pk", flat=True)[:500]
    count = 0
    for delivery_id in due:
        with transaction.atomic():
            outbox.schedule(DELIVER_TASK, delivery_id)
        count += 1
    return count


def should_retry(delivery: WebhookDelivery) -> bool:
    return delivery.state == WebhookDelivery.State.PENDING
