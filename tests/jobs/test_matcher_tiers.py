"""Processing a source under the matcher's two tiers, and one live stance per wire story.

The matcher itself is replaced by a stand-in that returns fixed proposals, so these tests pin what
processing does with a proposal (its score, its `confirmable` flag), whatever the matcher scores.
"""

from types import SimpleNamespace

import pytest

from claims import intake, matching, review, services
from claims.models import Activity, Claim, Evidence, Source
from claims.processing import propose_evidence
from tests.factories import EvidenceFactory, SourceFactory
from tests.jobs.test_syndication import REWRITE, WIRE


def proposal(claim, *, score=0.9, stance="supports", confirmable=True):
    return SimpleNamespace(
        claim_id=claim.pk,
        stance=stance,
        score=score,
        reason="same figure: 1,200 homes",
        excerpt="About 1,200 homes were evacuated",
        observed_value=None,
        observed_at=None,
        confirmable=confirmable,
    )


@pytest.fixture
def matcher(monkeypatch):
    """The proposals the stand-in matcher returns, and the min_score it was asked for."""
    state = SimpleNamespace(proposals=[], min_scores=[])

    def match_source(source, min_score=None):
        state.min_scores.append(min_score)
        return [p for p in state.proposals if min_score is None or p.score >= min_score]

    monkeypatch.setattr(matching, "match_source", match_source, raising=False)
    return state


@pytest.fixture
def add(checker, django_capture_on_commit_callbacks):
    """Add pasted text as a source and run its processing job (and the refreshes it queues) in-process."""

    def add(text="About 1,200 homes were evacuated, the council said on Monday.", **kwargs):
        kwargs.setdefault("reliability", "A")
        with django_capture_on_commit_callbacks(execute=True):
            source = intake.add_source(checker, text=text, outlet=kwargs.pop("outlet", "County council"), **kwargs)
        return Source.objects.get(pk=source.pk)

    return add


def tiers(editor, *, suggest=0.4, confirm=0.85, on=True):
    review.save_matcher_settings(editor, suggest_threshold=suggest, confirm_threshold=confirm, confirm_enabled=on)


def test_with_the_confirm_tier_off_even_a_top_score_is_only_suggested(claim, editor, matcher, add):
    tiers(editor, suggest=0.55, confirm=0.85, on=False)
    matcher.proposals = [proposal(claim, score=0.99)]
    source = add()
    evidence = Evidence.objects.get(source=source)
    assert (evidence.state, evidence.machine_accepted, evidence.reviewed_at) == ("suggested", False, None)
    assert matcher.min_scores == [0.55]  # the suggestion tier is what the matcher is asked for
    assert Activity.objects.filter(target_id=evidence.pk, verb="suggested evidence", actor_label="matcher").exists()
    assert Claim.objects.get(pk=claim.pk).status == "checking"


def test_without_saved_tiers_the_defaults_apply(claim, matcher, add):
    matcher.proposals = [proposal(claim, score=0.99)]
    add()
    assert matcher.min_scores == [0.4]
    assert Evidence.objects.get(claim=claim).state == "suggested"


def test_with_the_confirm_tier_on_a_confirmable_top_score_is_machine_accepted(claim, editor, matcher, add):
    tiers(editor, suggest=0.4, confirm=0.85, on=True)
    matcher.proposals = [proposal(claim, score=0.9)]
    source = add()
    evidence = Evidence.objects.get(source=source)
    assert (evidence.state, evidence.machine_accepted, evidence.reviewed_by) == ("accepted", True, None)
    assert evidence.reviewed_at is not None
    entry = Activity.objects.get(target_id=evidence.pk, verb="machine-accepted evidence")
    assert entry.actor is None and entry.actor_label == "matcher"
    assert "0.90 ≥ confirm 0.85" in entry.reason and "suggest 0.40" in entry.reason
    assert entry.data == {"score": 0.9, "suggest_threshold": 0.4, "confirm_threshold": 0.85}
    assert not Activity.objects.filter(target_id=evidence.pk, verb="suggested evidence").exists()
    # Its status refresh ran as for a person's accept: one grade-A source supports the claim.
    claim.refresh_from_db()
    assert claim.status == "supported"
    change = Activity.objects.get(claim=claim, verb="changed status")
    assert change.trigger == f"evidence #{evidence.pk} machine-accepted from source #{source.pk}"


@pytest.mark.parametrize(
    "score, confirmable",
    [(0.84, True), (0.99, False)],
    ids=["below the confirm threshold", "a claim too short or context-free to confirm"],
)
def test_with_the_confirm_tier_on_other_proposals_are_only_suggested(claim, editor, matcher, add, score, confirmable):
    tiers(editor, suggest=0.4, confirm=0.85, on=True)
    matcher.proposals = [proposal(claim, score=score, confirmable=confirmable)]
    add()
    evidence = Evidence.objects.get(claim=claim)
    assert (evidence.state, evidence.machine_accepted) == ("suggested", False)


def test_the_confirm_threshold_itself_is_enough(claim, editor, matcher, add):
    tiers(editor, suggest=0.4, confirm=0.85, on=True)
    matcher.proposals = [proposal(claim, score=0.85)]
    add()
    assert Evidence.objects.get(claim=claim).machine_accepted


def test_a_copy_of_a_wire_story_proposes_nothing_where_its_group_has_live_evidence(claim, matcher, add):
    matcher.proposals = [proposal(claim, score=0.9)]
    first = add(WIRE, outlet="Wire", reliability="C")
    copy = add(REWRITE, outlet="Evening Post", reliability="C")
    assert copy.syndication_group_id == first.pk  # grouped by the real syndication step
    assert list(Evidence.objects.filter(claim=claim).values_list("source_id", flat=True)) == [first.pk]


def test_a_copy_may_still_propose_where_its_group_evidence_was_rejected(claim, checker):
    head = SourceFactory(outlet="Wire")
    services.reject_evidence(EvidenceFactory(claim=claim, source=head), checker)
    copy = SourceFactory(syndication_group=head)
    live = SourceFactory(syndication_group=head)
    other_claim = EvidenceFactory(source=live).claim  # live evidence elsewhere does not matter here

    def match_source(source, min_score=None):
        return [proposal(claim), proposal(other_claim)]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(matching, "match_source", match_source, raising=False)
        created = propose_evidence(copy)
    assert [e.claim_id for e in created] == [claim.pk]  # other_claim already has live evidence from the group
