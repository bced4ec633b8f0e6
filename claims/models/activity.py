from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Activity(models.Model):
    """Append-only log: who or what did what to which object, when and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # For jobs: "job:refresh_status", "matcher", "feed poller"; for people, their username.
    actor_label = models.CharField(max_length=100)
    verb = models.CharField(max_length=60, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(max_length=200)
    # Context links so a claim's or story's timeline is one indexed query.
    claim = models.ForeignKey("claims.Claim", on_delete=models.SET_NULL, null=True, blank=True, related_name="activity")
    story = models.ForeignKey("claims.Story", on_delete=models.SET_NULL, null=True, blank=True, related_name="activity")
    reason = models.CharField(max_length=500, blank=True)
    trigger = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name_plural = "activity"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["claim", "-created_at"]),
            models.Index(fields=["story", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.actor_label} {self.verb} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Activity is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Activity is append-only.")


class Comment(models.Model):
    story = models.ForeignKey("claims.Story", on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    mentioned = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["claim", "created_at"]), models.Index(fields=["story", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(story__isnull=False, claim__isnull=True)
                | models.Q(story__isnull=True, claim__isnull=False),
                name="comment_on_story_or_claim",
                violation_error_message="A comment belongs to one story or one claim, not both or neither.",
            ),
        ]

    def __str__(self):
        return self.body[:60]


class Notification(models.Model):
    class Kind(models.TextChoices):
        NEEDS_CORRECTION = "needs_correction", "Needs correction"
        ASSIGNED = "assigned", "Assigned to you"
        APPROVAL = "approval", "Awaiting your approval"
        MENTION = "mention", "Mentioned you"
        STATUS = "status", "Status change"

    # What a person must act on comes first; routine status changes are shown as a digest.
    IMPORTANT = (Kind.NEEDS_CORRECTION, Kind.ASSIGNED, Kind.APPROVAL, Kind.MENTION)

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.STATUS)
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=500, blank=True)
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    story = models.ForeignKey("claims.Story", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self):
        return self.message

    @property
    def important(self) -> bool:
        return self.kind in self.IMPORTANT
