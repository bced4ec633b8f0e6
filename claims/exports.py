"""CSV exports of claims and the activity log, streamed in constant memory.

Rows are produced from `.iterator()` in chunks and written as they go, so a
newsroom-sized export never sits in memory. Every cell passes through `safe_cell`:
a value beginning with = + - @ (or a tab/carriage return) is prefixed with a quote
so a spreadsheet shows it as text instead of running it as a formula. So is every
such character that a spreadsheet would read as the start of a cell: after a
semicolon (the separator in many European locales, where this comma file splits
there), a comma, a tab or a line break, past any spaces or double quotes.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from . import permissions
from .models import Activity, Claim, Evidence, Story, Verification

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A separator, then what a reader skips before a cell's first character; then a formula start.
FORMULA_AFTER_SEPARATOR = re.compile(r"([;,\t\r\n][ \t\"]*)(?=[=+\-@])")
CHUNK = 500


def safe_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.isoformat()
    text = FORMULA_AFTER_SEPARATOR.sub(r"\1'", str(value))
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class Echo:
    """A file-like object whose write returns the line, for StreamingHttpResponse."""

    def write(self, value):
        return value


@dataclass(frozen=True)
class Filters:
    story: Story | None = None
    claim: Claim | None = None
    date_from: date | None = None
    date_to: date | None = None
    user: object = None  # the reader: only their desks' claims and activity


class BadParams(ValueError):
    pass


def _positive_id(params, name: str) -> int | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18 or int(raw) < 1:
        raise BadParams(f"`{name}` must be a positive whole number, not “{raw[:40]}”.")
    return int(raw)


def _date(params, name: str) -> date | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadParams(f"`{name}` must be a date as YYYY-MM-DD, not “{raw[:40]}”.") from None


def parse_filters(params, *, user=None, allow_claim: bool = False) -> Filters:
    """Read ?story=&claim=&from=&to= ; raises BadParams with a message for the 400."""
    story_id = _positive_id(params, "story")
    claim_id = _positive_id(params, "claim") if allow_claim else None
    date_from, date_to = _date(params, "from"), _date(params, "to")
    if date_from and date_to and date_from > date_to:
        raise BadParams("`from` must not be after `to`.")
    story = claim = None
    if story_id is not None:
        story = _visible(Story.objects, user, permissions.visible_stories).filter(pk=story_id).first()
        if story is None:
            raise BadParams(f"No story #{story_id}.")
    if claim_id is not None:
        claim = _visible(Claim.objects, user, permissions.visible_claims).filter(pk=claim_id).first()
        if claim is None:
            raise BadParams(f"No claim #{claim_id}.")
    return Filters(story=story, claim=claim, date_from=date_from, date_to=date_to, user=user)


def _visible(manager, user, rule):
    """Rows on the user's desks; everything when no user is given (management commands)."""
    return manager.all() if user is None else rule(user, manager.all())


def _day_range(field: str, filters: Filters) -> Q:
    q = Q()
    tz = timezone.get_current_timezone()
    if filters.date_from:
        q &= Q(**{f"{field}__gte": datetime.combine(filters.date_from, time.min, tzinfo=tz)})
    if filters.date_to and filters.date_to < date.max:
        q &= Q(**{f"{field}__lt": datetime.combine(filters.date_to + timedelta(days=1), time.min, tzinfo=tz)})
    return q


CLAIM_HEADER = [
    "claim_id",
    "text",
    "claimant",
    "kind",
    "status",
    "status_reason",
    "needs_review",
    "verdict",
    "verdict_approved_at",
    "verdict_rationale",
    "sources",
    "stories",
    "created_at",
    "updated_at",
]


def claims_queryset(filters: Filters) -> QuerySet:
    """Claims created in the date range (inclusive days) and/or mentioned in the story."""
    claims = _visible(Claim.objects, filters.user, permissions.visible_claims).filter(_day_range("created_at", filters))
    if filters.story is not None:
        claims = claims.filter(mentions__story=filters.story).distinct()
    return (
        claims.select_related("claimant", "current_verification", "current_verification__rating")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.filter(state=Evidence.State.ACCEPTED).select_related("source"),
                to_attr="accepted_evidence",
            ),
            Prefetch("mentions__story"),
        )
        .order_by("pk")
    )


def claim_row(claim: Claim) -> list:
    verdict = claim.current_verification
    if verdict is not None and verdict.state != Verification.State.APPROVED:
        verdict = None
    sources = "; ".join(
        f"{e.source.label} {e.stance}" + (f" {e.source.url}" if e.source.url else "") for e in claim.accepted_evidence
    )
    stories = "; ".join(sorted({f"#{m.story_id} {m.story.headline}" for m in claim.mentions.all()}))
    return [
        claim.pk,
        claim.text,
        claim.claimant.name if claim.claimant_id else "",
        claim.kind,
        claim.status,
        claim.status_reason,
        "yes" if claim.needs_review else "no",
        verdict.rating.label if verdict else "",
        verdict.approved_at if verdict else "",
        verdict.rationale if verdict else "",
        sources,
        stories,
        claim.created_at,
        claim.updated_at,
    ]


ACTIVITY_HEADER = ["at", "actor", "verb", "object", "claim_id", "story_id", "reason", "trigger"]


def activity_queryset(filters: Filters) -> QuerySet:
    entries = _visible(Activity.objects, filters.user, permissions.visible_activity).filter(
        _day_range("created_at", filters)
    )
    if filters.story is not None:
        entries = entries.filter(story=filters.story)
    if filters.claim is not None:
        entries = entries.filter(claim=filters.claim)
    return entries.order_by("created_at", "pk")


def activity_row(a: Activity) -> list:
    return [a.created_at, a.actor_label, a.verb, a.target_repr, a.claim_id or "", a.story_id or "", a.reason, a.trigger]


def stream(header: list[str], rows, to_row):
    """CSV lines, one at a time: the header, then a row per object from `rows`."""
    writer = csv.writer(Echo())
    yield writer.writerow(header)
    for obj in rows:
        yield writer.writerow([safe_cell(v) for v in to_row(obj)])


def claims_csv(filters: Filters):
    return stream(CLAIM_HEADER, claims_queryset(filters).iterator(chunk_size=CHUNK), claim_row)


def activity_csv(filters: Filters):
    return stream(ACTIVITY_HEADER, activity_queryset(filters).iterator(chunk_size=CHUNK), activity_row)
