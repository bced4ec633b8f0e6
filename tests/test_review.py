"""Evidence review services: stance changes, one live stance per wire story, bulk review, matcher tiers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims import review, services
from claims.models import Activity, Evidence, MatcherSettings, OutboxJob
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory


def refresh_queued(claim) -> bool:
    return OutboxJob.objects.filter(task=services.REFRESH_TASK, args=[claim.pk], done_at__isnull=True).exists()


def wire_copy(head):
    """A second source in the same syndication group as `head`."""
    if head.syndication_group_id is None:
        head.syndication_group_id = head.pk
        head.save(update_fields=["syndication_group"])
    return SourceFactory(syndication_group=head, outlet="Evening Post")


# --- changing a stance ----------------------------------------------------------------


def test_a_checker_changes_a_stance_and_the_proposed_one_is_kept_through_two_changes(claim, checker, editor):
    evidence = EvidenceFactory(claim=claim, stance="contradicts")
    review.change_stance(evidence, checker, "updates")
    changed = review.change_stance(evidence, editor, "supports")
    changed.refresh_from_db()
    assert changed.stance == "supports"
    assert changed.proposed_stance == "contradicts"  # the first proposal, not the intermediate "updates"
    assert changed.stance_changed_by == editor and changed.stance_changed_at is not None
    verbs = list(Activity.objects.filter(target_id=evidence.pk).order_by("pk").values_list("verb", "actor_label"))
    assert verbs == [
        ("changed stance from contradicts to updates", "chk"),
        ("changed stance from updates to supports", "ed"),
    ]


def test_changing_to_the_same_stance_changes_and_logs_nothing(claim, checker):
    evidence = EvidenceFactory(claim=claim, stance="supports")
    review.change_stance(evidence, checker, "supports")
    evidence.refresh_from_db()
    assert evidence.proposed_stance == "" and evidence.stance_changed_by is None
    assert not Activity.objects.filter(verb__startswith="changed stance").exists()


def test_a_reporter_may_not_change_a_stance(claim, reporter):
    evidence = EvidenceFactory(claim=claim, stance="supports")
    with pytest.raises(PermissionDenied):
        review.change_stance(evidence, reporter, "contradicts")
    evidence.refresh_from_db()
    assert evidence.stance == "supports"


def test_an_unknown_stance_is_refused_with_the_choices(claim, checker):
    evidence = EvidenceFactory(claim=claim)
    with pytest.raises(ValidationError, match="Use one of: supports, contradicts, updates, context"):
        review.change_stance(evidence, checker, "maybe")


def test_changing_accepted_evidence_queues_the_status_refresh_and_a_suggestion_does_not(claim, checker):
    suggested = EvidenceFactory(claim=claim, stance="supports")
    review.change_stance(suggested, checker, "context")
    assert not refresh_queued(claim)
    accepted = EvidenceFactory(claim=claim, stance="supports")
    services.accept_evidence(accepted, checker)
    OutboxJob.objects.all().delete()
    review.change_stance(accepted, checker, "contradicts")
    assert refresh_queued(claim)


# --- one live stance per claim per wire story ---------------------------------------------


def test_accepting_a_copy_with_another_stance_than_the_accepted_one_is_refused(claim, checker):
    head = SourceFactory(outlet="Wire")
    first = EvidenceFactory(claim=claim, source=head, stance="supports")
    services.accept_evidence(first, checker)
    second = EvidenceFactory(claim=claim, source=wire_copy(head), stance="contradicts")
    with pytest.raises(review.StanceConflict) as refused:
        services.accept_evidence(second, checker)
    message = " ".join(refused.value.messages)
    assert "Change the stance instead" in message and "Wire" in message and "supports" in message
    second.refresh_from_db()
    assert second.state == "suggested"
    assert not Activity.objects.filter(target_id=second.pk, verb="accepted evidence").exists()


def test_a_copy_with_the_same_stance_is_accepted_and_an_unrelated_source_with_another_stance_too(claim, checker):
    head = SourceFactory(outlet="Wire")
    services.accept_evidence(EvidenceFactory(claim=claim, source=head, stance="supports"), checker)
    same = services.accept_evidence(EvidenceFactory(claim=claim, source=wire_copy(head), stance="supports"), checker)
    other = services.accept_evidence(EvidenceFactory(claim=claim, stance="contradicts"), checker)
    assert (same.state, other.state) == ("accepted", "accepted")


def test_a_copy_accepted_first_blocks_its_group_head_too(claim, checker):
    head = SourceFactory(outlet="Wire")
    copy = wire_copy(head)
    services.accept_evidence(EvidenceFactory(claim=claim, source=copy, stance="updates"), checker)
    with pytest.raises(review.StanceConflict):
        services.accept_evidence(EvidenceFactory(claim=claim, source=head, stance="supports"), checker)


def test_changing_the_stance_resolves_the_conflict(claim, checker):
    head = SourceFactory(outlet="Wire")
    services.accept_evidence(EvidenceFactory(claim=claim, source=head, stance="supports"), checker)
    second = EvidenceFactory(claim=claim, source=wire_copy(head), stance="contradicts")
    review.change_stance(second, checker, "supports")
    assert services.accept_evidence(second, checker).state == "accepted"


def test_changing_accepted_evidence_to_a_second_stance_for_its_story_is_refused(claim, checker):
    head = SourceFactory(outlet="Wire")
    services.accept_evidence(EvidenceFactory(claim=claim, source=head, stance="supports"), checker)
    copy = services.accept_evidence(EvidenceFactory(claim=claim, source=wire_copy(head), stance="supports"), checker)
    with pytest.raises(review.StanceConflict):
        review.change_stance(copy, checker, "contradicts")
    copy.refresh_from_db()
    assert copy.stance == "supports" and copy.proposed_stance == ""


# --- bulk review of one source ----------------------------------------------------------


def test_accept_all_accepts_a_sources_suggestions_each_logged_and_skips_conflicts(claim, checker):
    head = SourceFactory(outlet="Wire")
    services.accept_evidence(EvidenceFactory(claim=claim, source=head, stance="supports"), checker)
    copy = wire_copy(head)
    clash = EvidenceFactory(claim=claim, source=copy, stance="contradicts")
    fine = [EvidenceFactory(claim=ClaimFactory(), source=copy) for _ in range(2)]
    already_rejected = EvidenceFactory(claim=ClaimFactory(), source=copy)
    services.reject_evidence(already_rejected, checker)

    result = review.accept_all_for_source(copy, checker)

    assert result["accepted"] == 2 and result["rejected"] == 0
    assert [s["evidence"] for s in result["skipped"]] == [clash.pk]
    assert "Change the stance instead" in result["skipped"][0]["reason"]
    states = dict(Evidence.objects.filter(source=copy).values_list("pk", "state"))
    assert states == {
        clash.pk: "suggested",
        fine[0].pk: "accepted",
        fine[1].pk: "accepted",
        already_rejected.pk: "rejected",
    }
    assert Activity.objects.filter(verb="accepted evidence", target_id__in=[e.pk for e in fine]).count() == 2
    assert all(refresh_queued(e.claim) for e in fine)


def test_reject_all_rejects_only_suggestions(claim, checker):
    source = SourceFactory()
    accepted = services.accept_evidence(EvidenceFactory(claim=claim, source=source), checker)
    suggested = [EvidenceFactory(claim=ClaimFactory(), source=source) for _ in range(3)]
    result = review.reject_all_for_source(source, checker)
    assert (result["rejected"], result["skipped"]) == (3, [])
    assert Evidence.objects.get(pk=accepted.pk).state == "accepted"
    assert set(Evidence.objects.filter(pk__in=[e.pk for e in suggested]).values_list("state", flat=True)) == {
        "rejected"
    }


def test_a_reporter_may_not_review_a_source_in_bulk(claim, reporter):
    evidence = EvidenceFactory(claim=claim)
    for bulk in (review.accept_all_for_source, review.reject_all_for_source):
        with pytest.raises(PermissionDenied):
            bulk(evidence.source, reporter)
    assert Evidence.objects.get(pk=evidence.pk).state == "suggested"


def test_a_persons_review_of_machine_accepted_evidence_clears_the_machine_flag(claim, checker):
    evidence = EvidenceFactory(claim=claim, state="accepted", machine_accepted=True)
    services.reject_evidence(evidence, checker)
    evidence.refresh_from_db()
    assert (evidence.state, evidence.machine_accepted, evidence.reviewed_by) == ("rejected", False, checker)


# --- matcher tiers ----------------------------------------------------------------------


def test_an_editor_saves_the_tiers_and_it_is_logged(editor):
    tiers = review.save_matcher_settings(editor, suggest_threshold=0.5, confirm_threshold=0.9, confirm_enabled=True)
    current = MatcherSettings.current()
    assert (current.pk, current.suggest_threshold, current.confirm_threshold, current.confirm_enabled) == (
        tiers.pk,
        0.5,
        0.9,
        True,
    )
    assert current.updated_by == editor
    entry = Activity.objects.get(verb="changed matcher tiers")
    assert entry.actor == editor and "suggest ≥ 0.50, confirm ≥ 0.90, confirm tier on" in entry.reason
    review.save_matcher_settings(editor, suggest_threshold=0.4, confirm_threshold=0.8, confirm_enabled=False)
    assert MatcherSettings.objects.count() == 1  # one row, updated in place


def test_a_checker_may_not_change_the_tiers(checker):
    with pytest.raises(PermissionDenied):
        review.save_matcher_settings(checker, suggest_threshold=0.5, confirm_threshold=0.9, confirm_enabled=True)
    assert not MatcherSettings.objects.exists()


@pytest.mark.parametrize(
    "suggest, confirm, field",
    [
        (0.9, 0.5, "confirm_threshold"),
        (-0.1, 0.5, "suggest_threshold"),
        (0.5, 1.5, "confirm_threshold"),
        (float("nan"), 0.5, "suggest_threshold"),
        ("0.5", 0.6, "suggest_threshold"),
    ],
)
def test_tiers_out_of_order_or_range_are_refused(editor, suggest, confirm, field):
    with pytest.raises(ValidationError) as refused:
        review.save_matcher_settings(editor, suggest_threshold=suggest, confirm_threshold=confirm, confirm_enabled=True)
    assert field in refused.value.message_dict
    assert not MatcherSettings.objects.exists()
