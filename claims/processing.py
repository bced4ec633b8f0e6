"""What happens to a source after intake: get its text, then bear it on claims."""

from __future__ import annotations

import hashlib

from django.utils import timezone

from .models import Source


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).lower().encode()).hexdigest()


def process_source(source_id: int) -> Source | None:
    source = Source.objects.filter(pk=source_id).first()
    if source is None or source.fetch_state == Source.FetchState.FETCHED:
        return source  # already done: a second run changes nothing
    if source.text:
        source.content_hash = content_hash(source.text)
        source.fetch_state = Source.FetchState.FETCHED
        source.fetched_at = timezone.now()
        source.save(update_fields=["content_hash", "fetch_state", "fetched_at"])
    return source
