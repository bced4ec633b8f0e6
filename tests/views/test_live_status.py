"""The workspace's live poll: 204 while nothing changed, fresh marks when a job changes a claim."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import services
from claims.views.live import story_stamp
from tests.views.conftest import HTMX, story_with_claims


def live_url(story, since=""):
    return reverse("story_live", args=[story.pk]) + f"?since={since}"


def test_it_answers_204_while_nothing_changed(client, checker, story, claim):
    client.force_login(checker)
    response = client.get(live_url(story, story_stamp(story.pk)), **HTMX)
    assert response.status_code == 204
    assert response.content == b""
    assert response["ETag"] == f'"{story_stamp(story.pk)}"'


def test_it_sends_fresh_marks_counts_and_a_trigger_when_a_claim_changes(
    client, checker, story, claim, evidence, django_capture_on_commit_callbacks
):
    client.force_login(checker)
    before = story_stamp(story.pk)
    with django_capture_on_commit_callbacks(execute=True):  # the status refresh job runs after commit
        services.accept_evidence(evidence, checker)
    claim.refresh_from_db()
    assert claim.status == "supported"
    assert story_stamp(story.pk) != before

    response = client.get(live_url(story, before), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Trigger"] == "story-changed"
    assert f'data-claim="{claim.pk}" data-status="supported"' in html
    assert re.search(r'id="story-body"[^>]*hx-swap-oob="true"', html)
    assert re.search(r'id="health"[^>]*hx-swap-oob="true"', html)
    assert f"?since={story_stamp(story.pk)}" in html  # the new poller carries the new stamp


def test_the_stamp_moves_when_suggestions_or_the_story_change(checker, reporter, story, claim, suggestion):
    before = story_stamp(story.pk)
    from claims import triage

    triage.dismiss_suggestions([suggestion], checker)
    after_dismiss = story_stamp(story.pk)
    assert after_dismiss != before
    services.edit_story(story, reporter, expected_version=story.version, headline="New headline")
    assert story_stamp(story.pk) != after_dismiss


def test_an_unknown_story_is_404(client, checker):
    client.force_login(checker)
    assert client.get(live_url(type("S", (), {"pk": 99999})())).status_code == 404


def test_a_poll_costs_a_constant_few_queries(client, checker, reporter):
    client.force_login(checker)
    costs = []
    for n in (3, 30):
        story = story_with_claims(reporter, n)
        stamp = story_stamp(story.pk)
        client.get(live_url(story, stamp), **HTMX)  # warm the session and role cache paths
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(live_url(story, stamp), **HTMX).status_code == 204
        costs.append(len(ctx.captured_queries))
    assert costs[0] == costs[1]
    # session + user + roles, the desk-membership check, then the stamp's two queries
    assert costs[0] <= 6, costs
