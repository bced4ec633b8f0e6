"""The API shows reporters and checkers only their desks' stories, claims and activity; editors all."""

import pytest

from claims import services
from claims.models import Evidence
from claims.permissions import FACT_CHECKER, REPORTER
from tests.factories import EvidenceFactory, SourceFactory, StoryFactory, UserFactory

from .helpers import get, post


@pytest.fixture
def sport(db):
    sport_checker = UserFactory(username="sport-chk", role=FACT_CHECKER, desks=["Sport"])
    sport_reporter = UserFactory(username="sport-rep", role=REPORTER, desks=["Sport"])
    story = StoryFactory(owner=sport_reporter, desk="Sport", headline="Cup final draws record crowd")
    text = "The river peaked at 6.2 metres"
    claim, _m, _c = services.create_claim_from_span(story, sport_checker, start=0, end=len(text))
    source = SourceFactory()
    evidence = EvidenceFactory(claim=claim, source=source, state=Evidence.State.SUGGESTED)
    return {"checker": sport_checker, "story": story, "claim": claim, "evidence": evidence, "source": source}


def ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("role", ["reporter", "checker"])
def test_lists_keep_to_my_desks(client, request, story, claim, sport, role, django_assert_max_num_queries):
    user = request.getfixturevalue(role)
    services.create_claim_from_span(story, request.getfixturevalue("checker"), start=0, end=9)
    with django_assert_max_num_queries(8):
        assert ids(get(client, "/api/stories", user)) == {story.pk}
    assert sport["claim"].pk not in ids(get(client, "/api/claims", user))
    assert claim.pk in ids(get(client, "/api/claims", user))
    activity = get(client, "/api/activity", user).json()["items"]
    assert activity and all(a.get("story") != sport["story"].pk for a in activity)
    assert all(a.get("claim") != sport["claim"].pk for a in activity)


@pytest.mark.parametrize("role", ["reporter", "checker"])
def test_another_desks_story_and_claim_are_not_found(client, request, sport, role):
    user = request.getfixturevalue(role)
    for url in (
        f"/api/stories/{sport['story'].pk}",
        f"/api/stories/{sport['story'].pk}/suggestions",
        f"/api/claims/{sport['claim'].pk}",
    ):
        response = get(client, url, user)
        assert response.status_code == 404 and "detail" in response.json(), url


def test_writes_on_another_desk_are_not_found(client, checker, sport):
    assert post(client, "/api/claims", {"story": sport["story"].pk, "start": 0, "end": 9}, checker).status_code == 404
    assert post(client, f"/api/evidence/{sport['evidence'].pk}/accept", {}, checker).status_code == 404
    assert Evidence.objects.get(pk=sport["evidence"].pk).state == "suggested"


def test_a_source_shows_only_the_evidence_on_my_desks_claims(client, checker, editor, sport):
    assert get(client, f"/api/sources/{sport['source'].pk}", checker).json()["evidence"] == []
    assert len(get(client, f"/api/sources/{sport['source'].pk}", editor).json()["evidence"]) == 1


def test_editors_see_every_desk(client, editor, story, claim, sport):
    assert ids(get(client, "/api/stories", editor)) == {story.pk, sport["story"].pk}
    assert ids(get(client, "/api/claims", editor)) == {claim.pk, sport["claim"].pk}
    assert get(client, f"/api/claims/{sport['claim'].pk}", editor).status_code == 200


def test_the_other_desk_sees_its_own(client, sport, story):
    assert ids(get(client, "/api/stories", sport["checker"])) == {sport["story"].pk}
    assert StoryFactory(desk="SPORT").pk in ids(get(client, "/api/stories", sport["checker"]))


def test_another_desks_story_cannot_be_moved_or_corrected(client, reporter, sport):
    story = sport["story"]
    moved = post(client, f"/api/stories/{story.pk}/transition", {"state": "in_review"}, reporter)
    assert moved.status_code == 404
    assert get(client, f"/api/stories/{story.pk}/corrections", reporter).status_code == 404
    assert (
        post(client, f"/api/stories/{story.pk}/corrections", {"kind": "correction", "text": "x"}, reporter).status_code
        == 404
    )
