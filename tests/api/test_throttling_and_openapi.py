"""Throttling answers 429 JSON; the OpenAPI document declares every error a route gives."""

import time

import pytest

from claims.api import throttling
from tests.redis_server import redis_cache

from .helpers import get


def test_too_many_requests_are_429_json(client, reporter, settings):
    settings.FACTDESK = {**settings.FACTDESK, "API_RATE": "3/m"}
    codes = [get(client, "/api/stories", reporter).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = get(client, "/api/stories", reporter)
    assert response.json() == {"detail": "Too many requests."} and int(response["Retry-After"]) > 0


def test_every_operation_declares_its_errors_with_the_detail_schema(client):
    doc = client.get("/api/openapi.json").json()
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "429" in responses, (method, path)
            if operation.get("security", doc.get("security")) != [] and "claimreview" not in path:
                assert {"401", "403"} <= set(responses), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            for code, response in responses.items():
                if code.startswith("4"):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Detail"}, (method, path, code)


def test_openapi_lists_the_full_api(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert set(paths["/api/claims/{claim_id}"]) == {"get", "patch"}
    for path in [
        "/api/stories",
        "/api/claims",
        "/api/claims/{claim_id}/claimreview",
        "/api/activity",
        "/api/notifications",
        "/api/notifications/{notification_id}/read",
    ]:
        assert path in paths, path


def test_every_schema_name_in_the_document_stands_for_one_model(client):
    """Two models of one name share a component, and every route returning either is
    then documented with whichever was registered last."""
    from ninja import Schema

    doc = client.get("/api/openapi.json").json()
    models = {}
    for model in _subclasses(Schema):
        if model.__module__.startswith("claims."):
            models.setdefault(model.__name__, set()).add(model)
    twins = {name: found for name, found in models.items() if len(found) > 1}
    assert not twins, twins
    jsonld = doc["paths"]["/api/claims/{claim_id}/claimreview"]["get"]["responses"]["200"]
    ref = jsonld["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert "@context" in doc["components"]["schemas"][ref]["properties"]


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@pytest.mark.parametrize("path", ["/api/no-such-thing", "/api/sources/%0A", "/api/a/%0Ab/%0D"])
def test_unknown_api_addresses_are_json_404(client, reporter, path):
    response = client.get(path)
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}
    assert get(client, "/api/stories/not-a-number", reporter).status_code == 422


def test_the_api_keeps_answering_and_throttling_per_process_when_its_redis_goes_down(
    client,
    reporter,
    settings,
    own_redis,
    monkeypatch,
):
    settings.CACHES = redis_cache(own_redis.url)
    monkeypatch.setattr(throttling, "CACHE", throttling.FallbackCache())  # the real (Redis) cache
    settings.FACTDESK = {**settings.FACTDESK, "API_RATE": "4/m"}
    assert [get(client, "/api/stories", reporter).status_code for _ in range(2)] == [200, 200]
    assert any(key.startswith(b":1:throttle_auth_") for key in own_redis.client().keys())

    own_redis.stop()
    started = time.monotonic()
    codes = [get(client, "/api/stories", reporter).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 200, 429]  # counted in this process from the outage on
    assert time.monotonic() - started < 3, "each request waited on the dead Redis"
    assert throttling.CACHE.degraded


def test_x_forwarded_for_counts_only_from_a_trusted_proxy(client, db, settings):
    settings.FACTDESK = {**settings.FACTDESK, "API_ANON_RATE": "2/m"}

    def anonymous(forwarded_for: str, remote: str) -> int:
        """The public ClaimReview route: anonymous callers are throttled by address (404: no such claim)."""
        return client.get(
            "/api/claims/999/claimreview", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for
        ).status_code

    settings.TRUSTED_PROXIES = []
    # From an untrusted peer a new X-Forwarded-For each time changes nothing: one address, one count.
    assert [anonymous(f"198.51.100.{i}", "203.0.113.9") for i in range(3)] == [404, 404, 429]

    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # Behind our proxy (10.0.0.2) each real client has its own count; a forged hop in front does not help.
    assert [anonymous(f"1.2.3.{i}, 198.51.100.1", "10.0.0.2") for i in range(2)] == [404, 404]
    assert anonymous("5.6.7.8, 198.51.100.1", "10.0.0.2") == 429
    assert anonymous("9.9.9.9, 198.51.100.1, 10.0.0.7", "10.0.0.2") == 429  # through two trusted hops
    assert anonymous("198.51.100.50", "10.0.0.2") == 404
    assert [anonymous("not-an-address", "10.0.0.3") for _ in range(3)] == [404, 404, 429]  # garbage: the proxy
