"""The transactional outbox: jobs survive a broker that is down.

`schedule()` writes an OutboxJob row inside the caller's transaction and hands the
job to Celery only after commit. If Redis or the worker is unreachable the row
simply stays pending and `sweep()` (run by beat) sends it again later. Tasks mark
their row done when they finish, so a job sent twice does its work once.

A job that keeps failing (a task that raises or runs out of time, a worker that dies on
it) is not sent for ever: each attempt handed to a worker counts, failures wait longer
each time (backoff), and after JOB_MAX_ATTEMPTS the row is recorded as failed with its
reason, listed for editors in the desk, who may retry it (services.retry_job).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutboxJob

log = logging.getLogger(__name__)


def job_key(task: str, args) -> str:
    return f"{task}:{':'.join(str(a) for a in args)}"[:300]


def schedule(task: str, *args, **kwargs) -> OutboxJob:
    """Record the job now; send it to the broker once the transaction commits.

    Jobs are keyed by task and positional args: while one is pending, scheduling the
    same job again adds nothing (its kwargs, such as the trigger, stay the first one's).
    """
    key = job_key(task, args)
    job = OutboxJob.objects.filter(key=key, done_at__isnull=True).first()
    if job is None:
        try:
            with transaction.atomic():
                job = OutboxJob.objects.create(task=task, args=list(args), kwargs=kwargs, key=key)
        except IntegrityError:  # a concurrent request queued the same job first
            job = OutboxJob.objects.get(key=key, done_at__isnull=True)
        # A fresh run of a job that had failed replaces it in the editors' failed list.
        OutboxJob.objects.filter(key=key, failed_at__isnull=False, retried_at__isnull=True).update(
            retried_at=timezone.now()
        )
    job_id = job.pk
    transaction.on_commit(lambda: send(job_id))
    return job


def max_attempts() -> int:
    return settings.FACTDESK["JOB_MAX_ATTEMPTS"]


def backoff_seconds(attempts: int) -> float:
    """The wait after the n-th failed attempt: BASE, 2×BASE, 4×BASE … capped at an hour."""
    return min(settings.FACTDESK["JOB_BACKOFF_SECONDS"] * 2 ** max(attempts - 1, 0), 3600)


def fail(job_id: int, reason: str) -> None:
    now = timezone.now()
    OutboxJob.objects.filter(pk=job_id, done_at__isnull=True).update(
        failed_at=now, done_at=now, last_error=reason[:2000], next_attempt_at=None
    )
    log.warning("outbox: job %s failed for good: %s", job_id, reason[:200])


def send(job_id: int) -> bool:
    """Hand one pending job to Celery. Never raises: a down broker leaves it pending."""
    from newsroom.celery import app

    job = OutboxJob.objects.filter(pk=job_id, done_at__isnull=True).first()
    if job is None:
        return False
    if job.attempts >= max_attempts():  # started that often and never finished: a worker died on it
        fail(job.pk, f"Gave up after {job.attempts} attempts. {job.last_error or 'The job never finished.'}")
        return False
    OutboxJob.objects.filter(pk=job.pk).update(enqueued_at=timezone.now())
    try:
        app.tasks[job.task].apply_async(args=job.args, kwargs={**job.kwargs, "outbox_id": job.pk}, retry=False)
    except Exception as exc:  # broker down, DNS, anything: the sweeper tries again, at no cost of an attempt
        log.warning("outbox: could not send %s: %s", job.key, exc)
        OutboxJob.objects.filter(pk=job.pk).update(last_error=str(exc)[:2000])
        return False
    return True


def start(outbox_id: int | None) -> bool:
    """Called by a task before its work: counts the attempt; False when the job must not run
    (it failed for good, or this start would pass its attempts). Counting starts rather than
    sends also bounds a message the broker redelivers after a worker was killed on it."""
    if not outbox_id:
        return True
    with transaction.atomic():
        job = OutboxJob.objects.select_for_update().filter(pk=outbox_id).first()
        if job is None or (job.done_at is not None and job.failed_at is None):
            return True  # finished (or a task's own retry): running again is harmless, jobs are idempotent
        if job.failed_at is not None:
            return False
        if job.attempts >= max_attempts():
            fail(job.pk, f"Gave up after {job.attempts} attempts. {job.last_error or 'The job never finished.'}")
            return False
        OutboxJob.objects.filter(pk=job.pk).update(attempts=job.attempts + 1)
    return True


def mark_done(outbox_id: int | None) -> None:
    if outbox_id:
        OutboxJob.objects.filter(pk=outbox_id, done_at__isnull=True).update(done_at=timezone.now())


def failure_reason(exc: BaseException) -> str:
    from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded

    if isinstance(exc, (SoftTimeLimitExceeded, TimeLimitExceeded)):
        return "Ran out of time: the job's time limit passed before it finished."
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def record_failure(outbox_id: int | None, exc: BaseException) -> None:
    """A task raised (or ran out of time): keep why, then wait before the next attempt or give up."""
    if not outbox_id:
        return
    job = OutboxJob.objects.filter(pk=outbox_id, done_at__isnull=True).first()
    if job is None:
        return
    reason = failure_reason(exc)
    if job.attempts >= max_attempts():
        fail(job.pk, f"Failed {job.attempts} times. Last: {reason}")
        return
    OutboxJob.objects.filter(pk=job.pk).update(
        last_error=reason[:2000],
        next_attempt_at=timezone.now() + timedelta(seconds=backoff_seconds(job.attempts)),
    )


def sweep(older_than: timedelta = timedelta(seconds=30)) -> int:
    """Re-send jobs that were never sent or have not finished and are due; returns how many were sent."""
    now = timezone.now()
    stale = now - older_than
    pending = OutboxJob.objects.filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=stale),
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        done_at__isnull=True,
    )
    sent = 0
    for job_id in pending.values_list("pk", flat=True)[:500]:
        sent += send(job_id)
    return sent


def failed_jobs():
    """Jobs out of attempts that nobody has retried yet, newest first."""
    return OutboxJob.objects.filter(failed_at__isnull=False, retried_at__isnull=True).order_by("-failed_at", "-pk")
