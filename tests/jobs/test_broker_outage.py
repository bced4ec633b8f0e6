"""Redis (broker and cache) down while people work: the API and the desk keep answering and
keep every write; the health check says "degraded"; when Redis returns, a real worker runs the
queued jobs – the source is fetched and matched, the refresh lands.

The Redis that goes down is the test's own redis-server on a free port (tests/redis_server.py).
"""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from django.urls import reverse

from claims import outbox, services
from claims.api import throttling
from claims.models import Claim, Evidence, OutboxJob, Source
from tests.conftest import bearer
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory
from tests.jobs.conftest import article
from tests.jobs.test_worker_faults import sending_to
from tests.jobs.worker import CeleryWorker, wait_for
from tests.redis_server import redis_cache

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PAGE = article(
    "Evacuations rise",
    ["More than 121,000 people have been evacuated from the Kursk region, the acting governor said on Tuesday."],
)


def test_with_redis_down_api_and_desk_writes_are_kept_and_land_when_it_returns(
    own_redis, site, allow_loopback, client, checker, settings, monkeypatch
):
    settings.REDIS_URL = own_redis.url
    settings.CACHES = redis_cache(own_redis.url)
    monkeypatch.setattr(throttling, "CACHE", throttling.FallbackCache())
    matched = ClaimFactory(text="More than 121,000 people have been evacuated from the Kursk region")
    reviewed = ClaimFactory(text="About 1,200 homes were evacuated")
    evidence = EvidenceFactory(claim=reviewed, source=SourceFactory(outlet="Agency", reliability="A"))
    url = site.add("/kursk", PAGE)
    token = bearer(checker)
    client.force_login(checker)

    worker = CeleryWorker(own_redis.url).start()
    try:
        with sending_to(own_redis.url):
            own_redis.stop()
            started = time.monotonic()
            read = client.get(f"/api/claims/{matched.pk}", **token)
            added = client.post(
                "/api/sources", json.dumps({"url": url, "outlet": "Governor"}), "application/json", **token
            )
            accepted = client.post(reverse("evidence_accept", args=[evidence.pk]))  # the desk's button
            assert time.monotonic() - started < 6, "requests waited on the dead Redis"
            assert read.status_code == 200, read.content[:300]
            assert added.status_code == 202, added.content[:300]
            assert accepted.status_code < 400, accepted.content[:300]
            assert Evidence.objects.get(pk=evidence.pk).state == "accepted"
            source = Source.objects.get(url=url)
            assert source.fetch_state == "pending"
            pending = set(OutboxJob.objects.filter(done_at__isnull=True).values_list("task", flat=True))
            assert {"claims.tasks.process_source", services.REFRESH_TASK} <= pending

            health = client.get("/healthz")
            assert health.status_code == 200 and health.json()["broker"] == "down"
            assert health.json()["database"] == "ok"
            assert client.get("/readyz").status_code == 503

            own_redis.start()
            wait_for(lambda: outbox.sweep(older_than=timedelta(0)) >= 2, 20, "the sweeper to send the jobs")
            wait_for(
                lambda: Source.objects.filter(pk=source.pk, fetch_state="fetched").exists(),
                90,
                "the source queued during the outage to be fetched",
            )
            wait_for(lambda: Evidence.objects.filter(source=source, claim=matched).exists(), 30, "its evidence to land")
            refreshed = wait_for(
                lambda: Claim.objects.filter(pk=reviewed.pk, status="supported").first(),
                60,
                "the refresh queued during the outage to run",
            )
            assert client.get("/readyz").status_code == 200
            # Every job queued during and after the outage (the matcher's follow-up refreshes too) finishes.
            wait_for(
                lambda: (
                    outbox.sweep(older_than=timedelta(seconds=5)) >= 0
                    and not OutboxJob.objects.filter(done_at__isnull=True).exists()
                ),
                60,
                "every queued job to be done",
                interval=1,
            )
    finally:
        worker.stop()
    assert "Agency (A)" in refreshed.status_reason
