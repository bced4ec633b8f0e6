from django.conf import settings
from django.db import models
from django.urls import reverse


class Reliability(models.TextChoices):
    """The Admiralty source grades that intelligence and OSINT teams use."""

    A = "A", "A – completely reliable"
    B = "B", "B – usually reliable"
    C = "C", "C – fairly reliable"
    D = "D", "D – not usually reliable"
    E = "E", "E – unreliable"
    F = "F", "F – reliability cannot be judged"


class SourceKind(models.TextChoices):
    WIRE = "wire", "Wire"
    OFFICIAL = "official", "Official"
    PRIMARY_DOCUMENT = "primary_document", "Primary document"
    NEWS_OUTLET = "news_outlet", "News outlet"
    SOCIAL = "social", "Social"
    EYEWITNESS = "eyewitness", "Eyewitness"
    OTHER = "other", "Other"


class DateOrigin(models.TextChoices):
    GIVEN = "given", "given by a person or the API"
    FEED = "feed", "the feed entry"
    METADATA = "metadata", "the page's metadata"
    DATELINE = "dateline", "the dateline"
    TEXT = "text", "a date in the first paragraph"


class Feed(models.Model):
    class Format(models.TextChoices):
        RSS = "rss", "RSS or Atom"
        CLAIMREVIEW = "claimreview", "ClaimReview (JSON-LD or an HTML page carrying it)"

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=SourceKind, default=SourceKind.NEWS_OUTLET)
    reliability = models.CharField(max_length=1, choices=Reliability, default=Reliability.F)
    active = models.BooleanField(default=True, db_index=True)
    format = models.CharField(max_length=20, choices=Format, default=Format.RSS)
    poll_minutes = models.PositiveIntegerField(default=15)
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "url"]

    def __str__(self):
        return self.title or self.url


class Source(models.Model):
    class FetchState(models.TextChoices):
        PENDING = "pending", "Pending"
        FETCHED = "fetched", "Fetched"
        FAILED = "failed", "Failed"

    url = models.URLField(max_length=2000, blank=True)
    canonical_url = models.URLField(max_length=2000, blank=True, db_index=True, editable=False)
    title = models.CharField(max_length=500, blank=True)
    outlet = models.CharField(max_length=200, blank=True, db_index=True)
    kind = models.CharField(max_length=20, choices=SourceKind, default=SourceKind.OTHER, db_index=True)
    reliability = models.CharField(max_length=1, choices=Reliability, default=Reliability.F, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Where published_at came from, so a desk can judge it (a typed date beats a guessed one).
    published_at_origin = models.CharField(max_length=20, choices=DateOrigin, blank=True, editable=False)
    text = models.TextField(blank=True)
    file = models.FileField(upload_to="sources/%Y/%m/", blank=True)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    fetch_state = models.CharField(
        max_length=10, choices=FetchState, default=FetchState.PENDING, db_index=True, editable=False
    )
    fetch_error = models.TextField(blank=True, editable=False)
    fetch_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    fetched_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Copies of the same wire text point at the group's first source (itself included),
    # so the status rules count them once.
    syndication_group = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="syndicated_copies",
        editable=False,
    )
    minhash = models.JSONField(null=True, blank=True, editable=False)
    # The source's facts in order (figures and names), so a reworded copy of a wire report
    # still joins its group: see syndication.py.
    fact_print = models.JSONField(null=True, blank=True, editable=False)
    # ClaimReview markup on the source that could not be read, each with its reason.
    claim_review_problems = models.JSONField(default=list, blank=True, editable=False)
    feed = models.ForeignKey(Feed, on_delete=models.SET_NULL, null=True, blank=True, related_name="sources")
    feed_entry_id = models.CharField(max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="") | ~models.Q(text="") | ~models.Q(file=""),
                name="source_has_url_text_or_file",
                violation_error_message="A source needs a web address, pasted text or a file.",
            ),
            models.UniqueConstraint(
                fields=["feed", "feed_entry_id"],
                condition=~models.Q(feed_entry_id=""),
                name="source_feed_entry_once",
                violation_error_message="This feed entry is already a source.",
            ),
        ]

    def __str__(self):
        return self.title or self.outlet or self.url or f"Source {self.pk}"

    def get_absolute_url(self):
        return reverse("source_detail", args=[self.pk])

    @property
    def group_key(self) -> int:
        return self.syndication_group_id or self.pk

    @property
    def label(self) -> str:
        return f"{self.outlet or self.title or self.url or f'source {self.pk}'} ({self.reliability})"


class Evidence(models.Model):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        CONTRADICTS = "contradicts", "Contradicts"
        UPDATES = "updates", "Updates"
        CONTEXT = "context", "Context"

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    stance = models.CharField(max_length=20, choices=Stance, db_index=True)
    excerpt = models.TextField(blank=True)
    # The figure an `updates` (or contradicting) source gives, and the date it is as of.
    observed_value = models.FloatField(null=True, blank=True)
    observed_at = models.DateTimeField(null=True, blank=True)
    # proposed_by empty means the matcher proposed it, with its score and reason.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    matcher_score = models.FloatField(null=True, blank=True)
    matcher_reason = models.CharField(max_length=500, blank=True)
    # Set when a person changed the proposed stance: what the matcher had said, and who changed it.
    proposed_stance = models.CharField(max_length=20, choices=Stance, blank=True)
    stance_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    stance_changed_at = models.DateTimeField(null=True, blank=True)
    # Accepted by the matcher itself (confirm tier on), not by a person.
    machine_accepted = models.BooleanField(default=False)
    state = models.CharField(max_length=20, choices=State, default=State.SUGGESTED, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["claim", "state"]), models.Index(fields=["state", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "source"],
                name="evidence_once_per_claim_source",
                violation_error_message="This source is already evidence on this claim.",
            ),
            models.CheckConstraint(
                condition=models.Q(matcher_score__isnull=True) | models.Q(matcher_score__gte=0, matcher_score__lte=1),
                name="evidence_score_in_unit_range",
                violation_error_message="A matcher score runs from 0 to 1.",
            ),
        ]

    def __str__(self):
        return f"{self.get_stance_display()}: {self.source} → claim {self.claim_id}"
