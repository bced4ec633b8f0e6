"""Liveness and readiness for the load balancer and the container healthcheck.

/healthz answers 200 whenever the process does, with what it can reach: the database and the
broker (Redis, also the cache) reported separately, "degraded" when one is down – the desk
keeps working without the broker (the outbox holds the jobs), so a load balancer should keep
sending traffic. /readyz answers 503 while either is down, for deploys and orchestrators.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

TIMEOUT = 1.0


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure to reach the database is "down", never a 500 here
        return "down"
    return "ok"


def broker_state() -> str:
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return "in-process"  # the embedded default: jobs run in the web process
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT, socket_timeout=TIMEOUT)
        try:
            client.ping()
        finally:
            client.close()
    except (redis.RedisError, OSError):
        return "down"
    return "ok"


def checks() -> dict:
    result = {"database": database_state(), "broker": broker_state()}
    healthy = all(state in {"ok", "in-process"} for state in result.values())
    return {"status": "ok" if healthy else "degraded", **result}


@never_cache
@require_GET
def healthz(request):
    return JsonResponse(checks())


@never_cache
@require_GET
def readyz(request):
    body = checks()
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)
