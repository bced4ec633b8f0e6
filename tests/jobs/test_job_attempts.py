"""A job that keeps failing stops after a bounded number of attempts, with its reason kept."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims import failed_jobs, outbox
from claims.models import Activity, OutboxJob
from tests.jobs import failing_tasks

FAILING = failing_tasks.run_out_of_time.name
NOW = timedelta(0)


@pytest.fixture(autouse=True)
def three_attempts_no_wait(settings):
    settings.FACTDESK = {**settings.FACTDESK, "JOB_MAX_ATTEMPTS": 3, "JOB_BACKOFF_SECONDS": 0}


def test_a_task_that_always_raises_is_sent_three_times_then_recorded_as_failed(db):
    job = outbox.schedule(FAILING, 7)
    sent = [outbox.sweep(older_than=NOW) for _ in range(6)]
    assert sent == [1, 1, 1, 0, 0, 0]
    job.refresh_from_db()
    assert job.attempts == 3 and job.failed_at is not None and job.done_at is not None
    assert "RuntimeError: the finder ran out of time on story 7" in job.last_error
    assert list(outbox.failed_jobs()) == [job]


def test_each_failed_attempt_waits_longer_before_the_next(db, settings):
    settings.FACTDESK = {**settings.FACTDESK, "JOB_BACKOFF_SECONDS": 60}
    job = outbox.schedule(FAILING, 8)
    assert outbox.sweep(older_than=NOW) == 1
    job.refresh_from_db()
    assert job.failed_at is None and "ran out of time" in job.last_error
    assert job.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert outbox.sweep(older_than=NOW) == 0  # not yet due
    OutboxJob.objects.filter(pk=job.pk).update(next_attempt_at=timezone.now())
    assert outbox.sweep(older_than=NOW) == 1
    job.refresh_from_db()
    assert job.next_attempt_at > timezone.now() + timedelta(seconds=110)  # 60 s, then 120 s
    assert [outbox.backoff_seconds(n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_a_job_that_never_finishes_is_given_up_after_its_attempts(db):
    """A worker that dies on a job records nothing: the sweeper still stops sending it."""
    job = OutboxJob.objects.create(task="claims.tasks.embed_claim", args=[1], key="claims.tasks.embed_claim:1")
    OutboxJob.objects.filter(pk=job.pk).update(attempts=3, enqueued_at=timezone.now() - timedelta(minutes=5))
    assert outbox.sweep() == 0
    job.refresh_from_db()
    assert job.failed_at is not None and job.last_error.startswith("Gave up after 3 attempts.")


def test_a_message_the_broker_redelivers_past_the_attempts_does_not_run_again(db):
    """A worker killed on a job makes the broker deliver it again without the outbox: still bounded."""
    job = outbox.schedule(failing_tasks.succeed.name, 13)
    OutboxJob.objects.filter(pk=job.pk).update(attempts=3)
    failing_tasks.succeed.apply(args=[13], kwargs={"outbox_id": job.pk})
    job.refresh_from_db()
    assert job.failed_at is not None and job.last_error.startswith("Gave up after 3 attempts.")
    failing_tasks.succeed.apply(args=[13], kwargs={"outbox_id": job.pk})  # and again: nothing changes
    assert OutboxJob.objects.get(pk=job.pk).attempts == 3


def test_a_job_that_succeeds_is_done_and_never_listed_as_failed(db):
    job = outbox.schedule(failing_tasks.succeed.name, 9)
    assert outbox.sweep(older_than=NOW) == 1
    job.refresh_from_db()
    assert job.done_at is not None and job.failed_at is None and not outbox.failed_jobs().exists()


def test_scheduling_the_job_again_after_it_failed_queues_a_fresh_one(db):
    failed = outbox.schedule(FAILING, 10)
    for _ in range(3):
        outbox.sweep(older_than=NOW)
    assert list(outbox.failed_jobs()) == [failed]
    fresh = outbox.schedule(FAILING, 10)
    assert fresh.pk != failed.pk and fresh.attempts == 0
    assert not outbox.failed_jobs().exists()  # the new run replaces the failure in the editors' list


def test_an_editor_retries_a_failed_job_and_the_log_says_so(db, editor):
    job = outbox.schedule(FAILING, 11)
    for _ in range(3):
        outbox.sweep(older_than=NOW)
    job.refresh_from_db()
    fresh = failed_jobs.retry_job(job, editor)
    job.refresh_from_db()
    assert job.retried_at is not None and fresh.pk != job.pk and fresh.done_at is None and fresh.attempts == 0
    entry = Activity.objects.get(verb="retried job")
    assert entry.actor == editor and "ran out of time" in entry.reason


def test_only_editors_retry_failed_jobs(db, checker, reporter):
    from django.core.exceptions import PermissionDenied

    job = outbox.schedule(FAILING, 12)
    outbox.fail(job.pk, "RuntimeError: boom")
    for user in (checker, reporter):
        with pytest.raises(PermissionDenied):
            failed_jobs.retry_job(job, user)
    assert OutboxJob.objects.get(pk=job.pk).retried_at is None
