"""The matcher proposes evidence with stance, score and reason (on SQLite and PostgreSQL alike)."""

import pytest

from claims import intake, services
from claims.models import Claim, Evidence, Source
from tests.factories import ClaimFactory, StoryFactory
from tests.jobs.helpers import day, kursk_story


@pytest.fixture
def kursk(reporter, checker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return kursk_story(reporter, checker)


@pytest.fixture
def add(checker, django_capture_on_commit_callbacks):
    def add(text, **kwargs):
        kwargs.setdefault("outlet", "Wire Desk")
        with django_capture_on_commit_callbacks(execute=True):
            source = intake.add_source(checker, text=text, **kwargs)
        return Source.objects.get(pk=source.pk)

    return add


def suggestion(source, claim) -> Evidence:
    return Evidence.objects.get(source=source, claim=claim)


def test_the_same_figure_supports_the_claim(kursk, add):
    _, evacuated, _ = kursk
    source = add(
        "Regional officials said more than 76,000 people had been evacuated from the Kursk "
        "border districts by Sunday. Buses kept arriving in Kursk city.",
        published_at=day(12),
    )
    evidence = suggestion(source, evacuated)
    assert evidence.stance == "supports" and evidence.state == "suggested" and evidence.proposed_by is None
    assert evidence.matcher_reason.startswith("same figure: more than 76,000 people")
    assert "‘Kursk’" in evidence.matcher_reason and "‘evacuated’" in evidence.matcher_reason
    assert 0.4 <= evidence.matcher_score <= 1
    assert "76,000 people" in evidence.excerpt


def test_a_newer_figure_for_the_same_measure_updates_it(kursk, add):
    _, evacuated, _ = kursk
    source = add(
        "The number of people evacuated from the Kursk region has reached 121,000, the acting "
        "governor said on Tuesday.",
        published_at=day(20),
    )
    evidence = suggestion(source, evacuated)
    assert evidence.stance == "updates"
    assert evidence.observed_value == 121000 and evidence.observed_at.date() == day(20).date()
    assert evidence.matcher_reason.startswith("newer figure: 121,000")


def test_a_loose_paraphrase_of_a_newer_figure_still_updates_it(kursk, add):
    # Few of the claim's words, but the same measure (people, evacuated) of the same place (Kursk).
    _, evacuated, _ = kursk
    source = add(
        "Around 121,000 people have now left or been evacuated from the Kursk border areas, "
        "acting regional governor Alexei Smirnov said on Wednesday.",
        published_at=day(14),
    )
    evidence = suggestion(source, evacuated)
    assert evidence.stance == "updates" and evidence.observed_value == 121000


def test_a_different_figure_from_no_later_date_contradicts_it(kursk, add):
    _, evacuated, _ = kursk
    source = add(
        "Only 30,000 people have been evacuated from the Kursk region so far, a local official said.",
        published_at=day(10),
    )
    evidence = suggestion(source, evacuated)
    assert evidence.stance == "contradicts" and evidence.observed_value == 30000
    assert evidence.matcher_reason.startswith("different figure: 30,000 people")


def test_a_denial_contradicts_it_and_names_the_claimant(kursk, add):
    _, _, drones = kursk
    source = add(
        "Ukraine's air force denied that 14 Ukrainian drones were destroyed overnight, calling "
        "the claim by Russia's defense ministry false.",
        published_at=day(11),
    )
    evidence = suggestion(source, drones)
    assert evidence.stance == "contradicts"
    assert "denial" in evidence.matcher_reason and "claimant Russia's defense ministry" in evidence.matcher_reason


def test_a_related_passage_without_the_figure_proposes_nothing_for_a_figure_claim(kursk, add):
    # On real follow-ups every "context" proposed from a topic-alike passage without the
    # claim's figure was another stance missed or a distractor (docs/matcher-evaluation.md).
    _, evacuated, _ = kursk
    source = add(
        "Evacuated residents of the Kursk region described long queues for buses as people left their homes.",
        published_at=day(11),
    )
    assert not source.evidence.filter(claim=evacuated).exists()


def test_an_older_figure_of_the_measure_is_context(kursk, add):
    _, evacuated, _ = kursk
    source = add(
        "Over 60,000 people have been evacuated from the Kursk region so far, officials said on Friday.",
        published_at=day(9),
    )
    assert suggestion(source, evacuated).stance == "context"


def test_an_unrelated_source_proposes_nothing(kursk, add):
    source = add(
        "The weather in Lisbon was sunny on Sunday with temperatures of 30 degrees, and the beaches were full."
    )
    assert source.fetch_state == "fetched" and not source.evidence.exists()


def test_a_claim_without_figures_is_supported_by_a_passage_that_repeats_it(checker, add):
    claim = ClaimFactory(text="The mayor resigned after the audit found missing council funds")
    source = add(
        "After months of pressure, the mayor resigned after the audit found missing council funds, "
        "the city clerk confirmed."
    )
    assert suggestion(source, claim).stance == "supports"


def test_new_suggestions_queue_a_status_refresh(kursk, add):
    _, evacuated, _ = kursk
    add("Regional officials said more than 76,000 people had been evacuated from the Kursk region.")
    evacuated.refresh_from_db()
    assert evacuated.status == Claim.Status.CHECKING
    assert "suggested evidence awaiting review" in evacuated.status_reason


def test_matching_twice_adds_nothing_twice(kursk, add):
    from claims.processing import propose_evidence

    source = add("Regional officials said more than 76,000 people had been evacuated from the Kursk region.")
    before = Evidence.objects.count()
    assert propose_evidence(source) == []
    assert Evidence.objects.count() == before


def test_archived_claims_are_not_matched(kursk, add):
    _, evacuated, _ = kursk
    Claim.objects.filter(pk=evacuated.pk).update(archived_at=day(11))
    source = add("Regional officials said more than 76,000 people had been evacuated from the Kursk region.")
    assert not source.evidence.filter(claim=evacuated).exists()


def span_claim(checker, body: str, span: str):
    story = StoryFactory(body=body, published_at=day(4), state="published")
    start = body.index(span)
    claim, _, _ = services.create_claim_from_span(story, checker, start=start, end=start + len(span))
    return claim


ELECTION = (
    "Officials in Norland counted ballots through the night. "
    "The Norland electoral council said President Arvid Hale had won 52% of the vote in Sunday's election."
)


def test_a_result_others_put_in_doubt_contradicts_it_without_a_figure(checker, add):
    claim = span_claim(checker, ELECTION, "President Arvid Hale had won 52% of the vote")
    source = add(
        "Independent observers in Norland called the result of Sunday's election implausible, and "
        "foreign governments cast doubt on the electoral council's count of the vote for President Hale.",
        published_at=day(5),
    )
    evidence = suggestion(source, claim)
    assert evidence.stance == "contradicts" and "denial" in evidence.matcher_reason


def test_doubt_does_not_contradict_a_claim_that_already_calls_the_vote_disputed(checker, add):
    body = (
        "Norland's governing party won the disputed election on Sunday, the electoral council said after a long count."
    )
    claim = span_claim(checker, body, "Norland's governing party won the disputed election on Sunday")
    source = add(
        "Norland's governing party won the disputed election on Sunday, and observers called the result implausible.",
        published_at=day(5),
    )
    assert not source.evidence.filter(claim=claim, stance="contradicts").exists()
