from datetime import UTC, date, datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, StrictFloat, StrictInt, model_validator

from ..models import STORY_BODY_MAX_CHARS
from ..published import publication_time_error


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL: refuse it as invalid input (422), not a database
    # error. (Lone surrogates pydantic refuses by itself.)
    if "\x00" in value:
        raise ValueError("must not contain NUL (\\u0000) characters")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
"""A string from a client: every input field and filter uses it."""


def _json_string(value):
    # Pydantic would read 1700000000 as a date; the schema promises an ISO string.
    if value is not None and not isinstance(value, str):
        raise ValueError("must be an ISO 8601 string")
    return value


def _json_number(value):
    # Pydantic would read true as 1; the schema promises a number.
    if isinstance(value, bool | str):
        raise ValueError("must be a number")
    return value


# Request bodies take JSON types as the OpenAPI document declares them: no "1" for 1, no
# true for 1, no number for a date (pydantic's lax mode would quietly convert them).
Int = StrictInt
Number = StrictFloat
Day = Annotated[date, BeforeValidator(_json_string)]
Moment = Annotated[datetime, BeforeValidator(_json_string)]
Priority = Annotated[Literal[1, 2, 3], BeforeValidator(_json_number)]


def _plausible_publication(value: datetime | None) -> datetime | None:
    # Pydantic refuses "2024-02-30" and unparseable text; this refuses the parseable but
    # impossible (year 1066, next month). Stored in UTC: PostgreSQL refuses odd offsets.
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    error = publication_time_error(value, timezone.now())
    if error:
        raise ValueError(error)
    return value.astimezone(UTC)


def _web_address(value: str) -> str:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError:
            raise ValueError("must be a full http:// or https:// address") from None
    return value


PublishedAt = Annotated[datetime, BeforeValidator(_json_string), AfterValidator(_plausible_publication)]
WebAddress = Annotated[str, AfterValidator(_no_nul), AfterValidator(_web_address)]


class StoryIn(Schema):
    headline: Text = Field(min_length=1, max_length=300)
    body: Text = Field(min_length=1, max_length=STORY_BODY_MAX_CHARS)
    desk: Text = Field("", max_length=80)
    byline: Text = Field("", max_length=200)
    published_at: PublishedAt | None = Field(
        None, description="ISO 8601; not before 1900 nor more than a day ahead. Without an offset, UTC."
    )
    published_url: WebAddress = Field("", max_length=2000)


class TransitionIn(Schema):
    state: Literal["draft", "in_review", "cleared", "published", "corrected"]
    reason: Text = Field("", max_length=500, description="Why; required to clear a story with open warnings.")
    published_url: WebAddress = Field("", max_length=2000, description="Required to publish (unless already set).")
    published_at: PublishedAt | None = Field(None, description="ISO 8601; defaults to now when publishing.")
    expected_version: Annotated[int, Field(ge=1, le=2**31)] | None = Field(
        None, description="The story version you loaded; 409 if it changed."
    )


class CorrectionIn(Schema):
    kind: Literal["correction", "clarification", "update", "retraction"]
    text: Text = Field(min_length=1, max_length=5000)
    claims: list[Annotated[int, Field(ge=1, le=2**53)]] = Field(default_factory=list, max_length=200)


class NoticeOut(Schema):
    id: int
    sequence: int
    kind: str
    text: str
    claims: list[int]
    state: str
    published_at: datetime | None


class CorrectionOut(NoticeOut):
    story: int
    story_state: str
    needs_correction: bool


class MentionOut(Schema):
    id: int
    text: str
    status: str
    start: int
    end: int


class StoryOut(Schema):
    id: int
    headline: str
    body: str
    desk: str
    byline: str
    state: str
    version: int
    needs_correction: bool
    fact_health: dict[str, int]
    published_url: str
    published_at: datetime | None
    url: str
    claims: list[MentionOut]
    corrections: list[NoticeOut] = []


class QuantityOut(Schema):
    value: float | None
    unit: str = ""
    bound: str = ""
    as_of: date | None = None


class SuggestionOut(Schema):
    id: int
    text: str
    start: int
    end: int
    claimant: str | None
    kind: str
    quantity: QuantityOut | None
    score: float
    reasons: list[str]
    state: str


class ClaimIn(Schema):
    story: Int = Field(ge=1, le=2**53)
    start: Int = Field(ge=0, le=10_000_000)
    end: Int = Field(gt=0, le=10_000_000)
    text: Text | None = Field(None, max_length=5000)
    claimant: Text | None = Field(None, max_length=200)


class EvidenceOut(Schema):
    id: int
    source: int
    source_title: str
    outlet: str
    reliability: str
    stance: str
    state: str
    excerpt: str
    score: float | None
    reason: str
    proposed_by: str | None
    proposed_stance: str | None = Field(description="What was first proposed, once a person changed the stance.")
    stance_changed_by: str | None
    stance_changed_at: datetime | None
    machine_accepted: bool = Field(description="Accepted by the matcher's confirm tier, not by a person.")


Stance = Literal["supports", "contradicts", "updates", "context"]


class StanceIn(Schema):
    stance: Stance


class SkippedOut(Schema):
    evidence: int
    claim: int
    reason: str


class BulkReviewOut(Schema):
    accepted: int
    rejected: int
    skipped: list[SkippedOut]


class VerdictOut(Schema):
    id: int
    rating: str
    label: str
    rationale: str
    state: str
    author: str
    approved_by: str | None
    approved_at: datetime | None


class ReviewRatingOut(Schema):
    value: str = Field(description="ratingValue as published (a number or a word).")
    best: float | None
    worst: float | None
    alternate_name: str
    label: str = Field(description="The rating as the desk shows it.")


class FoundClaimReviewOut(Schema):
    """Another fact-checker's ClaimReview, as read from a source's markup."""

    id: int
    claim_reviewed: str
    claim_author: str
    claim_appearance: str
    claim_date: date | None
    rating: ReviewRatingOut
    organisation: str
    organisation_url: str
    date_published: datetime | None
    url: str
    stance: str = Field(description="The stance its rating gives through the desk's rating table.")
    stance_reason: str
    review_source: int | None = Field(description="The source standing for this review, whose evidence it proposes.")


class OtherFactCheckOut(FoundClaimReviewOut):
    evidence: int = Field(description="The evidence it proposed on this claim.")
    evidence_state: str
    evidence_stance: str


class ClaimOut(Schema):
    id: int
    text: str
    claimant: str | None
    kind: str
    quantity: QuantityOut | None
    status: str
    status_reason: str
    needs_review: bool
    priority: int
    assignee: str | None
    version: int
    url: str
    verdict: VerdictOut | None
    verdicts: list[VerdictOut]
    evidence: list[EvidenceOut]
    mentions: list[dict]
    other_fact_checks: list[OtherFactCheckOut] = Field(
        description="Other fact-checkers' reviews bearing on this claim (their evidence suggested or accepted)."
    )


class VerificationIn(Schema):
    rating: Text = Field(min_length=1, max_length=40, description="A Rating slug, e.g. `false`.")
    rationale: Text = Field(min_length=1, max_length=20_000)
    evidence: list[Annotated[Int, Field(ge=1, le=2**53)]] = Field(default_factory=list, max_length=500)


class SourceIn(Schema):
    url: Text | None = Field(None, max_length=2000)
    text: Text | None = Field(None, max_length=500_000)
    title: Text = Field("", max_length=500)
    outlet: Text = Field("", max_length=200)
    kind: Literal["wire", "official", "primary_document", "news_outlet", "social", "eyewitness", "other"] = "other"
    reliability: Literal["A", "B", "C", "D", "E", "F"] = "F"
    published_at: PublishedAt | None = None


class SourceOut(Schema):
    id: int
    url: str
    title: str
    outlet: str
    kind: str
    reliability: str
    published_at: datetime | None
    published_at_origin: Literal["given", "feed", "metadata", "dateline", "text"] | None = Field(
        description="Where published_at came from: typed (given), the feed entry, the page's metadata, "
        "the dateline, or a date in the first paragraph."
    )
    fetch_state: str
    fetch_error: str
    content_hash: str
    syndication_group: int | None
    evidence: list[EvidenceOut]
    claim_reviews: list[FoundClaimReviewOut] = Field(
        description="Other fact-checkers' ClaimReviews found on this source (or the one it stands for)."
    )
    claim_review_problems: list[str] = Field(description="ClaimReview markup that could not be read, and why.")


class Detail(Schema):
    detail: str | dict | list


# --- lists, edits, activity, notifications, ClaimReview ------------------------------

MAX_ID = 2**53


class PageMeta(Schema):
    count: int
    limit: int
    offset: int


class StoryListItem(Schema):
    id: int
    headline: str
    desk: str
    byline: str
    owner: str
    state: str
    version: int
    needs_correction: bool
    fact_health: dict[str, int]
    published_url: str
    published_at: datetime | None
    updated_at: datetime
    url: str


class StoryPage(PageMeta):
    items: list[StoryListItem]


class ClaimListItem(Schema):
    id: int
    text: str
    claimant: str | None
    kind: str
    status: str
    status_reason: str
    needs_review: bool
    priority: int
    assignee: str | None
    version: int
    verdict: str | None = Field(description="The current approved verdict's rating slug.")
    updated_at: datetime
    url: str


class ClaimPage(PageMeta):
    items: list[ClaimListItem]


class QuantityIn(Schema):
    """Omitted fields stay as they are; `null` clears one."""

    value: Number | None = Field(None, allow_inf_nan=False, ge=-1e15, le=1e15)
    unit: Text | None = Field(None, max_length=60)
    bound: Literal["exact", "at_least", "at_most", "approx", ""] | None = None
    as_of: Day | None = Field(None, description="ISO date, YYYY-MM-DD: the day the figure held.")


class ClaimPatch(Schema):
    """Send the `expected_version` you loaded; a stale one is refused with 409 and nothing is saved.
    Omitted fields stay as they are."""

    expected_version: Int | None = Field(None, ge=1, le=2**31, description="The version you loaded.")
    version: Int | None = Field(None, ge=1, le=2**31, description="The older name of `expected_version`.")
    quantity: QuantityIn | None = None
    text: Text | None = Field(None, min_length=1, max_length=5000)
    claimant: Text | None = Field(None, max_length=200, description="A name or alias; empty clears it.")
    kind: Literal["quantity", "event", "quote", "other"] | None = None
    quantity_value: Number | None = Field(None, allow_inf_nan=False, ge=-1e15, le=1e15)
    quantity_unit: Text | None = Field(None, max_length=60)
    quantity_bound: Literal["exact", "at_least", "at_most", "approx", ""] | None = None
    as_of: Day | None = None
    assignee: Text | None = Field(
        None, max_length=150, description="A fact-checker's or editor's username; empty unassigns."
    )
    priority: Priority | None = None

    @model_validator(mode="after")
    def _has_version(self):
        if self.expected_version is None and self.version is None:
            raise ValueError("Send `expected_version`: the version of the claim you loaded.")
        return self


class ActivityOut(Schema):
    id: int
    at: datetime
    actor: str
    verb: str
    object: str
    object_type: str
    object_id: int
    claim: int | None
    story: int | None
    reason: str
    trigger: str
    data: dict


class ActivityPage(PageMeta):
    items: list[ActivityOut]


class NotificationOut(Schema):
    id: int
    message: str
    url: str
    claim: int | None
    story: int | None
    read: bool
    read_at: datetime | None
    created_at: datetime


class NotificationPage(PageMeta):
    unread: int
    items: list[NotificationOut]


class ReadAllOut(Schema):
    marked: int


class ClaimReviewOut(Schema):
    """schema.org ClaimReview JSON-LD (Google's fact-check markup)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    context: str = Field(alias="@context")
    type: str = Field(alias="@type")
    id: str = Field(alias="@id")
    url: str
    claimReviewed: str
    datePublished: str
    dateModified: str
    author: dict
    reviewRating: dict
    itemReviewed: dict
    correction: list[dict] | None = Field(None, description="CorrectionComment per published correction notice.")
