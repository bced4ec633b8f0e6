"""Every desk screen shows a reporter or checker only their desks' stories, claims and activity."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import Evidence, Mention
from claims.permissions import FACT_CHECKER, REPORTER
from tests.factories import ClaimFactory, EvidenceFactory, StoryFactory, UserFactory
from tests.views.conftest import HTMX


@pytest.fixture
def sport(db):
    sport_checker = UserFactory(username="sport-chk", role=FACT_CHECKER, desks=["Sport"])
    sport_reporter = UserFactory(username="sport-rep", role=REPORTER, desks=["Sport"])
    story = StoryFactory(owner=sport_reporter, desk="Sport", headline="Cup final draws record crowd")
    text = "The river peaked at 6.2 metres"
    claim, _m, _c = services.create_claim_from_span(story, sport_checker, start=0, end=len(text))
    evidence = EvidenceFactory(claim=claim, stance=Evidence.Stance.SUPPORTS, state=Evidence.State.SUGGESTED)
    return {"checker": sport_checker, "story": story, "claim": claim, "evidence": evidence}


@pytest.mark.parametrize("role", ["reporter", "checker"])
@pytest.mark.parametrize(
    "name,key",
    [("story_workspace", "story"), ("story_live", "story"), ("claim_detail", "claim"), ("claim_panel", "claim")],
)
def test_another_desks_story_and_claim_are_not_found(client, request, sport, role, name, key):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(name, args=[sport[key].pk]), **HTMX).status_code == 404


def test_the_editor_opens_every_desks_story_and_claim(client, editor, sport):
    client.force_login(editor)
    assert client.get(reverse("story_workspace", args=[sport["story"].pk])).status_code == 200
    assert client.get(reverse("claim_detail", args=[sport["claim"].pk])).status_code == 200


def test_a_checker_cannot_review_or_comment_on_another_desks_claim(client, checker, sport):
    client.force_login(checker)
    assert client.post(reverse("evidence_accept", args=[sport["evidence"].pk]), **HTMX).status_code == 404
    assert client.post(reverse("claim_comment", args=[sport["claim"].pk]), {"body": "hi"}, **HTMX).status_code == 404
    assert Evidence.objects.get(pk=sport["evidence"].pk).state == "suggested"


def test_the_claim_queue_lists_only_my_desks_claims(client, checker, claim, sport, django_assert_max_num_queries):
    for n in range(5):
        ClaimFactory()
    client.force_login(checker)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("claim_queue")).content.decode()
    assert claim.text in page and sport["claim"].text not in page
    assert "Sport" not in page  # nor its desk in the desk filter


def test_the_suggestion_queue_and_dashboard_keep_to_my_desks(client, checker, story, sport):
    from claims.models import ClaimSuggestion

    ClaimSuggestion.objects.create(story=sport["story"], text="Sport suggestion", start=0, end=5, score=0.9)
    client.force_login(checker)
    assert "Sport suggestion" not in client.get(reverse("suggestion_queue")).content.decode()
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Cup final draws record crowd" not in dashboard and sport["claim"].text not in dashboard


def test_the_editor_sees_every_desk_in_the_queues(client, editor, claim, sport):
    client.force_login(editor)
    page = client.get(reverse("claim_queue")).content.decode()
    assert claim.text in page and sport["claim"].text in page


def test_a_claim_on_two_desks_lists_only_my_desks_story(client, checker, sport):
    national = StoryFactory(headline="River story on the National desk")
    Mention.objects.create(story=national, claim=sport["claim"], start=0, end=5, quote=national.body[:5])
    client.force_login(checker)
    page = client.get(reverse("claim_detail", args=[sport["claim"].pk])).content.decode()
    assert "River story on the National desk" in page and "Cup final draws record crowd" not in page


def test_the_claims_export_keeps_to_my_desks(client, checker, claim, sport):
    client.force_login(checker)
    body = b"".join(client.get(reverse("export_claims")).streaming_content).decode()
    assert claim.text in body and sport["claim"].text not in body
    assert client.get(reverse("export_claims"), {"story": sport["story"].pk}).status_code == 400
