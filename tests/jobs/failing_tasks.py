"""A real Celery task that always fails, for the outbox's attempt limit (imported by the tests)."""

from celery import shared_task

from claims import outbox


@shared_task(name="tests.jobs.failing_tasks.run_out_of_time", acks_late=True)
def run_out_of_time(story_id: int, outbox_id: int | None = None):
    if not outbox.start(outbox_id):
        return
    raise RuntimeError(f"the finder ran out of time on story {story_id}")


@shared_task(name="tests.jobs.failing_tasks.succeed", acks_late=True)
def succeed(story_id: int, outbox_id: int | None = None):
    if not outbox.start(outbox_id):
        return
    outbox.mark_done(outbox_id)
