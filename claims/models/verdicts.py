from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a hex colour such as #2e7d32.")


class Rating(models.Model):
    """The newsroom's verdict scale; desks edit labels in the admin."""

    slug = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    colour = models.CharField(max_length=7, default="#777777", validators=[colour_validator])
    order = models.PositiveSmallIntegerField(default=0)
    implies_status = models.CharField(
        max_length=20, choices=[(s, s.title()) for s in ("unverified", "supported", "disputed", "refuted")]
    )
    value = models.PositiveSmallIntegerField(help_text="Numeric ratingValue for ClaimReview.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self):
        return self.label


class VerificationQuerySet(models.QuerySet):
    def public(self):
        """The embargo rule: an approved (or superseded) verdict is public once a published
        story mentions its claim, or once an editor publishes it as a standalone fact-check."""
        from .claims import Mention

        in_published_story = models.Exists(
            Mention.objects.filter(claim=models.OuterRef("claim"), story__state__in=["published", "corrected"])
        )
        return self.filter(state__in=["approved", "superseded"]).filter(
            models.Q(standalone_at__isnull=False) | in_published_story
        )


class Verification(models.Model):
    """A fact-checker's verdict. It counts once an editor other than its author approves it."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        SUPERSEDED = "superseded", "Superseded"
        WITHDRAWN = "withdrawn", "Withdrawn"

    claim = models.ForeignKey("claims.Claim", on_delete=models.PROTECT, related_name="verifications")
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="verifications")
    rationale = models.TextField()
    evidence = models.ManyToManyField("claims.Evidence", blank=True, related_name="verifications")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=State, default=State.DRAFT, db_index=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # An editor may publish a verdict on its own, before (or without) a story that mentions it.
    standalone_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VerificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["claim", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True) | ~models.Q(approved_by=models.F("author")),
                name="verification_not_self_approved",
                violation_error_message="A verdict is approved by an editor other than its author.",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=["approved", "superseded"])
                | models.Q(approved_by__isnull=False, approved_at__isnull=False),
                name="verification_approved_has_approver",
                violation_error_message="An approved verdict names the editor who approved it and when.",
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=models.Q(state="approved"),
                name="one_approved_verdict_per_claim",
                violation_error_message="This claim already has an approved verdict; a newer one supersedes it when approved.",
            ),
        ]

    def __str__(self):
        return f"{self.rating} – claim {self.claim_id} ({self.get_state_display()})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("public_factcheck", args=[self.pk])
