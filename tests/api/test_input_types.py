"""Input the database cannot store (NUL) or the schema does not allow (true for 1) is a 422, never a 500."""

import pytest

from claims.models import Story

from .helpers import get, post

STORY = {"headline": "Dam opens", "body": "The dam opened on Monday, officials said.", "byline": "", "desk": ""}


@pytest.mark.parametrize("field", ["headline", "body", "byline", "desk"])
def test_a_story_with_nul_is_refused_and_nothing_is_stored(client, reporter, field):
    response = post(client, "/api/stories", {**STORY, field: STORY[field] + "\x00x"}, reporter)
    assert response.status_code == 422
    assert "NUL" in response.content.decode()
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    "url, params",
    [("/api/stories", {"desk": "a\x00"}), ("/api/claims", {"assignee": "\x00"}), ("/api/activity", {"verb": "\x00"})],
)
def test_filters_with_nul_are_422(client, reporter, url, params):
    assert get(client, url, reporter, **params).status_code == 422


def test_sources_claims_and_verdicts_refuse_nul(client, reporter, checker, claim):
    assert post(client, "/api/sources", {"text": "Figures\x00 rose."}, reporter).status_code == 422
    patch = {"version": claim.version, "claimant": "\x00"}
    assert post(client, f"/api/claims/{claim.pk}", patch, checker, method="patch").status_code == 422
    verdict = {"rating": "false", "rationale": "No\x00"}
    assert post(client, f"/api/claims/{claim.pk}/verifications", verdict, checker).status_code == 422


def test_a_lone_surrogate_is_refused_not_a_server_error(client, reporter):
    # json.dumps escapes it as \udc00, which json.loads turns back into an unencodable str;
    # pydantic refuses it before it reaches the database.
    response = post(client, "/api/stories", {**STORY, "headline": "Dam \udc00 opens"}, reporter)
    assert response.status_code == 422
    assert "unicode" in response.content.decode()
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    "url, body",
    [
        ("/api/claims", {"story": 1, "start": False, "end": 5}),
        ("/api/claims", {"story": "1", "start": 0, "end": 5}),
        ("/api/claims", {"story": 1, "start": 0, "end": 5.0}),
        ("/api/sources", {"text": "Figures rose.", "published_at": 1_700_000_000}),
    ],
)
def test_bodies_take_json_types_as_documented(client, reporter, url, body):
    # Pydantic's lax mode would read false as 0, "1" as 1 and a number as a date.
    assert post(client, url, body, reporter).status_code == 422


def test_a_claim_patch_refuses_booleans_for_numbers(client, checker, claim):
    for patch in (
        {"version": True},
        {"version": claim.version, "priority": True},
        {"version": claim.version, "as_of": 5},
    ):
        assert post(client, f"/api/claims/{claim.pk}", patch, checker, method="patch").status_code == 422, patch
