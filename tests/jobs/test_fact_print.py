"""Fact prints: a source's figures and names in order, and how two prints overlap."""

import pytest

from claims.fact_print import fact_print, overlap


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Officials said 76,000 people left.", [76000]),
        ("Some 1.5 million people fled.", [1500000]),
        ("The toll rose to six, and later 14.", [6, 14]),
        ("A magnitude 7.8 quake struck Turkey.", [7.8, "turkey"]),
        ("It began at 3:45 p.m. in Tucson.", [3.75, "tucson"]),
        ("Thirteen children were taken to Uvalde Memorial Hospital.", [13, "uvalde", "memorial"]),
        ("Later, Gov. Greg Abbott spoke.", ["greg", "abbott"]),
        ("Russia's defence ministry spoke.", []),
        ("Officials in Kursk said Russia's troops held.", ["kursk", "russia"]),
        ("The U.S. Geological Survey agreed.", ["us", "geological", "survey"]),
        ("It happened on May 24, 2022, in Texas.", ["texas"]),
        ("An 18-year-old gunman killed 14 in Uvalde; 14 died.", [18, 14, "uvalde"]),
        ("He paid $4,500 for an F-16 part on Monday.", [4500, "f-16"]),
        ("UVALDE, Texas (AP) — An officer said: The school shut.", ["texas", "ap"]),
        ("Dates like the 112th session and 9% rates.", [9]),
    ],
)
def test_a_fact_print_keeps_figures_and_names_at_their_first_mention(text, expected):
    assert fact_print(text) == expected


@pytest.mark.parametrize(
    "a, b, expected_matched, expected_score",
    [
        # The same facts in the same order: everything matches.
        ([5, "tucson", 35, 20, 21, "magnus"], [5, "tucson", 35, 20, 21, "magnus"], 6, 1.0),
        # The same facts, two swapped: one of them drops out of the common order.
        ([5, 35, 20, 21, "magnus"], [5, 20, 35, 21, "magnus"], 4, 0.7778),
        # Two shared figures are not enough, however many names.
        ([5, 20, "a", "b", "c", "d"], [5, 20, "a", "b", "c", "d"], 0, 0.0),
        # Extra facts on one side lower the score: a report of its own adds its own.
        ([5, 35, 20], [5, 35, 20, 44, 17, "ryan"], 3, 0.7059),
        ([], [5, 35, 20], 0, 0.0),
    ],
)
def test_an_overlap_counts_the_facts_in_the_same_order_figures_weighing_double(a, b, expected_matched, expected_score):
    found = overlap(a, b)
    assert found.matched == expected_matched
    assert found.score == pytest.approx(expected_score, abs=1e-3)


def test_an_overlap_describes_itself_for_the_activity_log():
    found = overlap([1, 2, 3, "x", "y"], [1, 2, 3, "x", "z", "w"])
    assert found.describe() == "4 of 5 figures and names in the same order"
