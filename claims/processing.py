"""What happens to a source after intake: get its text, group copies, bear it on claims.

Network work happens outside any transaction; everything the job writes is then
written in one transaction under a lock on the source row, so a job killed half
way leaves nothing behind and a job run twice finds the source fetched and stops.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import extraction, fetching, matching, syndication
from .activity import record
from .extraction import Extracted, ExtractionError
from .fetching import FetchError
from .models import Evidence, MatcherSettings, Source
from .models.sources import DateOrigin
from .published import find_published_date, publication_time_error
from .reviews_in import markup as review_markup
from .reviews_in.records import record_found
from .sites import same_site

log = logging.getLogger(__name__)
MATCHER = "matcher"


class RetryLater(Exception):
    """The fetch failed in a way that may pass (timeout, 5xx, connection): try again later."""


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).lower().encode()).hexdigest()


def process_source(source_id: int) -> Source | None:
    """Fetch, extract, group and match one source. Idempotent; records every failure on the source.

    Raises RetryLater (after recording the failure) when trying again may pass.
    """
    source = Source.objects.filter(pk=source_id).first()
    if source is None or source.fetch_state == Source.FetchState.FETCHED:
        return source  # already done: a second run changes nothing
    try:
        content = obtain(source)
    except FetchError as exc:
        record_failure(source_id, exc.reason)
        if exc.retryable:
            raise RetryLater(exc.reason) from exc
        return source
    except ExtractionError as exc:
        record_failure(source_id, str(exc))
        return source
    except Exception as exc:  # a bug or hostile input must never take the worker down
        log.exception("source %s: could not read", source_id)
        record_failure(source_id, f"Could not read the source ({exc.__class__.__name__})")
        return source
    return store(source_id, content)


def obtain(source: Source) -> Extracted:
    """The source's text and metadata: pasted, from its file, reused from a twin, or fetched."""
    if source.text.strip():
        return Extracted(text=source.text.strip(), markup=source.text)
    if source.file:
        return read_upload(source)
    twin = fetched_twin(source)
    if twin is not None:  # the same address was fetched already: reuse it, do not fetch again
        return Extracted(
            twin.text,
            twin.title,
            twin.published_at,
            twin.outlet,
            twin.canonical_url or twin.url,
            published_at_origin=twin.published_at_origin,
        )
    page = fetching.fetch(source.url)
    if page.content_type in fetching.JSON_TYPES:
        return json_document(page.text)
    content = extraction.extract(page.text, page.content_type, page.url)
    content.markup = page.text
    return content


def json_document(body: str) -> Extracted:
    """A fetched JSON-LD document is kept when it carries ClaimReview; any other JSON is not a source."""
    found = review_markup.find_reviews(body)
    if not found.reviews:
        problems = " ".join(found.problems) or "no ClaimReview in it."
        raise ExtractionError(f"A JSON document, not a page: {problems}"[:2000])
    return Extracted(text=body.strip(), markup=body)


def fetched_twin(source: Source) -> Source | None:
    """The first fetched source for this address: fetched from it, or a page of the same site that
    named it as its canonical address (a foreign page's word for another site's address is not taken)."""
    candidates = (
        Source.objects.filter(fetch_state=Source.FetchState.FETCHED)
        .filter(Q(url=source.url) | Q(canonical_url=source.url))
        .exclude(pk=source.pk)
        .exclude(text="")
        .order_by("pk")
    )
    for twin in candidates[:10]:
        if twin.url == source.url or same_site(twin.url, source.url):
            return twin
    return None


UPLOAD_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
}


def read_upload(source: Source) -> Extracted:
    limit = settings.FACTDESK["FETCH_MAX_BYTES"]
    suffix = Path(source.file.name).suffix.lower()
    with source.file.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ExtractionError(f"File larger than {limit / (1024 * 1024):g} MB")
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        raise ExtractionError("Unsupported file type (PDF): no PDF reader is installed; paste the text instead")
    if suffix in (".json", ".jsonld") and b"\x00" not in data[:4096]:
        return json_document(data.decode("utf-8", errors="replace"))  # a file of ClaimReviews
    content_type = UPLOAD_TYPES.get(suffix)
    if content_type is None or b"\x00" in data[:4096]:
        raise ExtractionError(
            f"Unsupported file type ({suffix or 'no extension'}): upload .txt or .html (or .json of ClaimReviews)"
        )
    text = data.decode("utf-8", errors="replace")
    content = extraction.extract(text, content_type)
    content.markup = text
    return content


def record_failure(source_id: int, reason: str) -> None:
    with transaction.atomic():
        source = Source.objects.select_for_update().filter(pk=source_id).first()
        if source is None or source.fetch_state == Source.FetchState.FETCHED:
            return
        source.fetch_state = Source.FetchState.FAILED
        source.fetch_error = reason[:2000]
        source.fetch_attempts += 1
        source.save(update_fields=["fetch_state", "fetch_error", "fetch_attempts"])
        record("job:process_source", "could not fetch source", source, reason=reason)


def store(source_id: int, content: Extracted) -> Source | None:
    with transaction.atomic():
        source = Source.objects.select_for_update().filter(pk=source_id).first()
        if source is None or source.fetch_state == Source.FetchState.FETCHED:
            return source  # another run finished first
        source.text = content.text
        source.title = source.title or content.title[:500]
        source.outlet = source.outlet or content.site_name[:200]
        if source.published_at is None:
            source.published_at, source.published_at_origin = published_from(content)
        source.canonical_url = (content.canonical_url or source.url)[:2000]
        source.content_hash = content_hash(content.text)
        source.fetch_state = Source.FetchState.FETCHED
        source.fetch_error = ""
        source.fetched_at = timezone.now()
        source.fetch_attempts += 1
        found = reviews_on(source_id, content.markup)
        twin = duplicate_of(source)
        if twin is not None:
            # Same page or same text: it counts with the first one, and its evidence is already proposed.
            if twin.syndication_group_id is None:
                Source.objects.filter(pk=twin.pk).update(syndication_group_id=twin.pk)
            source.syndication_group_id = twin.syndication_group_id or twin.pk
            source.minhash = twin.minhash
            source.save()
            record(
                "job:process_source",
                "linked duplicate source",
                source,
                reason=f"Same {'page' if source.canonical_url == twin.canonical_url else 'text'} as source #{twin.pk}",
            )
            record_found(source, found)  # its reviews are the twin's: linked, not proposed again
            return source
        grouping = syndication.assign_group(source)
        source.save()
        if grouping is not None:
            record("job:process_source", "grouped syndicated copy", source, reason=grouping.reason)
        record_found(source, found)
        if not (found.reviews or found.is_document):
            # A page carrying ClaimReview bears on claims through its reviews' verdicts; its
            # prose matched as well would give the same organisation a second, guessed stance.
            propose_evidence(source)
    return source


def reviews_on(source_id: int, markup: str) -> review_markup.Found:
    """The ClaimReviews in what came in; a reader bug is a problem on the source, not a failed job."""
    if not markup:
        return review_markup.Found()
    try:
        return review_markup.find_reviews(markup)
    except Exception as exc:
        log.exception("source %s: could not read its ClaimReview markup", source_id)
        return review_markup.Found(problems=[f"Could not read the ClaimReview markup ({exc.__class__.__name__})."])


def published_from(content: Extracted) -> tuple[datetime | None, str]:
    """A source's publication time and where it came from: the page's metadata, else its
    dateline, else a full date in its first lines (the day's start in the desk's time zone)."""
    now = timezone.now()
    if content.published_at is not None and not publication_time_error(content.published_at, now):
        return content.published_at, content.published_at_origin or DateOrigin.METADATA
    found = find_published_date(content.text, timezone.localdate(now))
    if found is None:
        return None, ""
    return timezone.make_aware(datetime.combine(found.day, time())), found.origin


def duplicate_of(source: Source) -> Source | None:
    """The first fetched source with the same text, or the same canonical page as its own site says."""
    fetched = Source.objects.filter(fetch_state=Source.FetchState.FETCHED).exclude(pk=source.pk).order_by("pk")
    found = [fetched.filter(content_hash=source.content_hash).first()]
    if source.canonical_url:
        # Canonical addresses are stored only when the page's own site declared them; an older row
        # that took a foreign page's word for it is passed over here.
        same_page = fetched.filter(canonical_url=source.canonical_url)[:10]
        found += [t for t in same_page if t.url == t.canonical_url or same_site(t.url, t.canonical_url)]
    return min((t for t in found if t is not None), key=lambda t: t.pk, default=None)


def propose_evidence(source: Source) -> list[Evidence]:
    """Turn the matcher's proposals into evidence; each queues its claim's refresh.

    Proposals scoring at least the suggestion tier become suggestions; with the confirm tier on,
    a confirmable proposal at or above its threshold is accepted by the matcher. A copy of a wire
    story whose group already has live evidence on a claim adds nothing there (one live stance).
    """
    from .review import LIVE, same_story
    from .services import queue_refresh

    tiers = MatcherSettings.current()
    try:
        proposals = matching.match_source(source, min_score=tiers.suggest_threshold)
    except Exception as exc:  # a matcher bug on odd text must not undo the fetch or loop the job
        log.exception("source %s: could not match", source.pk)
        record(
            "job:process_source", "could not match source", source, reason=f"Matcher error ({exc.__class__.__name__})"
        )
        return []
    already = set(Evidence.objects.filter(source=source).values_list("claim_id", flat=True))
    wanted = {p.claim_id for p in proposals} - already
    if wanted:
        already |= set(
            Evidence.objects.filter(same_story(source), claim_id__in=wanted, state__in=LIVE).values_list(
                "claim_id", flat=True
            )
        )
    created = []
    for p in proposals:
        if p.claim_id in already:
            continue
        confirm = tiers.confirm_enabled and p.confirmable is True and p.score >= tiers.confirm_threshold
        evidence = Evidence.objects.create(
            claim_id=p.claim_id,
            source=source,
            stance=p.stance,
            excerpt=p.excerpt,
            observed_value=p.observed_value,
            observed_at=p.observed_at,
            matcher_score=p.score,
            matcher_reason=p.reason,
            state=Evidence.State.ACCEPTED if confirm else Evidence.State.SUGGESTED,
            machine_accepted=confirm,
            # The status rules date an acceptance by reviewed_at; no reviewed_by: no person reviewed it.
            reviewed_at=timezone.now() if confirm else None,
        )
        already.add(p.claim_id)
        if confirm:
            record(
                MATCHER,
                "machine-accepted evidence",
                evidence,
                claim=evidence.claim,
                reason=f"{p.stance} ({p.score:.2f} ≥ confirm {tiers.confirm_threshold:.2f}, "
                f"suggest {tiers.suggest_threshold:.2f}): {p.reason}",
                data={
                    "score": p.score,
                    "suggest_threshold": tiers.suggest_threshold,
                    "confirm_threshold": tiers.confirm_threshold,
                },
            )
            queue_refresh(p.claim_id, f"evidence #{evidence.pk} machine-accepted from source #{source.pk}")
        else:
            record(
                MATCHER,
                "suggested evidence",
                evidence,
                claim=evidence.claim,
                reason=f"{p.stance} ({p.score:.2f}): {p.reason}",
            )
            queue_refresh(p.claim_id, f"evidence #{evidence.pk} suggested from source #{source.pk}")
        created.append(evidence)
    return created
