"""A poison job with a real worker: a story the finder cannot finish in time stops being sent."""

from datetime import timedelta

import pytest

from claims import failed_jobs, outbox
from claims.models import OutboxJob
from tests.factories import StoryFactory
from tests.jobs.worker import CeleryWorker, purge, require_redis, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SENTENCE = (
    "Over 76,000 people have been evacuated from the Kursk region, according to TASS. "
    "Prices rose 5 percent in May, the statistics office said. "
)


def test_a_story_the_finder_never_finishes_fails_after_its_attempts_with_the_reason(settings, monkeypatch, reporter):
    from newsroom.celery import app

    suggest_claims_for_story = app.tasks[failed_jobs.SUGGEST_TASK]  # the task object outbox.send uses
    settings.FACTDESK = {**settings.FACTDESK, "JOB_MAX_ATTEMPTS": 2, "JOB_BACKOFF_SECONDS": 0}
    # The sender writes the time limits into the message: this process and the worker agree on 2 s.
    monkeypatch.setattr(suggest_claims_for_story, "soft_time_limit", 2)
    monkeypatch.setattr(suggest_claims_for_story, "time_limit", 32)
    monkeypatch.setattr(suggest_claims_for_story, "_exec_options", None)  # Celery caches them at the first send
    broker = require_redis()
    purge(broker)
    worker = CeleryWorker(
        broker, FACTDESK_SUGGEST_TIME_LIMIT=2, FACTDESK_JOB_MAX_ATTEMPTS=2, FACTDESK_JOB_BACKOFF_SECONDS=0
    ).start()
    try:
        story = StoryFactory(owner=reporter, body=SENTENCE * 2500)  # ~350,000 characters: minutes of finding
        job = outbox.schedule(failed_jobs.SUGGEST_TASK, story.pk)  # sent at once (autocommit)

        def failed():
            outbox.sweep(older_than=timedelta(seconds=10))
            return OutboxJob.objects.filter(pk=job.pk, failed_at__isnull=False).first()

        gave_up = wait_for(failed, 90, "the poison job to be recorded as failed", interval=0.5)
        assert gave_up.attempts == 2
        assert "Ran out of time" in gave_up.last_error, gave_up.last_error
        assert outbox.sweep(older_than=timedelta(0)) == 0  # not sent again
        assert failed_jobs.failed_suggestion_job(story) == gave_up
    finally:
        worker.stop()
    assert "SoftTimeLimitExceeded" in worker.output()
