import hashlib
import secrets

from django.conf import settings
from django.db import models


class OutboxJob(models.Model):
    """A job written in the same transaction as the change that needs it.

    Enqueued to Celery after commit; if Redis or the worker is down the row stays
    and the sweeper enqueues it again, so no refresh is ever lost.
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict, blank=True)
    # One pending row per (task, args): a second edit before the job runs adds nothing.
    key = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Times a worker started it (outbox.start); a broker that is down costs no attempt.
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # After a failed attempt the sweeper waits until then (backoff).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # Out of attempts: done_at is set too, so a new job with the same key may be queued.
    failed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # A failed job an editor retried (or a newer job of the same key replaced) leaves the failed list.
    retried_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["key", "-created_at"], name="claims_outbox_key_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(done_at__isnull=True),
                name="outbox_one_pending_per_key",
                violation_error_message="The same job is already waiting to run.",
            ),
        ]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"

    @property
    def name(self) -> str:
        return self.task.rsplit(".", 1)[-1].replace("_", " ")


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the key is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user} · {self.prefix}…"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "") -> tuple["ApiToken", str]:
        key = "fd_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=cls.hash_key(key), prefix=key[:8])
        return token, key


class Webhook(models.Model):
    url = models.URLField(max_length=2000)
    secret = models.CharField(max_length=100, default=secrets.token_hex)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=60)
    payload = models.JSONField()
    state = models.CharField(max_length=20, choices=State, default=State.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # When a failed delivery is due again: the retry message may be lost with the broker,
    # so the sweeper re-queues pending rows that are overdue.
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "webhook deliveries"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="claims_webhook_due_idx")]


class MatcherSettings(models.Model):
    """The matcher's two tiers, set by editors in the desk (one row).

    Evidence scoring at least suggest_threshold is proposed for review; with confirm on,
    evidence at or above confirm_threshold on a claim with enough context is accepted by
    the matcher (and logged as machine-accepted).
    """

    suggest_threshold = models.FloatField(default=0.4)
    confirm_threshold = models.FloatField(default=0.85)
    confirm_enabled = models.BooleanField(default=False)
    # Other fact-checkers' ratings → stances ({label: stance}; null: claims/reviews_in/ratings.toml),
    # and their organisations' reliability grades ({organisation: grade}, else the default grade).
    review_stances = models.JSONField(null=True, blank=True)
    reviewer_grades = models.JSONField(default=dict, blank=True)
    reviewer_default_grade = models.CharField(max_length=1, default="C")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "matcher settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(suggest_threshold__gte=0, suggest_threshold__lte=1)
                & models.Q(confirm_threshold__gte=0, confirm_threshold__lte=1)
                & models.Q(confirm_threshold__gte=models.F("suggest_threshold")),
                name="matcher_thresholds_ordered",
                violation_error_message="Thresholds run from 0 to 1, and the confirm threshold is at least the suggest threshold.",
            ),
        ]

    def __str__(self):
        return f"suggest ≥ {self.suggest_threshold:.2f}, confirm ≥ {self.confirm_threshold:.2f}"

    @classmethod
    def current(cls) -> "MatcherSettings":
        found = cls.objects.order_by("pk").first()
        return found or cls(pk=1)

    def rating_table(self) -> dict[str, str]:
        from ..reviews_in.ratings import default_table

        return self.review_stances if self.review_stances is not None else default_table()
