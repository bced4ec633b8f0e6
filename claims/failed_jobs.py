"""Background jobs that ran out of attempts: what the desk shows of them, and retrying one.

The outbox (outbox.py) records a job as failed; editors see the list in the desk and
send one again from there. A retry is a fresh job with the same task and arguments, so
it has its full number of attempts; the failed row stays for the record.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from . import outbox, permissions
from .activity import record
from .models import OutboxJob, Story

SUGGEST_TASK = "claims.tasks.suggest_claims_for_story"


def failed_suggestion_job(story: Story) -> OutboxJob | None:
    """The story's claim-finder job if its last run failed for good (one indexed query)."""
    latest = OutboxJob.objects.filter(key=outbox.job_key(SUGGEST_TASK, [story.pk])).order_by("-created_at").first()
    if latest is not None and latest.failed_at is not None and latest.retried_at is None:
        return latest
    return None


def retry_job(job: OutboxJob, user) -> OutboxJob:
    """Queue a failed job again (editors only); the activity log says who retried what and why it had failed."""
    if not permissions.can_retry_jobs(user):
        raise PermissionDenied("Only editors retry failed jobs.")
    with transaction.atomic():
        job = OutboxJob.objects.select_for_update().get(pk=job.pk)
        if job.failed_at is None or job.retried_at is not None:
            raise ValidationError("This job has not failed, or was retried already.")
        OutboxJob.objects.filter(pk=job.pk).update(retried_at=timezone.now())
        story = Story.objects.filter(pk=job.args[0]).first() if job.task == SUGGEST_TASK and job.args else None
        fresh = outbox.schedule(job.task, *job.args, **job.kwargs)
        record(user, "retried job", job, story=story, reason=f"Had failed: {job.last_error[:400]}")
    return fresh
