"""Editors' queue of drafted verdicts, verdicts citing their evidence, and notifications by importance."""

import pytest

from claims import services
from claims.models import Evidence, Notification, Verification
from tests.factories import EvidenceFactory, SourceFactory

URL = "/queue/verdicts/"


@pytest.fixture
def accepted(claim, checker):
    evidence = EvidenceFactory(claim=claim, source=SourceFactory(reliability="A", outlet="County council"))
    Evidence.objects.filter(pk=evidence.pk).update(state=Evidence.State.ACCEPTED)
    return Evidence.objects.get(pk=evidence.pk)


def test_drafting_cites_the_chosen_accepted_evidence_and_notifies_editors(
    client, checker, editor, claim, accepted, rating_false
):
    client.force_login(checker)
    response = client.post(
        f"/claims/{claim.pk}/verdicts/",
        {"rating": rating_false.pk, "rationale": "The council says 900.", "evidence": [accepted.pk]},
    )
    assert response.status_code == 302
    verdict = Verification.objects.get()
    assert list(verdict.evidence.all()) == [accepted]
    note = Notification.objects.get(recipient=editor)
    assert note.kind == "approval" and note.url == URL


def test_a_verdict_cannot_cite_evidence_that_is_not_accepted(client, checker, claim, evidence, rating_false):
    client.force_login(checker)
    response = client.post(
        f"/claims/{claim.pk}/verdicts/",
        {"rating": rating_false.pk, "rationale": "x", "evidence": [evidence.pk]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert not Verification.objects.exists()


def test_the_queue_lists_others_drafts_with_their_evidence_and_the_dashboard_counts_them(
    client, editor, editor2, checker, claim, accepted, rating_false
):
    cited = services.draft_verification(claim, checker, rating=rating_false, rationale="Cited.", evidence=[accepted])
    services.draft_verification(claim, editor, rating=rating_false, rationale="Mine, not for me.")
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert f'data-verdict="{cited.pk}"' in html and "Mine, not for me." not in html
    assert "County council" in html
    dash = client.get("/").content.decode()
    assert 'data-count="awaiting-approval">1<' in dash
    client.force_login(editor2)
    assert 'data-count="awaiting-approval">2<' in client.get("/").content.decode()


def test_approving_a_verdict_without_evidence_needs_confirmation(client, editor, checker, claim, rating_false):
    draft = services.draft_verification(claim, checker, rating=rating_false, rationale="No sources.")
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert "Cites no evidence" in html and 'name="without_evidence"' in html
    client.post(f"/verdicts/{draft.pk}/approve/", {"next": URL})
    assert Verification.objects.get(pk=draft.pk).state == "draft"
    response = client.post(f"/verdicts/{draft.pk}/approve/", {"next": URL, "without_evidence": "on"})
    assert response.status_code == 302 and response["Location"] == URL
    assert Verification.objects.get(pk=draft.pk).state == "approved"


def test_an_editor_approves_a_cited_verdict_from_the_queue(
    client, editor, checker, claim, accepted, rating_false, jobs
):
    draft = services.draft_verification(claim, checker, rating=rating_false, rationale="Cited.", evidence=[accepted])
    client.force_login(editor)
    with jobs(execute=True):
        response = client.post(f"/verdicts/{draft.pk}/approve/", {"next": URL})
    assert response.status_code == 302
    assert Verification.objects.get(pk=draft.pk).approved_by == editor
    assert b"No verdicts are waiting" in client.get(URL).content


def test_checkers_see_the_queue_without_approve_buttons(client, checker, editor, claim, rating_false):
    services.draft_verification(claim, editor, rating=rating_false, rationale="By the editor.")
    client.force_login(checker)
    html = client.get(URL).content.decode()
    assert "By the editor." in html and "Approve verdict" not in html


def test_the_queue_costs_the_same_queries_for_more_verdicts(
    client, editor, checker, claim, accepted, rating_false, django_assert_max_num_queries
):
    for i in range(3):
        services.draft_verification(claim, checker, rating=rating_false, rationale=f"r{i}", evidence=[accepted])
    client.force_login(editor)
    client.get(URL)
    with django_assert_max_num_queries(12):
        client.get(URL)
    for i in range(12):
        services.draft_verification(claim, checker, rating=rating_false, rationale=f"s{i}", evidence=[accepted])
    with django_assert_max_num_queries(12):
        client.get(URL)


def test_important_notifications_come_first_and_routine_ones_are_digested(client, reporter, checker, story, claim):
    for i in range(5):
        Notification.objects.create(recipient=reporter, message=f"Claim #{claim.pk} is now checking ({i})")
    services.edit_claim(claim, checker, expected_version=claim.version, assignee=reporter)
    client.force_login(reporter)
    html = client.get("/").content.decode()
    assert "assigned you claim" in html
    assert "5 routine status changes" in html
    assert html.index("assigned you claim") < html.index("5 routine status changes")


def test_a_published_story_flagged_for_correction_notifies_its_owner(reporter, story, claim):
    from django.utils import timezone

    from claims.models import Story

    Story.objects.filter(pk=story.pk).update(state="published", published_at=timezone.now())
    services.update_fact_health([story.pk], turned_bad=True, claim=claim)
    note = Notification.objects.get(recipient=reporter)
    assert note.kind == "needs_correction" and "needs a correction" in note.message
