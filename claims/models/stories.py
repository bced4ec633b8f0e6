from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from .base import VersionedModel

# The longest story body the desk, the API and the services accept: room for a 50,000-word story
# (~300,000 characters of wire copy), short enough that the finder's work stays bounded (its time
# budget stops it on longer ones; benchmarks/bench_workspace.py times saving and rendering one).
STORY_BODY_MAX_CHARS = 400_000


class Story(VersionedModel):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        CLEARED = "cleared", "Cleared"
        PUBLISHED = "published", "Published"
        CORRECTED = "corrected", "Corrected"

    BODY_MAX = STORY_BODY_MAX_CHARS

    headline = models.CharField(max_length=300)
    body = models.TextField()
    desk = models.CharField(max_length=80, blank=True, db_index=True)
    byline = models.CharField(max_length=200, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="stories")
    state = models.CharField(max_length=20, choices=State, default=State.DRAFT, db_index=True)
    published_url = models.URLField(max_length=2000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Fact health, kept by refresh_status so list pages never aggregate per row.
    fact_health = models.JSONField(default=dict, blank=True, editable=False)
    needs_correction = models.BooleanField(default=False, db_index=True, editable=False)
    # When the current correction flag was raised: the desk's queue is oldest first.
    flagged_at = models.DateTimeField(null=True, blank=True, editable=False)
    watchers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="watched_stories")
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["owner", "state"]),
            models.Index(fields=["-published_at"]),
            models.Index(fields=["needs_correction", "flagged_at"], name="claims_story_flagged_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state__in=["published", "corrected"]) | models.Q(published_at__isnull=False),
                name="story_published_has_time",
                violation_error_message="A published story needs its publication time.",
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("story_workspace", args=[self.pk])

    def clean(self):
        # A story marked published in the admin gets its publication time, so the
        # database constraint never turns a form save into an error page.
        if self.state in (self.State.PUBLISHED, self.State.CORRECTED) and self.published_at is None:
            from django.utils import timezone

            self.published_at = timezone.now()

    @property
    def is_published(self) -> bool:
        return self.state in (self.State.PUBLISHED, self.State.CORRECTED)


class DeskMembership(models.Model):
    """A user's desk: reporters and checkers see the stories (and their claims and activity)
    of their desks; editors see every desk. Desks are the names stories carry in Story.desk,
    compared without case."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_memberships")
    desk = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["desk"]
        constraints = [
            models.UniqueConstraint(
                Lower("desk"),
                models.F("user"),
                name="desk_membership_one_per_desk",
                violation_error_message="This person already belongs to that desk (desks are compared without case).",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.desk}"
