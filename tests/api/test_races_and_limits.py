"""The API under concurrent writes, oversized bodies and browser-style (CSRF) requests: never a 500."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.test import Client

from claims.models import ApiToken, Claim, Mention


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_claims_on_one_span_make_one_claim_and_no_server_error(live_server, story, checker):
    _token, key = ApiToken.issue(checker)
    text = "About 1,200 homes were evacuated"
    start = story.body.index(text)
    payload = {"story": story.pk, "start": start, "end": start + len(text)}

    def create(_):
        with httpx.Client(base_url=live_server.url, timeout=60) as http:
            return http.post("/api/claims", json=payload, headers={"Authorization": f"Bearer {key}"})

    with ThreadPoolExecutor(10) as pool:
        responses = list(pool.map(create, range(10)))
    codes = sorted(r.status_code for r in responses)
    assert all(code < 500 for code in codes), [(r.status_code, r.text[:200]) for r in responses]
    assert codes.count(201) == 1 and codes.count(200) == 9, codes
    assert len({r.json()["id"] for r in responses}) == 1
    assert Mention.objects.filter(story=story).count() == 1 and Claim.objects.count() == 1


def test_a_body_over_the_upload_limit_is_refused_with_json(client, editor, api_headers, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024  # the real limit is 10 MiB: same path, less memory
    body = json.dumps({"text": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response = client.post("/api/sources", body, content_type="application/json", **api_headers(editor))
    assert response.status_code == 413, response.content[:200]
    assert response["Content-Type"].startswith("application/json")
    assert "too large" in response.json()["detail"]


def test_a_body_over_ten_mebibytes_is_refused_with_json(client, editor, api_headers):
    body = json.dumps({"text": "x" * (10 * 1024 * 1024 + 1)})
    response = client.post("/api/sources", body, content_type="application/json", **api_headers(editor))
    assert response.status_code == 413 and response.json()["detail"].startswith("The request body is too large")


@pytest.fixture
def browser():
    """A client that enforces CSRF like a browser's requests are checked."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-real-token", "Basic Zm9vOmJhcg=="])
def test_an_anonymous_or_bad_token_write_is_401_json_not_a_csrf_refusal(browser, db, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = browser.post(
        "/api/stories", json.dumps({"headline": "h", "body": "b"}), content_type="application/json", **headers
    )
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "Authentication required: send Authorization: Bearer <token>."}


def test_a_signed_in_browser_write_without_the_csrf_token_is_still_refused(browser, reporter):
    browser.force_login(reporter)
    response = browser.post("/api/stories", json.dumps({"headline": "h", "body": "b"}), content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    token = browser.get("/").cookies  # the desk sets the CSRF cookie on its pages
    csrf = token["csrftoken"].value if "csrftoken" in token else browser.cookies["csrftoken"].value
    response = browser.post(
        "/api/stories",
        json.dumps({"headline": "h", "body": "b"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert response.status_code == 201, response.content
