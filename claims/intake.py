"""Sources coming in: by URL, pasted text, uploaded file or feed entry."""

from __future__ import annotations

from datetime import UTC, datetime, time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from . import outbox, permissions
from .activity import record
from .models import DateOrigin, Source
from .published import publication_time_error

PROCESS_TASK = "claims.tasks.process_source"


def upload_error(file) -> str | None:
    """Why an uploaded file is refused before it is stored: over the size processing reads."""
    limit = settings.FACTDESK["FETCH_MAX_BYTES"]
    if (file.size or 0) > limit:
        return f"File larger than {limit / (1024 * 1024):g} MB: upload a shorter file or paste its text."
    return None


def add_source(
    user,
    *,
    url: str | None = None,
    text: str | None = None,
    file=None,
    title: str = "",
    outlet: str = "",
    kind: str = "other",
    reliability: str = "F",
    published_at=None,
    feed=None,
    feed_entry_id: str = "",
) -> Source:
    """Create a pending source and queue the job that fetches, groups and matches it."""
    if user is not None and not permissions.can_add_source(user):
        raise PermissionDenied("Only desk members add sources.")
    url = (url or "").strip()
    text = (text or "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError({"url": "Enter a full http:// or https:// address."})
    if not (url or text or file):
        raise ValidationError("A source needs a URL, pasted text or a file.")
    if file is not None and (problem := upload_error(file)):
        raise ValidationError({"file": problem})
    if published_at is not None and not isinstance(published_at, datetime):
        # A day typed without a time: its start in the desk's time zone.
        published_at = timezone.make_aware(datetime.combine(published_at, time()))
    error = publication_time_error(published_at, timezone.now())
    if error and feed is not None:
        published_at = None  # a feed's odd date is dropped (the page's own is read instead), not its entry
    elif error:
        raise ValidationError({"published_at": error})
    if published_at is not None:
        # Store UTC: PostgreSQL refuses odd offsets such as +19:47 that ISO 8601 allows.
        published_at = (
            published_at.astimezone(UTC) if timezone.is_aware(published_at) else timezone.make_aware(published_at, UTC)
        )
    with transaction.atomic():
        source = Source(
            url=url,
            text=text,
            title=title.strip(),
            outlet=outlet.strip(),
            kind=kind,
            reliability=reliability,
            published_at=published_at,
            # A feed entry's date is the feed's; any other was typed by a person or an API client.
            published_at_origin=(DateOrigin.FEED if feed is not None else DateOrigin.GIVEN) if published_at else "",
            feed=feed,
            feed_entry_id=feed_entry_id,
            added_by=user if user is not None else None,
        )
        if file is not None:
            source.file = file
        source.full_clean(exclude=["file"])
        source.save()
        record(
            user if user is not None else "feed poller",
            "added source",
            source,
            reason=url or (title or "pasted text")[:200],
        )
        outbox.schedule(PROCESS_TASK, source.pk)
    return source
