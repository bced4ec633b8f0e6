"""Claims made from any span carry their figure, claimant and date; people correct them; stories
and sources know when they ran, and impossible dates are refused."""

import pytest

from claims.models import Claim, Source, Story
from tests.conftest import bearer

from .helpers import get, post

BODY = (
    "KYIV, Aug 11 (Reuters) - A missile hit a market in the town, killing at least 111 people, state media said. "
    "Over 76,000 people already evacuated, according to TASS."
)


@pytest.fixture
def wire_story(reporter):
    return Story.objects.create(
        owner=reporter, headline="Strike on market", body=BODY, published_at="2024-08-12T09:30:00Z"
    )


def make_claim(client, story, span, user):
    start = story.body.index(span)
    return post(client, "/api/claims", {"story": story.pk, "start": start, "end": start + len(span)}, user)


def test_a_claim_from_any_selection_carries_its_figure_claimant_and_date(client, wire_story, checker):
    assert not wire_story.suggestions.exists()  # not a finder suggestion: a plain selection
    response = make_claim(client, wire_story, "killing at least 111", checker)
    assert response.status_code == 201, response.content
    data = get(client, f"/api/claims/{response.json()['id']}", checker).json()
    assert data["quantity"] == {"value": 111.0, "unit": "person", "bound": "at_least", "as_of": "2024-08-12"}
    assert data["claimant"] == "state media" and data["kind"] == "quantity"
    claim = Claim.objects.get(pk=data["id"])
    assert claim.context == (
        "Strike on market\nA missile hit a market in the town, killing at least 111 people, state media said."
    )


def test_the_claimant_the_caller_gives_wins(client, wire_story, checker):
    start = BODY.index("76,000")
    response = post(
        client,
        "/api/claims",
        {"story": wire_story.pk, "start": start, "end": start + 6, "claimant": "Kursk governor"},
        checker,
    )
    assert response.json()["claimant"] == "Kursk governor"
    assert response.json()["quantity"]["value"] == 76000


def test_patch_corrects_the_quantity_and_claimant_under_the_version_lock(client, wire_story, checker):
    created = make_claim(client, wire_story, "Over 76,000 people already evacuated", checker).json()
    patch = {
        "expected_version": created["version"],
        "claimant": "Russia's defense ministry",
        "quantity": {"value": 121000, "bound": "approx", "as_of": "2024-08-14"},
    }
    response = post(client, f"/api/claims/{created['id']}", patch, checker, method="patch")
    assert response.status_code == 200, response.content
    data = get(client, f"/api/claims/{created['id']}", checker).json()
    assert data["quantity"] == {"value": 121000.0, "unit": "person", "bound": "approx", "as_of": "2024-08-14"}
    assert data["claimant"] == "Russia's defense ministry" and data["version"] == created["version"] + 1
    stale = post(client, f"/api/claims/{created['id']}", {**patch, "claimant": "TASS"}, checker, method="patch")
    assert stale.status_code == 409 and "detail" in stale.json()
    assert Claim.objects.get(pk=created["id"]).claimant.name == "Russia's defense ministry"


def test_a_figure_given_to_an_event_claim_makes_it_a_quantity(client, claim, checker):
    patch = {"expected_version": claim.version, "quantity": {"value": 900, "unit": "home"}}
    data = post(client, f"/api/claims/{claim.pk}", patch, checker, method="patch").json()
    assert data["kind"] == "quantity" and data["quantity"]["value"] == 900


def test_a_reporter_may_not_correct_someone_elses_claim(client, claim, reporter):
    patch = {"expected_version": claim.version, "quantity": {"value": 5}}
    response = post(client, f"/api/claims/{claim.pk}", patch, reporter, method="patch")
    assert response.status_code == 403 and "detail" in response.json()


@pytest.mark.parametrize(
    "patch",
    [
        {"quantity": {"value": 5}},  # no expected_version
        {"expected_version": 1, "quantity": {"as_of": "2024-02-30"}},
        {"expected_version": 1, "quantity": {"as_of": "11/08/2024"}},
        {"expected_version": 1, "quantity": {"bound": "lots"}},
    ],
)
def test_bad_corrections_are_422(client, claim, checker, patch):
    response = post(client, f"/api/claims/{claim.pk}", patch, checker, method="patch")
    assert response.status_code == 422 and "detail" in response.json()


def test_a_story_is_filed_with_when_and_where_it_ran(client, reporter):
    payload = {
        "headline": "Floods",
        "body": "The council said 1,200 homes flooded.",
        "published_at": "2024-08-11T10:15:00+02:00",
        "published_url": "https://news.example/floods",
    }
    response = post(client, "/api/stories", payload, reporter)
    assert response.status_code == 201, response.content
    data = get(client, f"/api/stories/{response.json()['id']}", reporter).json()
    assert data["published_at"].startswith("2024-08-11T08:15:00") and data["published_url"] == payload["published_url"]


@pytest.mark.parametrize(
    "published_at",
    ["yesterday", "2024-02-30T10:00:00Z", "1850-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "0001-01-01T00:00:00+05:00"],
)
def test_an_impossible_story_date_is_422_not_500(client, reporter, published_at):
    payload = {"headline": "Floods", "body": "Rain.", "published_at": published_at}
    response = post(client, "/api/stories", payload, reporter)
    assert response.status_code == 422 and "detail" in response.json()
    assert not Story.objects.exists()


def test_a_story_address_must_be_a_web_address(client, reporter):
    payload = {"headline": "Floods", "body": "Rain.", "published_url": "javascript:alert(1)"}
    assert post(client, "/api/stories", payload, reporter).status_code == 422


def test_a_source_says_where_its_date_came_from(client, reporter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        typed = post(client, "/api/sources", {"text": "Rain fell.", "published_at": "2024-08-11T00:00:00Z"}, reporter)
        read = post(client, "/api/sources", {"text": "BEIJING, Dec 19 (Reuters) - Exports rose 6.7%."}, reporter)
    assert typed.json()["published_at_origin"] == "given"
    data = client.get(f"/api/sources/{read.json()['id']}", **bearer(reporter)).json()
    assert data["published_at_origin"] == "dateline" and data["published_at"][5:10] == "12-19"


def test_an_impossible_source_date_is_422(client, reporter):
    response = post(client, "/api/sources", {"text": "Rain.", "published_at": "2999-01-01T00:00:00Z"}, reporter)
    assert response.status_code == 422 and not Source.objects.exists()
