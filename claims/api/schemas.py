from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema


class StoryIn(Schema):
    headline: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=200_000)
    desk: str = Field("", max_length=80)
    byline: str = Field("", max_length=200)


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
    story: int
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str | None = Field(None, max_length=5000)
    claimant: str | None = Field(None, max_length=200)


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


class VerdictOut(Schema):
    id: int
    rating: str
    label: str
    rationale: str
    state: str
    author: str
    approved_by: str | None
    approved_at: datetime | None


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


class VerificationIn(Schema):
    rating: str = Field(min_length=1, max_length=40, description="A Rating slug, e.g. `false`.")
    rationale: str = Field(min_length=1, max_length=20_000)
    evidence: list[int] = Field(default_factory=list)


class SourceIn(Schema):
    url: str | None = Field(None, max_length=2000)
    text: str | None = Field(None, max_length=500_000)
    title: str = Field("", max_length=500)
    outlet: str = Field("", max_length=200)
    kind: Literal["wire", "official", "primary_document", "news_outlet", "social", "eyewitness", "other"] = "other"
    reliability: Literal["A", "B", "C", "D", "E", "F"] = "F"
    published_at: datetime | None = None


class SourceOut(Schema):
    id: int
    url: str
    title: str
    outlet: str
    kind: str
    reliability: str
    published_at: datetime | None
    fetch_state: str
    fetch_error: str
    content_hash: str
    syndication_group: int | None
    evidence: list[EvidenceOut]


class Detail(Schema):
    detail: str | dict | list
