import json

import pytest

from claims.finder.evaluate import SPLITS, load_stories, same_claimant, spans_match, story_acronyms

STORIES = load_stories("tuning")
HELDOUT = load_stories("heldout")
EVERY_SPLIT = [story for split in SPLITS for story in load_stories(split)]


def test_there_are_at_least_fourteen_stories_across_topics():
    assert len(STORIES) >= 14
    assert {"conflict", "disasters", "economy", "politics", "health", "science", "courts", "sport", "climate"} <= {
        s["topic"] for s in STORIES
    }


def test_there_is_a_heldout_split_of_new_stories():
    assert len(HELDOUT) >= 6
    assert not {s["id"] for s in HELDOUT} & {s["id"] for s in STORIES}


@pytest.mark.parametrize("story", STORIES + HELDOUT, ids=[s["id"] for s in STORIES + HELDOUT])
def test_story_length_is_within_brief(story):
    assert 150 <= len(story["body"].split()) <= 400


def test_there_is_a_real_split_of_fourteen_annotated_news_reports_with_their_addresses():
    real = load_stories("real")
    assert len(real) == 14
    assert all(story["address"].startswith("https://") for story in real)


@pytest.mark.parametrize("story", EVERY_SPLIT, ids=[s["id"] for s in EVERY_SPLIT])
def test_every_gold_span_indexes_its_text(story):
    for claim in story["claims"]:
        assert story["body"][claim["start"] : claim["end"]] == claim["text"]
        if claim["quantity"]:
            assert claim["quantity"]["bound"] in {"exact", "at_least", "at_most", "approx"}


def test_story_files_are_valid_json_with_required_keys():
    for path in [p for directory in SPLITS.values() for p in directory.glob("*.json")]:
        story = json.loads(path.read_text())
        assert {"id", "topic", "style", "reference_date", "body", "claims"} <= story.keys()


def test_spans_match_when_overlap_covers_half_of_the_shorter():
    assert spans_match(0, 100, 40, 60)
    assert spans_match(0, 10, 5, 30)
    assert not spans_match(0, 10, 8, 30)


def test_claimant_match_accepts_surname_but_not_a_different_body():
    assert same_claimant("Kiper", "Oleh Kiper")
    assert same_claimant("the Environment Agency", "Environment Agency")
    assert not same_claimant("the ministry", "Russia's defence ministry")
    assert not same_claimant(None, "OCHA")


def test_a_body_named_with_its_acronym_in_parentheses_counts_under_either_name():
    aliases = story_acronyms("Output fell, the Federal Statistical Office (Destatis) said.")
    assert aliases == {"Destatis": "Federal Statistical Office"}
    assert same_claimant("Federal Statistical Office", "Destatis", aliases)
    assert not same_claimant("Federal Statistical Office", "Destatis")
    assert not same_claimant("Bundesbank", "Destatis", aliases)


def test_names_the_desk_files_under_one_claimant_count_as_the_same():
    assert same_claimant("Microsoft Corp", "Microsoft")
    assert same_claimant("Armenian government", "government of Armenia")
    assert not same_claimant("Russian defence ministry", "Ukrainian defence ministry")
