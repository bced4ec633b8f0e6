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


EDITABLE = ("url", "text", "file", "title", "outlet", "kind", "reliability", "published_at")
CONTENT = {"url", "text", "file"}
# Who the source is, how reliable and how recent: the status rules read these, so its claims are refreshed.
GRADED = {"outlet", "kind", "reliability", "published_at"}


def edit_source(source: Source, user, **changes) -> Source:
    """A checker corrects a source: new words are fetched and matched again; a new grade, outlet or date
    refreshes the claims it bears on (supported, refuted and outdated depend on them)."""
    from .services import queue_refresh

    if not permissions.can_edit_source(user):
        raise PermissionDenied("Only fact-checkers and editors change a source.")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"Cannot edit {', '.join(sorted(unknown))}.")
    if changes.get("file") and (problem := upload_error(changes["file"])):
        raise ValidationError({"file": problem})
    if "published_at" in changes and (error := publication_time_error(changes["published_at"], timezone.now())):
        raise ValidationError({"published_at": error})
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source.pk)
        for name, value in changes.items():
            setattr(source, name, value)
        fields = list(changes)
        if "published_at" in changes:
            source.published_at_origin = DateOrigin.GIVEN if source.published_at else ""
            fields.append("published_at_origin")
        refetch = bool(CONTENT & set(changes))
        if refetch:
            source.fetch_state, source.fetch_error = Source.FetchState.PENDING, ""
            fields += ["fetch_state", "fetch_error"]
        source.full_clean(exclude=["file"])
        source.save(update_fields=fields)
        record(user, "edited source", source, reason=", ".join(sorted(changes)))
        if refetch:
            outbox.schedule(PROCESS_TASK, source.pk)
        if GRADED & set(changes):
            for claim_id in source.evidence.values_list("claim_id", flat=True).distinct():
                queue_refresh(claim_id, f"source #{source.pk} edited by {user.get_username()}")
    return source


def refetch_source(source: Source, user) -> Source:
    """Fetch, group and match a source again (after a failure, or when its page changed)."""
    if not permissions.can_edit_source(user):
        raise PermissionDenied("Only fact-checkers and editors fetch a source again.")
    with transaction.atomic():
        Source.objects.filter(pk=source.pk).update(fetch_state=Source.FetchState.PENDING, fetch_error="")
        record(user, "fetched source again", source, reason=source.url or source.title[:200])
        outbox.schedule(PROCESS_TASK, source.pk)
    return source
