"""Faults with the real parts: a worker SIGKILLed mid-job, Redis down during edits, bad input.

A real Celery worker on a real Redis; the broker that goes down is our own redis-server on
its own port (the shared one is never stopped).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest

from claims import outbox, services
from claims.models import Claim, Evidence, Feed, OutboxJob, Source
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory
from tests.jobs.conftest import Route, article
from tests.jobs.worker import CeleryWorker, purge, require_redis, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
OWN_REDIS_PORT = 6391
FAST_REDELIVERY = {
    "CELERY_VISIBILITY_TIMEOUT": 8,
    "CELERY_UNACKED_RESTORE_INTERVAL": 1,
    "CELERY_UNACKED_RESTORE_THROTTLE": 1,
}
PAGE = article(
    "Evacuations rise",
    [
        "More than 121,000 people have been evacuated from the Kursk region, the acting governor said on Tuesday.",
    ],
)


class OwnRedis:
    """A throwaway redis-server on its own port, which this test may stop and start."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.ping, 10, f"redis on port {self.port}")

    def ping(self) -> bool:
        import redis

        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@contextmanager
def sending_to(broker_url: str):
    """Point this (test) process's Celery app at another broker; drop pooled connections both ways."""
    from newsroom.celery import app

    def reset():
        from kombu import pools

        pools.reset()  # kombu keeps pools per broker globally: start afresh for the new address
        app._pool = None
        app.amqp._producer_pool = None

    before = app.conf.broker_url
    app.conf.broker_url = broker_url
    reset()
    try:
        yield
    finally:
        app.conf.broker_url = before
        reset()


@pytest.fixture
def own_redis():
    require_redis()
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed (the worker tests need it)")
    server = OwnRedis(OWN_REDIS_PORT)
    server.start()
    yield server
    server.stop()


def test_a_worker_killed_mid_job_leaves_no_duplicate_and_the_job_completes_after_restart(
    transactional_db,
    site,
    allow_loopback,
    checker,
    django_capture_on_commit_callbacks,
):
    broker = require_redis()
    purge(broker)
    claim = ClaimFactory(text="More than 121,000 people have been evacuated from the Kursk region")
    # The first fetch hangs long enough for us to kill the worker during it; the next one answers.
    url = site.add_sequence("/slow", [Route(body=PAGE, delay=6), Route(body=PAGE)])
    # A short visibility timeout (longer than the job): the message the dead worker held comes back soon.
    first = CeleryWorker(broker, **FAST_REDELIVERY).start()
    try:
        from claims import intake

        source = intake.add_source(checker, url=url, outlet="Governor")  # commits: the job is sent
        wait_for(lambda: site.hits("/slow") == 1, 20, "the worker to start fetching")
        first.kill()
        assert Source.objects.get(pk=source.pk).fetch_state == "pending"
        assert not Evidence.objects.filter(source=source).exists()
    finally:
        first.stop()
    second = CeleryWorker(broker, **FAST_REDELIVERY).start()
    try:
        done = wait_for(
            lambda: Source.objects.filter(pk=source.pk, fetch_state="fetched").first(),
            60,
            "the redelivered job to finish",
        )
        wait_for(
            lambda: OutboxJob.objects.filter(task="claims.tasks.process_source", done_at__isnull=False).exists(),
            10,
            "the outbox row to be done",
        )
        time.sleep(2)  # let any duplicate delivery run: it must change nothing
    finally:
        second.stop()
    assert done.fetch_attempts == 1
    assert Evidence.objects.filter(source=source, claim=claim).count() == 1
    assert Source.objects.filter(url=url).count() == 1


def test_with_redis_down_edits_succeed_fast_and_their_refresh_runs_when_it_returns(
    transactional_db,
    own_redis,
    client,
    checker,
    api_headers,
):
    claim = ClaimFactory(text="About 1,200 homes were evacuated")
    evidence = EvidenceFactory(claim=claim, source=SourceFactory(outlet="Agency", reliability="A"))
    worker = CeleryWorker(own_redis.url).start()
    try:
        with sending_to(own_redis.url):
            own_redis.stop()
            started = time.monotonic()
            response = client.post(f"/api/evidence/{evidence.pk}/accept", **api_headers(checker))
            elapsed = time.monotonic() - started
            assert response.status_code == 200, response.content
            assert elapsed < 3, f"the edit waited {elapsed:.1f} s on a broker that is down"
            assert Evidence.objects.get(pk=evidence.pk).state == "accepted"
            job = OutboxJob.objects.get(task=services.REFRESH_TASK, done_at__isnull=True)
            assert job.last_error and job.attempts == 0  # a broker that is down costs no attempt
            assert Claim.objects.get(pk=claim.pk).status == "unverified"  # nothing ran: nothing lost either

            own_redis.start()
            wait_for(lambda: outbox.sweep(older_than=timedelta(0)) >= 1, 20, "the sweeper to send the job")
            refreshed = wait_for(
                lambda: Claim.objects.filter(pk=claim.pk, status="supported").first(),
                60,
                "the refresh to run after Redis returned",
            )
    finally:
        worker.stop()
    assert "Agency (A)" in refreshed.status_reason
    assert OutboxJob.objects.get(pk=job.pk).done_at is not None


def test_outbox_send_fails_fast_when_the_broker_is_down(transactional_db):
    require_redis()
    job = OutboxJob.objects.create(task=services.REFRESH_TASK, args=[1], key="test:fast")
    with sending_to(f"redis://127.0.0.1:{OWN_REDIS_PORT + 1}/0"):  # nothing listens there
        started = time.monotonic()
        assert outbox.send(job.pk) is False
        assert time.monotonic() - started < 3
    assert OutboxJob.objects.get(pk=job.pk).last_error


def test_a_fetch_that_may_pass_is_retried_with_backoff_by_the_worker(worker, site, allow_loopback, checker):
    from claims import intake

    url = site.add_sequence(
        "/flaky", [Route(body="down", status=503), Route(body="down", status=502), Route(body=PAGE)]
    )
    source = intake.add_source(checker, url=url)
    done = wait_for(
        lambda: Source.objects.filter(pk=source.pk, fetch_state="fetched").first(), 30, "the retried fetch to succeed"
    )
    assert done.fetch_attempts == 3 and site.hits("/flaky") == 3
    assert "Retry in 2s" in worker.output() and "Retry in 4s" in worker.output()


def test_malformed_pages_and_feeds_are_recorded_and_the_worker_carries_on(worker, site, allow_loopback, checker):
    from claims import intake
    from claims.tasks import poll_feed

    bad_page = intake.add_source(checker, url=site.add("/garbage", b"\x00\xff" * 500, content_type="text/html"))
    missing = intake.add_source(checker, url=site.url("/missing"))
    feed = Feed.objects.create(url=site.add("/feed", "<rss><channel><item>", content_type="application/rss+xml"))
    poll_feed.delay(feed.pk)
    good = intake.add_source(checker, text="The river peaked at 6.2 metres on Tuesday, the agency said.")
    wait_for(
        lambda: not Source.objects.filter(pk__in=[bad_page.pk, missing.pk, good.pk], fetch_state="pending").exists(),
        30,
        "all three sources to be processed",
    )
    assert Source.objects.get(pk=bad_page.pk).fetch_error == "No readable text found on the page"
    assert Source.objects.get(pk=missing.pk).fetch_error == "HTTP 404"
    assert Source.objects.get(pk=good.pk).fetch_state == "fetched"
    wait_for(lambda: Feed.objects.get(pk=feed.pk).last_error.startswith("Malformed feed"), 20, "the feed error")
    assert worker.process.poll() is None and "WorkerLostError" not in worker.output()
