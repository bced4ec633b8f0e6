from django.conf import settings
from django.db import models


class CorrectionNotice(models.Model):
    """A correction a reader can follow: numbered per story, never deleted.

    An editor's notice is published at once; a story owner's waits for an editor's
    approval. Publishing one is what makes a story "corrected".
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"
        RETRACTION = "retraction", "Retraction"

    class State(models.TextChoices):
        PENDING = "pending", "Awaiting an editor"
        PUBLISHED = "published", "Published"

    story = models.ForeignKey("claims.Story", on_delete=models.PROTECT, related_name="corrections")
    sequence = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField()
    claims = models.ManyToManyField("claims.Claim", blank=True, related_name="corrections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=State, default=State.PENDING)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["story", "sequence"]
        indexes = [models.Index(fields=["state", "-published_at"], name="claims_correction_log_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "sequence"],
                name="correction_sequence_per_story",
                violation_error_message="This story already has a correction notice with that number.",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="published") | models.Q(published_at__isnull=False),
                name="correction_published_has_time",
                violation_error_message="A published correction notice needs its publication time.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.sequence} to “{self.story}”"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("public_corrections") + f"#correction-{self.pk}"
