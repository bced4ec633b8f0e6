"""The finder's time budget: it stops at the next sentence once the budget is spent and says how far it
read, so no story, however long or odd, keeps a worker busy for minutes."""

import time

from claims.finder import find_claims, ranked_for_desk, suggest_claims
from claims.finder.segment import Segment, bounded

STORY = (
    "The river peaked at 6.2 metres on Tuesday, the environment agency said. "
    "About 1,200 homes were evacuated, according to the county council. "
    "Police said 14 roads remained closed."
)


def test_within_its_budget_the_finder_reads_the_whole_story():
    run = find_claims(STORY, time_budget=30)
    assert not run.stopped_early and run.read_to == len(STORY)
    assert run.suggestions == suggest_claims(STORY)


def test_a_spent_budget_stops_after_the_first_sentence_and_says_where():
    run = find_claims(STORY, time_budget=0)
    assert run.stopped_early
    assert run.read_to == STORY.index(" About") and [s.text for s in run.suggestions] == [STORY[: run.read_to]]


def test_a_single_endless_sentence_of_numbers_stops_near_its_budget():
    started = time.monotonic()
    run = find_claims("1 2 3 4 5 " * 20_000, time_budget=1)
    assert run.stopped_early and time.monotonic() - started < 10  # unbounded, this took hours


def test_overlong_sentences_are_read_in_pieces_that_keep_their_offsets():
    text = "Officials said " + ", ".join(f"{n} people left town {n}" for n in range(200)) + "."
    pieces = bounded([Segment(text, 10, 10 + len(text))], limit=300)
    body = " " * 10 + text
    assert len(pieces) > 1 and all(len(p.text) <= 300 for p in pieces)
    assert all(body[p.start : p.end] == p.text for p in pieces)
    assert pieces[0].start == 10 and pieces[-1].end == 10 + len(text)


def test_the_desk_gets_the_best_suggestions_first_at_most_about_three_per_hundred_words():
    story = " ".join([STORY] * 40)
    everything = suggest_claims(story)
    ranked = ranked_for_desk(everything, story)
    assert len(story.split()) == 1120 and len(everything) == 120
    assert len(ranked) == 34  # 3 per 100 words, rounded up
    assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)
