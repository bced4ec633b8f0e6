"""Fact desk's data, one module per part of the product."""

from .activity import Activity, Comment, Notification
from .base import ConflictError, VersionedModel
from .claims import Claim, Claimant, ClaimantAlias, ClaimSuggestion, Mention, text_key
from .corrections import CorrectionNotice
from .jobs import ApiToken, MatcherSettings, OutboxJob, Webhook, WebhookDelivery
from .reviews import ClaimReview
from .sources import DateOrigin, Evidence, Feed, Reliability, Source, SourceKind
from .stories import STORY_BODY_MAX_CHARS, DeskMembership, Story
from .verdicts import Rating, Verification

__all__ = [
    "Activity",
    "ApiToken",
    "Claim",
    "Claimant",
    "ClaimantAlias",
    "ClaimReview",
    "ClaimSuggestion",
    "Comment",
    "CorrectionNotice",
    "DateOrigin",
    "DeskMembership",
    "ConflictError",
    "Evidence",
    "Feed",
    "MatcherSettings",
    "Mention",
    "Notification",
    "OutboxJob",
    "Rating",
    "Reliability",
    "Source",
    "SourceKind",
    "STORY_BODY_MAX_CHARS",
    "Story",
    "Verification",
    "VersionedModel",
    "Webhook",
    "WebhookDelivery",
    "text_key",
]
