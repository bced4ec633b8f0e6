"""The write paths: refresh_status, evidence review, verdicts, claims from spans, story workflow."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from claims import services
from claims.models import (
    Activity,
    Claim,
    Evidence,
    Mention,
    Notification,
    OutboxJob,
    Story,
    Verification,
)
from tests.factories import EvidenceFactory, SourceFactory, StoryFactory


def refreshed(claim):
    services.refresh_status(claim.pk)
    return Claim.objects.get(pk=claim.pk)


def status_changes(claim):
    return Activity.objects.filter(claim=claim, verb="changed status")


def test_refresh_stores_status_and_reason_and_logs_once(claim, checker):
    for label in ("TASS", "Reuters"):
        services.accept_evidence(EvidenceFactory(claim=claim, source=SourceFactory(outlet=label)), checker)
    claim = refreshed(claim)
    assert claim.status == "supported"
    assert claim.status_reason.startswith("2 independent sources support")
    refreshed(claim)  # idempotent: a second run logs nothing
    assert status_changes(claim).count() == 1
    entry = status_changes(claim).get()
    assert entry.data == {"from": "unverified", "to": "supported"} and entry.actor_label == "job:refresh_status"


def test_refresh_updates_fact_health_of_every_story_mentioning_the_claim(claim, checker, story):
    other = StoryFactory(body="Officials said about 1,200 homes were evacuated on Monday.")
    text = "about 1,200 homes were evacuated"
    Mention.objects.create(
        story=other, claim=claim, start=other.body.index(text), end=other.body.index(text) + len(text), quote=text
    )
    services.accept_evidence(EvidenceFactory(claim=claim, source=SourceFactory(reliability="A")), checker)
    refreshed(claim)
    for s in (story, other):
        assert Story.objects.get(pk=s.pk).fact_health == {"supported": 1}


def test_published_story_is_flagged_when_a_claim_turns_refuted(claim, checker, story):
    Story.objects.filter(pk=story.pk).update(state="published", published_at=timezone.now())
    claim.watchers.add(checker)
    services.accept_evidence(
        EvidenceFactory(claim=claim, stance="contradicts", source=SourceFactory(reliability="B")), checker
    )
    refreshed(claim)
    story.refresh_from_db()
    assert story.needs_correction
    assert Activity.objects.filter(story=story, verb="flagged for correction").exists()
    assert Notification.objects.filter(recipient=checker, claim=claim).exists()
    assert Notification.objects.filter(recipient=story.owner, claim=claim).exists()


def test_draft_story_is_not_flagged(claim, checker, story):
    services.accept_evidence(
        EvidenceFactory(claim=claim, stance="contradicts", source=SourceFactory(reliability="B")), checker
    )
    refreshed(claim)
    assert not Story.objects.get(pk=story.pk).needs_correction


def test_accepting_evidence_queues_a_refresh_through_the_outbox(claim, checker, django_capture_on_commit_callbacks):
    evidence = EvidenceFactory(claim=claim, source=SourceFactory(reliability="A"))
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_evidence(evidence, checker)
    job = OutboxJob.objects.get(task=services.REFRESH_TASK, args=[claim.pk])
    assert job.done_at is not None  # ran in-process (no REDIS_URL) or by the eager test config
    assert Claim.objects.get(pk=claim.pk).status == "supported"


def test_reporter_may_not_accept_evidence(claim, reporter):
    evidence = EvidenceFactory(claim=claim)
    with pytest.raises(PermissionDenied):
        services.accept_evidence(evidence, reporter)
    assert Evidence.objects.get(pk=evidence.pk).state == "suggested"


def test_accepting_twice_changes_nothing_twice(claim, checker):
    evidence = EvidenceFactory(claim=claim)
    services.accept_evidence(evidence, checker)
    services.accept_evidence(evidence, checker)
    assert Activity.objects.filter(verb="accepted evidence").count() == 1


def test_author_may_not_approve_own_verdict(claim, editor, rating_false):
    verdict = services.draft_verification(claim, editor, rating=rating_false, rationale="Wrong figure.")
    with pytest.raises(PermissionDenied):
        services.approve_verification(verdict, editor)
    assert Verification.objects.get(pk=verdict.pk).state == "draft"


def test_approved_verdict_sets_status_and_supersedes_the_old_one(claim, checker, editor, editor2, rating_false):
    from claims.models import Rating

    first = services.approve_verification(
        services.draft_verification(claim, checker, rating=rating_false, rationale="No."), editor
    )
    assert refreshed(claim).status == "refuted"
    second = services.approve_verification(
        services.draft_verification(claim, checker, rating=Rating.objects.get(slug="true"), rationale="Yes."), editor2
    )
    first.refresh_from_db()
    assert first.state == "superseded" and second.state == "approved"
    claim = refreshed(claim)
    assert claim.status == "supported" and claim.current_verification_id == second.pk


def test_newer_evidence_after_a_verdict_flags_needs_review(claim, checker, editor, rating_false):
    services.approve_verification(
        services.draft_verification(claim, checker, rating=rating_false, rationale="No."), editor
    )
    assert refreshed(claim).status == "refuted"
    evidence = EvidenceFactory(claim=claim, source=SourceFactory(reliability="A"))
    services.accept_evidence(evidence, checker)
    Evidence.objects.filter(pk=evidence.pk).update(reviewed_at=timezone.now() + timedelta(seconds=1))
    claim = refreshed(claim)
    assert claim.status == "supported" and claim.needs_review


def test_rationale_is_required(claim, checker, rating_false):
    with pytest.raises(ValidationError):
        services.draft_verification(claim, checker, rating=rating_false, rationale="  ")


def test_claim_from_span_creates_claim_and_mention(story, reporter):
    text = "The river peaked at 6.2 metres on Tuesday"
    start = story.body.index(text)
    claim, mention, created = services.create_claim_from_span(
        story,
        reporter,
        start=start,
        end=start + len(text),
        claimant="the environment agency",
        quantity={"value": 6.2, "unit": "metre", "bound": "exact", "as_of": date(2024, 1, 2)},
    )
    assert created and mention.quote == text
    assert claim.kind == "quantity" and claim.quantity_value == 6.2 and claim.claimant.name == "the environment agency"


def test_overlapping_span_reuses_the_claim(claim, story, checker):
    m = claim.mentions.get()
    again, mention, created = services.create_claim_from_span(story, checker, start=m.start + 2, end=m.end + 5)
    assert not created and again == claim
    assert Claim.objects.count() == 1 and mention.start == m.start + 2


def test_same_text_in_another_story_links_to_the_existing_claim(claim, checker):
    other = StoryFactory(body="Later reports said about 1,200 homes were evacuated.")
    text = "about 1,200 homes were evacuated"
    again, _m, created = services.create_claim_from_span(
        other, checker, start=other.body.index(text), end=other.body.index(text) + len(text)
    )
    assert not created and again == claim


def test_span_outside_the_body_is_refused(story, reporter):
    with pytest.raises(ValidationError):
        services.create_claim_from_span(story, reporter, start=5, end=len(story.body) + 10)


def test_reporter_may_not_propose_claims_on_someone_elses_story(story, editor):
    from claims.permissions import REPORTER
    from tests.factories import UserFactory

    stranger = UserFactory(username="other-rep", role=REPORTER)
    with pytest.raises(PermissionDenied):
        services.create_claim_from_span(story, stranger, start=0, end=5)


def test_clearing_a_story_with_refuted_claims_needs_confirmation_and_is_logged(claim, checker, editor, story):
    services.accept_evidence(
        EvidenceFactory(claim=claim, stance="contradicts", source=SourceFactory(reliability="A")), checker
    )
    refreshed(claim)
    services.transition_story(story, story.owner, "in_review", expected_version=story.version)
    with pytest.raises(ValidationError, match="Confirm clearing"):
        services.transition_story(story, editor, "cleared", expected_version=story.version)
    with pytest.raises(ValidationError, match="with a reason"):
        services.transition_story(story, editor, "cleared", expected_version=story.version, confirmed=True)
    services.transition_story(
        story, editor, "cleared", expected_version=story.version, confirmed=True, reason="Quoted, not asserted."
    )
    entry = Activity.objects.filter(story=story, verb="moved story to cleared").get()
    assert (
        entry.reason.startswith("Quoted, not asserted.") and "refuted" in entry.reason and "(confirmed)" in entry.reason
    )


def test_story_transitions_follow_the_workflow(story, editor):
    with pytest.raises(ValidationError):
        services.transition_story(story, editor, "published", expected_version=story.version)


def test_stale_story_edit_is_refused(story, reporter):
    from claims.models import ConflictError

    version = story.version
    services.edit_story(story, reporter, expected_version=version, headline="New")
    with pytest.raises(ConflictError):
        services.edit_story(Story.objects.get(pk=story.pk), reporter, expected_version=version, headline="Old view")
    assert Story.objects.get(pk=story.pk).headline == "New"


def test_claimant_resolves_by_alias(db):
    from claims.models import Claimant, ClaimantAlias

    mod = Claimant.objects.create(name="Russian Ministry of Defence")
    ClaimantAlias.objects.create(claimant=mod, alias="Russia's defense ministry")
    assert services.resolve_claimant("russia's defense ministry") == mod


def test_editing_the_body_keeps_claim_marks_on_their_words(claim, story, reporter):
    new_body = "UPDATE: Flood defences were raised overnight. " + story.body
    services.edit_story(story, reporter, expected_version=story.version, body=new_body)
    mention = claim.mentions.get()
    assert new_body[mention.start : mention.end] == mention.quote == "About 1,200 homes were evacuated"


def test_an_edit_that_removes_marked_words_is_refused_and_changes_nothing(claim, story, reporter):
    old_body, version = story.body, story.version
    with pytest.raises(ValidationError, match="claim mark"):
        services.edit_story(story, reporter, expected_version=version, body="The river peaked on Tuesday.")
    story = Story.objects.get(pk=story.pk)
    assert story.body == old_body and story.version == version
    assert claim.mentions.get().start == old_body.index("About 1,200 homes were evacuated")


def test_relocate_picks_the_occurrence_nearest_the_old_position():
    from claims.offsets import relocate

    body = "ten homes. ten homes. ten homes."
    assert relocate("ten homes", 12, body) == 11
    assert relocate("ten homes", 0, body) == 0
    assert relocate("nine homes", 0, body) is None
