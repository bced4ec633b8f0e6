"""RSS/Atom feeds (and ClaimReview feeds, claims/reviews_in/feeds.py): polled on a schedule, each new
entry becomes a source exactly once.

Conditional requests (ETag / Last-Modified) keep polling cheap; the unique
(feed, feed_entry_id) constraint makes a poll that runs twice add nothing twice.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from . import fetching, intake
from .models import Feed, Source

log = logging.getLogger(__name__)
MAX_ENTRIES = 200


def due_feeds():
    """Active feeds whose poll interval has passed (or that were never polled)."""
    now = timezone.now()
    feeds = Feed.objects.filter(active=True)
    return [
        f
        for f in feeds.filter(
            Q(last_polled_at__isnull=True) | Q(last_polled_at__lt=now - timedelta(minutes=1))
        ).order_by(F("last_polled_at").asc(nulls_first=True))
        if f.last_polled_at is None or f.last_polled_at <= now - timedelta(minutes=f.poll_minutes)
    ]


def poll_feed(feed_id: int) -> int:
    """Fetch one feed and add its new entries as sources; returns how many were added.

    Never raises for a bad feed: the reason is stored in Feed.last_error.
    """
    import feedparser

    feed = Feed.objects.filter(pk=feed_id, active=True).first()
    if feed is None:
        return 0
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    reviews = feed.format == Feed.Format.CLAIMREVIEW
    try:
        page = fetching.fetch(feed.url, accept=fetching.PAGE_TYPES if reviews else fetching.FEED_TYPES, headers=headers)
    except fetching.FetchError as exc:
        _polled(feed, error=exc.reason)
        return 0
    if page.status == 304:
        _polled(feed)
        return 0
    if reviews:  # ClaimReview, not RSS: its reviews not yet on record become one source
        from .reviews_in.feeds import add_reviews

        added, problem = add_reviews(feed, page.text)
        _polled(
            feed,
            error=problem,
            etag=page.headers.get("etag", ""),
            last_modified=page.headers.get("last-modified", ""),
        )
        return added
    parsed = feedparser.parse(page.body)
    entries = parsed.get("entries") or []
    # feedparser reads what it can of a broken feed: keep the usable entries, record the problem.
    problem = (
        f"Malformed feed: {parsed.get('bozo_exception') or 'not RSS or Atom'}"[:1000] if parsed.get("bozo") else ""
    )
    if not entries and problem:
        _polled(feed, error=problem)
        return 0
    added = 0
    for entry in entries[:MAX_ENTRIES]:
        try:
            added += add_entry(feed, entry)
        except Exception as exc:  # one odd entry must not lose the rest
            log.warning("feed %s: skipped an entry: %s", feed.pk, exc)
    _polled(
        feed,
        error=problem,
        etag=page.headers.get("etag", ""),
        last_modified=page.headers.get("last-modified", ""),
        title=(parsed.get("feed") or {}).get("title", ""),
    )
    return added


def entry_id(entry) -> str:
    found = entry.get("id") or entry.get("link")
    if not found:
        found = "sha256:" + hashlib.sha256((entry.get("title", "") + entry.get("summary", "")).encode()).hexdigest()
    return str(found)[:500]


def add_entry(feed: Feed, entry) -> int:
    key = entry_id(entry)
    if Source.objects.filter(feed=feed, feed_entry_id=key).exists():
        return 0
    link = entry.get("link") or ""
    if not link.startswith(("http://", "https://")):
        link = ""
    summary = _plain(entry.get("summary") or "")
    if not (link or summary):
        return 0
    try:
        with transaction.atomic():
            intake.add_source(
                None,
                url=link,
                text="" if link else summary,
                title=(entry.get("title") or "")[:500],
                outlet=feed.outlet or feed.title,
                kind=feed.kind,
                reliability=feed.reliability,
                published_at=_published(entry),
                feed=feed,
                feed_entry_id=key,
            )
    except IntegrityError:  # a concurrent poll added it first
        return 0
    except Exception as exc:  # an entry that fails validation is skipped, the feed carries on
        log.warning("feed %s: entry %s not added: %s", feed.pk, key, exc)
        return 0
    return 1


def _published(entry) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _plain(html: str) -> str:
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html).split())


def _polled(
    feed: Feed, *, error: str = "", etag: str | None = None, last_modified: str | None = None, title: str = ""
) -> None:
    fields = {"last_polled_at": timezone.now(), "last_error": error}
    if etag is not None and not error:
        fields["etag"] = etag[:300]
    if last_modified is not None and not error:
        fields["last_modified"] = last_modified[:100]
    if title and not feed.title:
        fields["title"] = str(title)[:300]
    Feed.objects.filter(pk=feed.pk).update(**fields)
