"""/healthz and /readyz with the database and the broker reported apart; a broker that is down
is our own redis-server on its own port, stopped mid-test."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_and_readyz_report_the_database_and_the_embedded_job_runner(client, settings):
    settings.REDIS_URL = ""
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": "ok", "broker": "in-process"}
    assert client.get("/readyz").status_code == 200
    assert "no-cache" in health["Cache-Control"]


def test_with_the_broker_down_healthz_stays_200_degraded_and_readyz_fails(client, settings, own_redis):
    settings.REDIS_URL = own_redis.url
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert client.get("/readyz").status_code == 200

    own_redis.stop()
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "ok", "broker": "down"}
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["broker"] == "down"

    own_redis.start()
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_readyz_fails_when_the_database_is_unreachable(client, settings, monkeypatch):
    """A database that refuses connections: a fresh connection to a closed port (or a missing directory)."""
    from django.db import connections

    settings.REDIS_URL = ""
    real = connections["default"]
    unreachable = (
        {"HOST": "127.0.0.1", "PORT": "1"} if real.vendor == "postgresql" else {"NAME": "/nonexistent/db.sqlite3"}
    )
    broken = real.__class__({**real.settings_dict, **unreachable}, "default")
    monkeypatch.setattr("claims.health.connection", broken)
    assert client.get("/healthz").json() == {"status": "degraded", "database": "down", "broker": "in-process"}
    assert client.get("/readyz").status_code == 503
