"""Claims: list with filters, edit with optimistic concurrency, ClaimReview."""

import pytest

from claims.models import Claim, Claimant, Mention
from tests.factories import ClaimFactory, StoryFactory
from tests.publishing.builders import approve, publish

from .helpers import get, post


@pytest.fixture
def claims(claim, story, checker, reporter):
    other_story = StoryFactory(owner=reporter)
    council = Claimant.objects.create(name="County council")
    a = ClaimFactory(claimant=council, assignee=checker)
    Claim.objects.filter(pk=a.pk).update(status="refuted")
    b = ClaimFactory()
    Mention.objects.create(story=other_story, claim=b, start=0, end=5, quote=other_story.body[:5])
    return {"claim": claim, "a": a, "b": b, "council": council, "other_story": other_story}


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(c["id"] for c in response.json()["items"])


def test_it_lists_claims(client, claims, reporter, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        data = get(client, "/api/claims", reporter).json()
    assert data["count"] == 3 and {"status", "verdict", "version", "assignee"} <= set(data["items"][0])


def test_it_filters_claims(client, claims, story, reporter):
    c = claims
    assert ids(get(client, "/api/claims", reporter, status="refuted")) == [c["a"].pk]
    assert ids(get(client, "/api/claims", reporter, assignee="chk")) == [c["a"].pk]
    assert ids(get(client, "/api/claims", reporter, assignee="none")) == sorted([c["claim"].pk, c["b"].pk])
    assert ids(get(client, "/api/claims", reporter, claimant=c["council"].pk)) == [c["a"].pk]
    assert ids(get(client, "/api/claims", reporter, story=story.pk)) == [c["claim"].pk]
    assert ids(get(client, "/api/claims", reporter, story=c["other_story"].pk)) == [c["b"].pk]
    assert get(client, "/api/claims", reporter, status="true").status_code == 422


def test_patch_edits_a_claim_and_bumps_its_version(client, claim, checker):
    response = post(
        client,
        f"/api/claims/{claim.pk}",
        {"version": claim.version, "priority": 1, "claimant": "Fire brigade", "assignee": "chk"},
        checker,
        method="patch",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["priority"] == 1 and data["claimant"] == "Fire brigade" and data["assignee"] == "chk"
    assert data["version"] == claim.version + 1


def test_a_stale_version_is_409_and_saves_nothing(client, claim, checker, editor):
    assert (
        post(
            client, f"/api/claims/{claim.pk}", {"version": claim.version, "priority": 3}, editor, method="patch"
        ).status_code
        == 200
    )
    response = post(
        client, f"/api/claims/{claim.pk}", {"version": claim.version, "priority": 1}, checker, method="patch"
    )
    assert response.status_code == 409 and "changed by someone else" in response.json()["detail"]
    assert Claim.objects.get(pk=claim.pk).priority == 3


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"version": 1}, 400),
        ({"version": 1, "assignee": "rep"}, 400),
        ({"version": 1, "quantity_value": 5}, 400),  # only quantity claims carry a value
        ({"version": 1, "priority": 9}, 422),
        ({"priority": 1}, 422),
    ],
)
def test_bad_edits_are_4xx(client, claim, checker, payload, code):
    response = post(client, f"/api/claims/{claim.pk}", payload, checker, method="patch")
    assert response.status_code == code and "detail" in response.json()


def test_a_reporter_cannot_edit_someone_elses_claim(client, claim, reporter):
    response = post(
        client, f"/api/claims/{claim.pk}", {"version": claim.version, "priority": 1}, reporter, method="patch"
    )
    assert response.status_code == 403


def test_claimreview_is_404_until_approved_then_public(client, claim, story, checker, editor):
    assert client.get(f"/api/claims/{claim.pk}/claimreview").json() == {"detail": "Not found."}
    post(client, f"/api/claims/{claim.pk}/verifications", {"rating": "false", "rationale": "Wrong."}, checker)
    assert client.get(f"/api/claims/{claim.pk}/claimreview").status_code == 404  # a draft never leaks
    publish(story)
    verdict = approve(claim, checker, editor)
    response = client.get(f"/api/claims/{claim.pk}/claimreview")
    assert response.status_code == 200
    data = response.json()
    assert data["@type"] == "ClaimReview" and data["@context"] == "https://schema.org"
    assert data["url"] == f"http://testserver/fact-checks/{verdict.pk}/"
    assert data["reviewRating"]["alternateName"] == "False"
    assert data["itemReviewed"]["appearance"][0]["url"] == "https://news.example/river-floods"


def test_the_author_may_never_approve_their_own_verdict(client, claim, editor, editor2):
    vid = post(
        client, f"/api/claims/{claim.pk}/verifications", {"rating": "true", "rationale": "Right."}, editor
    ).json()["id"]
    assert post(client, f"/api/verifications/{vid}/approve", {}, editor).status_code == 403
    assert client.get(f"/api/claims/{claim.pk}/claimreview").status_code == 404
    assert post(client, f"/api/verifications/{vid}/approve?confirm_no_evidence=true", {}, editor2).status_code == 200
    # Approved, but embargoed until the story that mentions the claim is published.
    assert client.get(f"/api/claims/{claim.pk}/claimreview").status_code == 404
    from tests.publishing.builders import publish

    publish(claim.mentions.get().story)
    assert client.get(f"/api/claims/{claim.pk}/claimreview").status_code == 200


def test_a_checker_cannot_approve(client, claim, checker, editor):
    vid = post(
        client, f"/api/claims/{claim.pk}/verifications", {"rating": "true", "rationale": "Right."}, editor
    ).json()["id"]
    assert post(client, f"/api/verifications/{vid}/approve", {}, checker).status_code == 403


def test_approving_twice_is_400(client, claim, checker, editor):
    vid = post(
        client, f"/api/claims/{claim.pk}/verifications", {"rating": "true", "rationale": "Right."}, checker
    ).json()["id"]
    confirmed = f"/api/verifications/{vid}/approve?confirm_no_evidence=true"
    assert post(client, confirmed, {}, editor).status_code == 200
    assert post(client, confirmed, {}, editor).status_code == 400


def test_absurd_evidence_ids_are_422(client, claim, checker):
    response = post(
        client,
        f"/api/claims/{claim.pk}/verifications",
        {"rating": "true", "rationale": "x", "evidence": [2**70]},
        checker,
    )
    assert response.status_code == 422
