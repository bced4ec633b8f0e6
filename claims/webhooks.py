"""Outgoing webhooks: a CMS hears about status changes, signed with HMAC-SHA256."""

from __future__ import annotations

import hashlib
import hmac
import json

from . import outbox
from .models import Webhook, WebhookDelivery

DELIVER_TASK = "claims.tasks.deliver_webhook"


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


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


def encode(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
