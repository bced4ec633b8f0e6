"""Status refresh after review: logged with trigger, stories flagged, watchers and owner told."""

import pytest
from django.core import mail

from claims import services
from claims.models import Activity, Claim, Evidence, Notification, Story
from tests.factories import SourceFactory
from tests.jobs.helpers import day, kursk_story


@pytest.fixture
def kursk(reporter, checker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return kursk_story(reporter, checker)


def accept(evidence, user, capture):
    with capture(execute=True):
        services.accept_evidence(evidence, user)
    return Claim.objects.get(pk=evidence.claim_id)


def test_a_newer_figure_outdates_the_claim_and_flags_the_published_story(
    kursk,
    checker,
    reporter,
    django_capture_on_commit_callbacks,
):
    story, evacuated, _ = kursk
    source = SourceFactory(outlet="Kursk Governor's Office", published_at=day(20))
    evidence = Evidence.objects.create(
        claim=evacuated, source=source, stance="updates", observed_value=121000, observed_at=day(20)
    )
    claim = accept(evidence, checker, django_capture_on_commit_callbacks)
    assert claim.status == "outdated" and "Kursk Governor's Office" in claim.status_reason
    change = Activity.objects.get(claim=claim, verb="changed status", data__to="outdated")
    assert change.trigger.startswith(f"evidence #{evidence.pk} accepted by") and change.reason == claim.status_reason
    story = Story.objects.get(pk=story.pk)
    assert story.needs_correction and story.fact_health.get("outdated") == 1
    assert Notification.objects.filter(recipient=reporter, claim=claim).exists()  # the story owner
    assert Notification.objects.filter(recipient=checker, claim=claim).exists()  # a watcher
    assert any("is outdated" in m.subject for m in mail.outbox)


def test_rejecting_evidence_refreshes_the_claim_back(kursk, checker, django_capture_on_commit_callbacks):
    _, evacuated, _ = kursk
    evidence = Evidence.objects.create(claim=evacuated, source=SourceFactory(reliability="A"), stance="supports")
    assert accept(evidence, checker, django_capture_on_commit_callbacks).status == "supported"
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_evidence(evidence, checker)
    assert Claim.objects.get(pk=evacuated.pk).status == "unverified"


def test_approving_a_verdict_refreshes_the_claim(
    kursk, checker, editor, rating_false, django_capture_on_commit_callbacks
):
    story, _, drones = kursk
    verification = services.draft_verification(drones, checker, rating=rating_false, rationale="No drones were lost.")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_verification(verification, editor)
    drones.refresh_from_db()
    assert drones.status == "refuted" and drones.status_reason.startswith("Approved verdict: False")
    assert Story.objects.get(pk=story.pk).needs_correction
