"""The rating table: a fact-checker's rating → the stance its review takes. Table tests."""

import pytest

from claims.reviews_in.markup import Review
from claims.reviews_in.ratings import default_table, grade_for, normal, parse_lines, stance_for

TABLE = default_table()


def read(**rating):
    return stance_for(Review(claim_reviewed="x", **rating), TABLE)


@pytest.mark.parametrize(
    "name, stance",
    [
        ("Pants on Fire!", "contradicts"),
        ("FALSE", "contradicts"),
        ("Fake", "contradicts"),
        ("Incorrect", "contradicts"),
        ("Mostly False", "contradicts"),
        ("Altered photo", "contradicts"),
        ("Miscaptioned", "contradicts"),
        ("True", "supports"),
        ("Correct", "supports"),
        ("Accurate", "supports"),
        ("Mostly True", "supports"),
        ("Misleading", "context"),
        ("Missing context", "context"),
        ("Half True", "context"),
        ("Mixture", "context"),
        ("Partly false", "context"),
        ("Satire", "context"),
        ("Full Flop", "ignore"),
    ],
)
def test_a_known_rating_name_gives_its_stance(name, stance):
    assert read(rating_name=name).stance == stance


@pytest.mark.parametrize(
    "name, stance, phrase",
    [
        ("Incorrect. The waiting list grew in four of the last six months.", "contradicts", "incorrect"),
        ("This is not true: the bridge cost half that.", "contradicts", "not true"),
        ("Half true, but the figure leaves out 2021", "context", "half true"),
        ("Correct, according to the parks department", "supports", "correct"),
        ("Needs context: the trees include saplings on order", "context", "needs context"),
    ],
)
def test_a_sentence_as_a_rating_is_read_by_the_earliest_longest_label_it_contains(name, stance, phrase):
    reading = read(rating_name=name)
    assert reading.stance == stance and f"reads as “{phrase}”" in reading.why


@pytest.mark.parametrize(
    "value, best, worst, stance",
    [
        ("1", 5, 1, "contradicts"),
        ("2", 5, 1, "contradicts"),
        ("3", 5, 1, "context"),
        ("4", 5, 1, "supports"),
        ("5", None, None, "supports"),  # schema.org's default scale, 1 to 5
        ("0", 6, 0, "contradicts"),
        ("5", 6, 0, "supports"),
        ("1", 1, 5, "supports"),  # a scale run backwards: 1 is its best
        ("9", 5, 1, "context"),  # off its scale
        ("2", 2, 2, "context"),  # no scale at all
    ],
)
def test_a_number_alone_is_read_on_its_own_scale(value, best, worst, stance):
    assert read(rating_value=value, best_rating=best, worst_rating=worst).stance == stance


def test_a_name_the_table_knows_wins_over_the_number():
    assert read(rating_name="False", rating_value="5", best_rating=5, worst_rating=1).stance == "contradicts"


def test_a_name_the_table_does_not_know_falls_back_to_the_number_then_context():
    assert read(rating_name="Cherry-picked", rating_value="1", best_rating=5, worst_rating=1).stance == "contradicts"
    reading = read(rating_name="Cherry-picked")
    assert (reading.stance, reading.why) == ("context", "not in the rating table")
    assert read().why == "no rating given"


def test_labels_compare_without_case_or_punctuation():
    assert normal("  Pants on Fire! ") == "pants on fire" == normal("pants-on-fire")
    assert normal("It’s false") == "its false"


def test_an_editor_s_lines_parse_with_errors_by_line():
    table, errors = parse_lines(
        "# ours\nPants on Fire = contradicts\nbogus = maybe\nno equals sign\n", ("supports", "contradicts"), "stance"
    )
    assert table == {"pants on fire": "contradicts"}
    assert errors == [
        "Line 3: “maybe” is not a stance (use supports, contradicts).",
        "Line 4: write “label = stance”.",
    ]


def test_an_organisation_s_grade_is_found_whatever_its_case():
    assert grade_for("Checkpoint", {"checkpoint ": "B"}) == "B"
    assert grade_for("Elsewhere", {"checkpoint": "B"}) == "C"
    assert grade_for("Elsewhere", {}, "D") == "D"
