"""The transactional outbox: jobs survive a broker that is down.

`schedule()` writes an OutboxJob row inside the caller's transaction and hands the
job to Celery only after commit. If Redis or the worker is unreachable the row
simply stays pending and `sweep()` (run by beat) sends it again later. Tasks mark
their row done when they finish, so a job sent twice does its work once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
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
    job_id = job.pk
    transaction.on_commit(lambda: send(job_id))
    return job


def send(job_id: int) -> bool:
    """Hand one pending job to Celery. Never raises: a down broker leaves it pending."""
    from newsroom.celery import app

    job = OutboxJob.objects.filter(pk=job_id, done_at__isnull=True).first()
    if job is None:
        return False
    OutboxJob.objects.filter(pk=job.pk).update(attempts=job.attempts + 1, enqueued_at=timezone.now())
    try:
        app.tasks[job.task].apply_async(args=job.args, kwargs={**job.kwargs, "outbox_id": job.pk}, retry=False)
    except Exception as exc:  # broker down, DNS, anything: the sweeper tries again
        log.warning("outbox: could not send %s: %s", job.key, exc)
        OutboxJob.objects.filter(pk=job.pk).update(last_error=str(exc)[:2000])
        return False
    return True


def mark_done(outbox_id: int | None) -> None:
    if outbox_id:
        OutboxJob.objects.filter(pk=outbox_id, done_at__isnull=True).update(done_at=timezone.now())


def sweep(older_than: timedelta = timedelta(seconds=30)) -> int:
    """Re-send jobs that were never sent or have not finished; returns how many were sent."""
    stale = timezone.now() - older_than
    pending = OutboxJob.objects.filter(done_at__isnull=True).filter(
        enqueued_at__isnull=True
    ) | OutboxJob.objects.filter(done_at__isnull=True, enqueued_at__lt=stale)
    sent = 0
    for job_id in pending.values_list("pk", flat=True)[:500]:
        sent += send(job_id)
    return sent
