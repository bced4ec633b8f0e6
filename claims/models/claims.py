from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from .base import VersionedModel

wikidata_id_validator = RegexValidator(r"^Q[1-9][0-9]*$", "A Wikidata ID looks like Q12345.")


class Claimant(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.ORGANISATION)
    description = models.CharField(max_length=300, blank=True)
    wikidata_id = models.CharField("Wikidata ID", max_length=20, blank=True, validators=[wikidata_id_validator])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("claimant_detail", args=[self.pk])

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""


class ClaimantAlias(models.Model):
    """Another name the same claimant goes by ("the Russian Defence Ministry")."""

    claimant = models.ForeignKey(Claimant, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)

    class Meta:
        verbose_name_plural = "claimant aliases"
        constraints = [
            models.UniqueConstraint(
                Lower("alias"),
                name="claimant_alias_unique_ci",
                violation_error_message="Another claimant already has this alias (aliases are compared without case).",
            ),
        ]

    def __str__(self):
        return self.alias


class Claim(VersionedModel):
    class Kind(models.TextChoices):
        QUANTITY = "quantity", "Quantity"
        EVENT = "event", "Event"
        QUOTE = "quote", "Quote"
        OTHER = "other", "Other"

    class Bound(models.TextChoices):
        EXACT = "exact", "exactly"
        AT_LEAST = "at_least", "at least"
        AT_MOST = "at_most", "at most"
        APPROX = "approx", "approximately"

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", "Unverified"
        CHECKING = "checking", "Checking"
        SUPPORTED = "supported", "Supported"
        DISPUTED = "disputed", "Disputed"
        REFUTED = "refuted", "Refuted"
        OUTDATED = "outdated", "Outdated"

    class Priority(models.IntegerChoices):
        HIGH = 1, "High"
        NORMAL = 2, "Normal"
        LOW = 3, "Low"

    text = models.TextField()
    # Lower-cased, whitespace-folded text: the key for "same claim in another story".
    text_key = models.CharField(max_length=255, db_index=True, editable=False)
    claimant = models.ForeignKey(Claimant, on_delete=models.PROTECT, null=True, blank=True, related_name="claims")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER, db_index=True)
    quantity_value = models.FloatField(null=True, blank=True)
    quantity_unit = models.CharField(max_length=60, blank=True)
    quantity_bound = models.CharField(max_length=10, choices=Bound, blank=True)
    as_of = models.DateField("as of", null=True, blank=True)
    # The sentence the claim sits in and its story's headline: what the matcher reads
    # besides the claim's own words ("killing at least 117" says little alone).
    context = models.TextField(blank=True, editable=False)
    # The claim's sentence embedding (float16 bytes), computed once in a job; embedding_key
    # is the hash of the text it was computed from, so a changed text is embedded again.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_key = models.CharField(max_length=64, blank=True, editable=False)

    # Never typed in: refresh_status writes these from the status rules.
    status = models.CharField(max_length=20, choices=Status, default=Status.UNVERIFIED, db_index=True, editable=False)
    status_reason = models.CharField(max_length=400, blank=True, editable=False)
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    needs_review = models.BooleanField(default=False, db_index=True, editable=False)
    current_verification = models.ForeignKey(
        "claims.Verification",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
    )
    priority = models.PositiveSmallIntegerField(choices=Priority, default=Priority.NORMAL, db_index=True)
    watchers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="watched_claims")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["status", "priority"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["claimant", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity_value__isnull=True) | models.Q(kind="quantity"),
                name="claim_quantity_only_on_quantity_kind",
                violation_error_message="Only a quantity claim has a value; set the kind to Quantity or clear the value.",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("claim_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.text_key = text_key(self.text)
        super().save(*args, **kwargs)


def text_key(text: str) -> str:
    return " ".join(text.lower().split())[:255]


class Mention(models.Model):
    """Where a claim appears in a story: character offsets into Story.body."""

    story = models.ForeignKey("claims.Story", on_delete=models.CASCADE, related_name="mentions")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["story", "start"]
        indexes = [models.Index(fields=["claim", "story"])]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "start", "end"],
                name="mention_unique_span",
                violation_error_message="A claim mark already sits on exactly these words of the story.",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="mention_valid_span",
                violation_error_message="A claim mark must cover at least one character: its end comes after its start.",
            ),
        ]

    def __str__(self):
        return f"{self.quote[:60]} ({self.start}–{self.end})"


class ClaimSuggestion(models.Model):
    """A check-worthy sentence the claim finder proposes for a story."""

    class State(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    story = models.ForeignKey("claims.Story", on_delete=models.CASCADE, related_name="suggestions")
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    claimant_name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=Claim.Kind, default=Claim.Kind.OTHER)
    quantity = models.JSONField(null=True, blank=True)
    score = models.FloatField(default=0)
    reasons = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=20, choices=State, default=State.OPEN, db_index=True)
    claim = models.ForeignKey(Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["story", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "start", "end"],
                name="suggestion_unique_span",
                violation_error_message="The claim finder already suggested exactly these words of the story.",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="suggestion_valid_span",
                violation_error_message="A suggestion must cover at least one character: its end comes after its start.",
            ),
        ]

    def __str__(self):
        return self.text[:80]
