"""Throttling answers 429 JSON; the OpenAPI document declares every error a route gives."""

import pytest

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


@pytest.mark.parametrize("path", ["/api/no-such-thing", "/api/sources/%0A", "/api/a/%0Ab/%0D"])
def test_unknown_api_addresses_are_json_404(client, reporter, path):
    response = client.get(path)
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}
    assert get(client, "/api/stories/not-a-number", reporter).status_code == 422
