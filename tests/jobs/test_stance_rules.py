"""The matcher's stance rules (claims/matching/stance.py) as a table, and the figure and place
guards beside them (claims/matching/figures.py, text.py). Pure functions: no database."""

from datetime import date

import pytest

from claims.matching.figures import Figure, event_near, figures_in, other_time, place_conflict, same_measure
from claims.matching.stance import FigureFacts, figure_stance, within_bound
from claims.matching.text import names, stem

AUG_11 = date(2024, 8, 11)


@pytest.mark.parametrize(
    "claim_value, bound, value, day, changed, disputed, negated, same_party, stance",
    [
        (76_000, "at_least", 76_000, date(2024, 8, 11), False, False, False, False, "supports"),
        (76_000, "at_least", 76_000, date(2024, 8, 15), False, False, False, False, "supports"),
        # "over 76,000" holds for 80,000 the same day; a later, larger figure overtakes it.
        (76_000, "at_least", 80_000, date(2024, 8, 11), False, False, False, False, "supports"),
        (76_000, "at_least", 121_000, date(2024, 8, 16), False, False, False, False, "updates"),
        (76_000, "at_least", 121_000, date(2024, 8, 11), True, False, False, False, "updates"),
        # An older figure is never a contradiction.
        (76_000, "at_least", 30_000, date(2024, 8, 9), False, True, False, False, "context"),
        # A same-day rival figure from another party contradicts; from the same party it revises.
        (1_000, "approx", 350, date(2024, 8, 11), False, False, False, False, "contradicts"),
        (1_000, "approx", 350, date(2024, 8, 11), False, False, False, True, "updates"),
        (1_000, "approx", 1_050, date(2024, 8, 11), False, False, False, False, "supports"),
        (1_000, "approx", 350, date(2024, 8, 13), False, True, False, False, "contradicts"),
        (74, "exact", 74, date(2024, 8, 13), False, False, True, False, "contradicts"),
        (4.1, "exact", 4.2, date(2024, 8, 11), False, False, False, False, "contradicts"),
    ],
)
def test_a_figure_of_the_claims_measure_gets_its_stance(
    claim_value, bound, value, day, changed, disputed, negated, same_party, stance
):
    facts = FigureFacts(claim_value, bound, AUG_11, value, day, changed, disputed, negated, same_party)
    assert figure_stance(facts)[0] == stance


@pytest.mark.parametrize(
    "bound, value, holds",
    [
        ("at_least", 75_500, True),
        ("at_least", 70_000, False),
        ("at_least", 121_000, False),
        ("at_most", 70_000, True),
        ("approx", 1_090, True),
    ],
)
def test_a_bound_says_which_values_the_claim_covers(bound, value, holds):
    claim_value = 1_000 if bound == "approx" else 76_000
    assert within_bound(claim_value, bound, value) is holds


@pytest.mark.parametrize(
    "text, figure, event",
    [
        ("An earthquake struck overnight, killing at least 111 people, state media said.", "111", "death"),
        ("The death toll rose to 148 on Tuesday.", "148", "death"),
        ("The number of people killed by the magnitude 6.2 earthquake rose to 131 on Wednesday.", "131", "death"),
        ("China quake toll climbs to 131 as rescue work goes on", "131", "death"),
        ("Nearly 10,000 people have fled the Kharkiv region.", "10,000", "displaced"),
        ("More than 5,900 residents were evacuated.", "5,900", "displaced"),
        ("Almost 1,000 were injured across the two provinces.", "1,000", "injury"),
        ("El número de muertos se elevó a 131.", "131", "death"),
        ("Turnout reached 61.2 percent.", "61.2", "turnout"),
    ],
)
def test_the_nearest_cue_names_what_a_figure_counts(text, figure, event):
    start = text.index(figure)
    assert event_near(text, start, start + len(figure)) == event


def test_a_magnitude_near_a_death_count_is_still_a_magnitude():
    found = figures_in("The number of people killed by the magnitude 6.2 earthquake rose to 131.")
    assert [(f.value, f.event) for f in found] == [(6.2, ""), (131, "death")]


def test_continental_thousands_separators_are_read():
    assert [f.value for f in figures_in("Rund 121.000 Menschen wurden evakuiert.")] == [121_000]


def claim(value, unit, event, bound="exact"):
    return Figure(value, unit, bound, str(value), 0, 0, event)


@pytest.mark.parametrize(
    "target, passage, figure_text, same",
    [
        (claim(111, "person", "death"), "The death toll rose to 148.", "148", True),
        (claim(111, "person", "death"), "Almost 1,000 were injured.", "1,000", False),
        (claim(4.1, "percent", "unemployment"), "Unemployment fell by 0.5 percentage points.", "0.5", False),
        (claim(4.1, "percent", "unemployment"), "The labour office counted 19 regions.", "19", False),
    ],
)
def test_a_source_figure_is_the_claims_measure_only_when_it_counts_the_same_thing(target, passage, figure_text, same):
    figure = next(f for f in figures_in(passage) if f.text.startswith(figure_text) or figure_text in f.text)
    assert same_measure(target, figure, passage) is same


def test_a_figure_of_another_place_is_not_the_claims():
    passage = "The quake killed 117 people in Gansu and 31 in neighbouring Qinghai."
    claim_names = names("The quake killed at least 117 people in the province of Gansu, state media said.")
    gansu, qinghai = (f for f in figures_in(passage) if f.value in (117, 31))
    assert place_conflict(passage, qinghai, claim_names) == "Qinghai"
    assert place_conflict(passage, gansu, claim_names) is None


@pytest.mark.parametrize(
    "passage, year, history",
    [
        ("In 2014 more than 600 people were killed in Yunnan.", 2023, True),
        ("Unemployment was 3.9 percent a year earlier.", 2025, True),
        ("The toll rose to 148 on Tuesday.", 2023, False),
    ],
)
def test_a_figure_of_another_time_is_history(passage, year, history):
    figure = figures_in(passage)[0]
    assert other_time(passage, figure.start, figure.end, year) is history


def test_a_dateline_names_its_place():
    assert stem("Balasore") in names("BALASORE, June 4: The state revised the toll to 275.")
