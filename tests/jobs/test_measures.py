"""The figure rules the matcher uses (claims/measures.py): pure functions, one rule per test."""

import pytest

from claims.matching import measures
from claims.matching.text import stem


@pytest.mark.parametrize(
    "claim_unit, unit, text, expected",
    [
        ("person", "resident", "76,000 residents", True),
        ("person", "people", "76,000 people", True),
        ("case", "infection", "1,870 suspected infections", True),
        ("job", "position", "1,200 positions", True),
        ("drone", "vehicle", "38 unmanned aerial vehicles", True),
        ("square kilometer", "square kilometre", "350 square kilometres", True),
        ("death", "pupil", "34 pupils", False),
        ("death", "", "58", None),
        ("", "percent", "4 percent", None),
    ],
)
def test_units_that_count_the_same_thing_agree(claim_unit, unit, text, expected):
    assert measures.unit_agrees(claim_unit, unit, text, nearby=set()) is expected


def test_a_bare_figure_takes_the_measure_named_before_it():
    passage = "suspected infections climbing to 3,412 and the death toll rising to 58"
    infections, deaths = passage.index("3,412"), passage.index("58")
    assert measures.unit_agrees("death", "", "58", measures.nouns_near(passage, infections + 5, deaths)) is True
    assert measures.unit_agrees("death", "", "3,412", measures.nouns_near(passage, 0, infections)) is None


def test_the_same_number_of_people_killed_is_the_same_death_toll():
    assert measures.alike_for_same_value("death", "person", "23 people")
    assert not measures.alike_for_same_value("death", "pupil", "34 pupils")


@pytest.mark.parametrize(
    "passage, figure, changed",
    [
        ("the number of evacuees has risen to 121,000", "121,000", True),
        ("the jobless rate edged down to 4.2 percent", "4.2", True),
        ("the toll now stands at 63", "63", True),
        ("the number of evacuees has exceeded 130,000", "130,000", True),
        ("around 121,000 people have now left the border areas", "121,000", True),
        ("police said about 12,000 people took part", "12,000", False),
        ("the Commission said the final voter turnout was 62.59 per cent", "62.59", True),
    ],
)
def test_a_change_word_near_a_figure_reports_a_newer_value(passage, figure, changed):
    start = passage.index(figure)
    assert measures.reports_change(passage, start, start + len(figure)) is changed


@pytest.mark.parametrize(
    "passage, figure, disputed",
    [
        ("enemy units held no more than about 350 square kilometres", "350", True),
        ("a fraction of the figure given by organisers: about 12,000 people", "12,000", True),
        ("the number of evacuees has risen to 121,000", "121,000", False),
    ],
)
def test_a_figure_set_against_the_claims_disputes_it(passage, figure, disputed):
    start = passage.index(figure)
    assert measures.disputes(passage, start, start + len(figure)) is disputed


def test_a_figure_named_only_to_deny_it_is_negated():
    passage = 'villages under their control were "in the low twenties, not seventy-four"'
    assert measures.is_negated(passage, passage.index("seventy-four"))
    assert not measures.is_negated("they held seventy-four villages", 11)


def test_history_figures_are_not_the_sources_own():
    passage = "the count rose to 121,000, up from 76,000 last week"
    assert measures.is_history(passage, passage.index("76,000"))
    assert not measures.is_history(passage, passage.index("121,000"))


@pytest.mark.parametrize(
    "text, denied",
    [
        ("The ministry rejected opposition claims that a million jobs were lost.", True),
        ("Officials dismissed the report as fabricated.", True),
        ("The ministry said no such strike took place.", True),
        ("The ministry said turnout rose to 63.8 percent.", False),
        ("Kyiv said it had nothing to do with the attack.", True),
        ("He said they headed for Ukraine, contradicting an earlier claim by the president.", True),
        ("A Ucrânia já havia negado qualquer envolvimento.", True),
        ("El gobierno desmintió las cifras.", True),
        ("Le préfet a démenti ce chiffre.", True),
        ("Das Ministerium dementierte den Bericht.", True),
        ("La cifra de fallecidos se elevó a 212.", False),
    ],
)
def test_denials(text, denied):
    assert bool(measures.DENIAL.search(text)) is denied


@pytest.mark.parametrize(
    "text, doubted",
    [
        ("Independent pollsters called that result implausible.", True),
        ("Washington and other governments cast doubt on the results.", True),
        ("He said he won the disputed election.", True),
        ("The region has been disputed for decades.", False),  # a disputed territory is not a doubted count
        ("It was a closely contested election.", False),
        ("The commission published the results on Thursday.", False),
    ],
)
def test_results_put_in_doubt(text, doubted):
    assert bool(measures.DOUBTED.search(text)) is doubted


def test_a_negation_names_what_it_denies():
    match = measures.NEGATION.search("police did not use tear gas or any other irritant")
    assert match and match.group("what").startswith("use tear gas")


def test_measure_words_leave_out_names_but_keep_the_opening_word():
    text = "Turnout in Sunday's parliamentary election reached 61.2 percent"
    start = text.index("61.2")
    words = measures.measure_words(text, start, start + 12, stem, names_out=True)
    assert "turnou" in words and "sunday" not in words


@pytest.mark.parametrize("value, distinctive", [(310000, True), (3.4, True), (12, False)])
def test_distinctive_figures(value, distinctive):
    assert measures.distinctive(value) is distinctive


def test_generic_units_need_the_words_around_them():
    assert measures.is_generic("percent") and measures.is_generic("resident") and measures.is_generic("US dollar")
    assert not measures.is_generic("death") and not measures.is_generic("drone")


def test_who_reports_a_figure_is_not_what_it_counts():
    assert measures.counts_speakers("diplomats", "pilgrim")
    assert measures.counts_speakers("official", "")
    assert not measures.counts_speakers("pilgrims", "pilgrim")
    assert not measures.counts_speakers("officials", "official")  # "12 officials were arrested"


@pytest.mark.parametrize(
    "passage, figure, history",
    [
        ("The toll rose to 131, up from 111.", "111", True),
        ("The number went from 20 to 30 overnight.", "20", True),
        ("The state revised the toll in the crash to 275 from 288 on Sunday.", "288", True),
        ("Unemployment ticked up to 4.3% from 4.1% in May.", "4.1", True),
        ("The unrounded figure was 4.248%, a hair away from 4.3%.", "4.3", True),  # a figure not reached
        # "from" of the cause, not of an old value
        ("Death Toll From Powerful 7.7 Magnitude Quake Jumps to 1,600", "7.7", False),
        ("The death toll from the 7.7 magnitude quake rose to 144.", "7.7", False),
    ],
)
def test_an_old_value_is_told_by_a_change_around_from_not_by_from_alone(passage, figure, history):
    assert measures.is_history(passage, passage.index(figure)) is history
