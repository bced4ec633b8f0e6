"""Who may open and use each desk view: a matrix over every view and role."""

import pytest
from django.urls import reverse

from claims.models import Verification
from tests.views.conftest import HTMX

ROLES = ["anonymous", "outsider", "reporter", "checker", "editor"]


@pytest.fixture
def world(story, claim, suggestion, evidence, draft, claimant):
    return {
        "story": story.pk,
        "claim": claim.pk,
        "suggestion": suggestion.pk,
        "evidence": evidence.pk,
        "draft": draft.pk,
        "claimant": claimant.pk,
        "source": evidence.source_id,
    }


# name, url kwargs key, extra query
PAGES = [
    ("dashboard", None, ""),
    ("story_workspace", "story", ""),
    ("story_live", "story", "?since=x"),
    ("story_suggestions_more", "story", "?offset=0"),
    ("claim_detail", "claim", ""),
    ("claim_panel", "claim", ""),
    ("claimant_detail", "claimant", ""),
    ("source_detail", "source", ""),
    ("source_state", "source", ""),
    ("claim_queue", None, ""),
    ("suggestion_queue", None, ""),
    ("source_queue", None, ""),
]

# name, url kwargs key, roles that may (others: 403), form data
ACTIONS = [
    ("notifications_read", None, {"reporter", "checker", "editor"}, {}),
    ("story_edit", "story", {"reporter", "editor"}, {"version": 1, "headline": "H", "body": "B"}),
    ("story_transition", "story", {"reporter", "editor"}, {"to_state": "in_review", "version": 1}),
    ("story_claim_create", "story", {"reporter", "checker", "editor"}, {"quote": "About 1,200"}),
    ("story_comment", "story", {"reporter", "checker", "editor"}, {"body": "Looks right"}),
    ("suggestion_accept", "suggestion", {"reporter", "checker", "editor"}, {}),
    ("suggestion_dismiss", "suggestion", {"reporter", "checker", "editor"}, {}),
    (
        "claim_edit",
        "claim",
        {"checker", "editor"},
        {"version": 1, "text": "About 1,200 homes", "kind": "other", "priority": 2},
    ),
    (
        "claim_add_source",
        "claim",
        {"reporter", "checker", "editor"},
        {"text": "Pasted", "kind": "other", "reliability": "F"},
    ),
    ("claim_comment", "claim", {"reporter", "checker", "editor"}, {"body": "ok"}),
    ("verdict_draft", "claim", {"checker", "editor"}, {"rationale": "because"}),
    ("evidence_accept", "evidence", {"checker", "editor"}, {}),
    ("evidence_reject", "evidence", {"checker", "editor"}, {}),
    ("verdict_approve", "draft", {"editor"}, {}),
    ("claim_queue_bulk", None, {"checker", "editor"}, {}),
    ("suggestion_bulk_dismiss", None, {"reporter", "checker", "editor"}, {}),
]


def sign_in(client, role, request):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


def build(name, key, world, query=""):
    return reverse(name, args=[world[key]] if key else []) + query


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name,key,query", PAGES)
def test_pages_are_for_desk_members_only(client, world, request, role, name, key, query):
    sign_in(client, role, request)
    response = client.get(build(name, key, world, query), **HTMX)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")
    elif role == "outsider":
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 204)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name,key,allowed,data", ACTIONS)
def test_actions_follow_the_role_rules(client, world, request, rating_false, role, name, key, allowed, data):
    sign_in(client, role, request)
    if name == "verdict_draft":
        data = {**data, "rating": rating_false.pk}
    response = client.post(build(name, key, world), data, **HTMX)
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code not in (403, 405, 500), response.status_code
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("name,key,allowed,data", ACTIONS)
def test_actions_reject_get(client, world, editor, name, key, allowed, data):
    client.force_login(editor)
    assert client.get(build(name, key, world)).status_code == 405


@pytest.mark.parametrize("name,key,query", PAGES)
def test_pages_reject_post(client, world, editor, name, key, query):
    client.force_login(editor)
    assert client.post(build(name, key, world, query)).status_code == 405


def test_outsider_cannot_approve_or_be_approved(client, outsider, draft):
    client.force_login(outsider)
    assert client.post(reverse("verdict_approve", args=[draft.pk])).status_code == 403
    assert Verification.objects.get().state == "draft"


def test_the_public_fact_check_pages_stay_open(client, db):
    assert client.get(reverse("public_index")).status_code == 200
