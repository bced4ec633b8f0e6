"""The matcher's stance rules (claims/matching/stance.py) as a table, and the figure and place
guards beside them (claims/matching/figures.py, text.py). Pure functions: no database."""

from datetime import date

import pytest

from claims.matching import measures
from claims.matching.figures import (
    Figure,
    event_near,
    figures_in,
    is_increment,
    is_part,
    is_running_total,
    other_time,
    place_conflict,
    same_measure,
)
from claims.matching.stance import FigureFacts, figure_stance, same_figure, within_bound
from claims.matching.text import alike_names, country_of, names, own_places, stem, stems

AUG_11 = date(2024, 8, 11)


@pytest.mark.parametrize(
    "changed, stance",
    [
        # "Not a single school collapsed", then "at least 14 school buildings caved in".
        (False, "contradicts"),
        # "No deaths so far", then "the toll has risen to 3": the count moved on.
        (True, "updates"),
    ],
)
def test_a_count_against_a_claim_of_none(changed, stance):
    facts = FigureFacts(0, "exact", AUG_11, 14, date(2024, 8, 12), changed)
    assert figure_stance(facts)[0] == stance


@pytest.mark.parametrize(
    "value, changed, revised, same_party, stance",
    [
        # "At least 78 died", then another office's "the toll has so far reached 34": a rival count.
        (34, True, False, False, "contradicts"),
        (70, False, False, False, "contradicts"),
        # A count revised down by its own authorities, or said to be revised, updates it.
        (34, True, True, False, "updates"),
        (34, False, False, True, "updates"),
        # A running count a little lower, with a word of change ("now stands at 70"): a correction.
        (70, True, False, False, "updates"),
    ],
)
def test_a_lower_figure_than_an_at_least_claim(value, changed, revised, same_party, stance):
    facts = FigureFacts(
        78, "at_least", AUG_11, value, date(2024, 8, 12), changed, same_party=same_party, revised=revised
    )
    assert figure_stance(facts)[0] == stance


@pytest.mark.parametrize(
    "passage, figure, revised",
    [
        ("the UN revised the death toll down to 3,958", "3,958", True),
        ("officials lowered the toll to 84", "84", True),
        ("la cifra fue rebajada a 16", "16", True),
        ("the toll has so far reached 34", "34", False),
    ],
)
def test_a_revision_word_before_a_figure(passage, figure, revised):
    assert measures.reports_revision(passage, passage.index(figure)) is revised


@pytest.mark.parametrize(
    "claim_value, bound, value, day, changed, disputed, negated, same_party, stance",
    [
        (76_000, "at_least", 76_000, date(2024, 8, 11), False, False, False, False, "supports"),
        (76_000, "at_least", 76_000, date(2024, 8, 15), False, False, False, False, "supports"),
        # "over 76,000" holds for 80,000 the same day; a later, larger figure overtakes it.
        (76_000, "at_least", 80_000, date(2024, 8, 11), False, False, False, False, "supports"),
        (76_000, "at_least", 121_000, date(2024, 8, 16), False, False, False, False, "updates"),
        # A running count: next day's 80,000 is within "over 76,000" but is the newer count.
        (76_000, "at_least", 80_000, date(2024, 8, 12), False, False, False, False, "updates"),
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
        # The subject names the measure: "the toll ... is ... close to 1,000", "s'établit à 40".
        (
            "The death toll in the territory from the cyclone is several hundred and may be close to 1,000",
            "1,000",
            "death",
        ),
        ("Ce mercredi, le nombre officiel de décès s'établit à 40, a confirmé le préfet.", "40", "death"),
        ("Turnout reached 61.2 percent.", "61.2", "turnout"),
        # The figure's own noun beats the verb of the figure before it.
        ("At least 84 people were killed and 284 injured in the blasts.", "284 injured", "injury"),
        # A cue right after another number is that number's.
        ("The crash left 179 feared dead and only two survivors.", "two survivors", ""),
        ("Officials said 12 were killed and 40 more were missing.", "40", "missing"),
        ("A 7.7 magnitude quake killed more than 2,000 people.", "2,000", "death"),
        # A cue before another figure and a comma is that figure's, however far back it lies.
        (
            "In Niigata Prefecture, 26 people were injured, 420 houses were damaged and the ground liquefied in 44 areas.",
            "44 areas",
            "",
        ),
    ],
)
def test_the_nearest_cue_names_what_a_figure_counts(text, figure, event):
    start = text.index(figure)
    assert event_near(text, start, start + len(figure)) == event


def test_a_magnitude_near_a_death_count_is_still_a_magnitude():
    found = figures_in("The number of people killed by the magnitude 6.2 earthquake rose to 131.")
    assert [(f.value, f.event) for f in found] == [(6.2, ""), (131, "death")]


def test_portuguese_dos_after_a_figure_is_of_the_not_two():
    assert [f.value for f in figures_in("Com uma participação de 43,48% dos eleitores, Chapo venceu.")] == [43.48]
    assert 2 in [f.value for f in figures_in("Murieron dos personas en el accidente.")]


@pytest.mark.parametrize(
    "text, values",
    [
        ("The toll has risen to 2,056, the junta said.", [2056]),
        ("Der Tod von 2.056 Menschen wurde bestätigt.", [2056]),
        ("The toll passed 2000 on Monday.", []),  # ungrouped and bare: read as a year
        ("Officials said more than 2,000 had died.", [2000]),
        ("Since 2014 the port has stored the chemical.", []),
    ],
)
def test_a_grouped_or_bounded_number_is_a_count_not_a_year(text, values):
    assert [f.value for f in figures_in(text)] == values


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
        # A part of the toll is not the toll; the count's own noun in another language is.
        (claim(11, "", "death"), "Among the dead were 44 health workers.", "44", False),
        (claim(11, "", "injury"), "El saldo es de 15 personas fallecidas y 11 heridas.", "11", True),
        # The claim's noun qualifying the source's ("customer profiles"); tons are tonnes.
        (claim(14e6, "customer", ""), "The company had 14 million customer profiles at the time.", "14", True),
        (claim(2750, "tonne", ""), "A warehouse held 2,700 tons of ammonium nitrate.", "2,700", True),
        (claim(43, "percent", "turnout"), "Com uma participação de 43,48% dos eleitores.", "43,48", True),
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


def test_a_country_named_beside_its_peoples_name_is_the_claims_place():
    passage = "The huge explosion that killed at least 135 people in Lebanon might not have been an accident."
    claim_names = names("The blast at the Beirut port killed at least 73 people, the Lebanese health minister said.")
    figure = next(f for f in figures_in(passage) if f.value == 135)
    assert place_conflict(passage, figure, claim_names) is None
    assert place_conflict(passage.replace("Lebanon", "Syria"), figure, claim_names) == "Syria"


def test_the_country_a_claims_place_lies_in_is_no_other_place():
    passage = "The death toll in Mexico rose to at least 39 on Saturday, as calls for help grew from Guerrero."
    claim_names = names("En Acapulco, la secretaria Rosa Icela Rodríguez dio un saldo de 27 muertos en Guerrero.")
    figure = next(f for f in figures_in(passage) if f.value == 39)
    assert place_conflict(passage, figure, claim_names) is None
    # a passage naming none of the story's places may be of a neighbouring country
    elsewhere = "The death toll in Guatemala rose to at least 39 on Saturday."
    figure = next(f for f in figures_in(elsewhere) if f.value == 39)
    assert place_conflict(elsewhere, figure, claim_names) == "Guatemala"
    # ... but a story that names another country is about that one
    syria = names("The quake killed at least 27 people in Aleppo, Syria, officials said.")
    assert place_conflict(passage, figure, syria) == "Mexico"


@pytest.mark.parametrize(
    "place, country",
    [("Mexico", "MX"), ("Messico", "MX"), ("the United States", "US"), ("Liban", "LB"), ("Acapulco", None)],
)
def test_a_country_is_known_by_its_name_in_the_languages_of_the_copy(place, country):
    assert country_of(place) == country


@pytest.mark.parametrize(
    "a, b, alike",
    [
        ("Lebanon", "Lebanese", True),
        ("Italy", "Italian", True),
        ("China", "Chinese", True),
        ("Kenya", "Kenyan", True),
        ("Iran", "Iraq", False),
        ("Mali", "Malawi", False),
        ("Kharkiv", "Khartoum", False),
        ("India", "Indonesia", False),
    ],
)
def test_a_peoples_name_and_its_countrys_are_alike(a, b, alike):
    assert alike_names(stem(a), stem(b)) is alike


@pytest.mark.parametrize(
    "passage, year, history",
    [
        ("In 2014 more than 600 people were killed in Yunnan.", 2023, True),
        ("Unemployment was 3.9 percent a year earlier.", 2025, True),
        ("The toll rose to 148 on Tuesday.", 2023, False),
        # The year past another figure is that figure's, not this one's.
        ("The final turnout was 62.59 per cent, five per cent less than in 2015.", 2020, False),
        ("As for deaths, 561 have been confirmed (1,094 in all of 2023).", 2024, False),
        ("Turnout was 67.47 per cent in 2015.", 2020, True),
    ],
)
def test_a_figure_of_another_time_is_history(passage, year, history):
    figure = figures_in(passage)[0]
    assert other_time(passage, figure.start, figure.end, year) is history


def test_a_place_named_in_another_language_is_the_figures_place():
    passage = "La DANA dejó 212 víctimas mortales en Valencia, según el último balance."
    claim_names = names("Floods in Spain have taken the lives of 95 people, officials said.")
    figure = next(f for f in figures_in(passage) if f.value == 212)
    assert place_conflict(passage, figure, claim_names, own_places("Floods in Spain killed 95")) == "Valencia"


def test_a_body_after_in_is_no_place():
    passage = "The Election Commission said overall turnout in the Assembly elections was 62.59%."
    figure = next(f for f in figures_in(passage) if f.value == 62.59)
    assert place_conflict(passage, figure, names("Turnout in Delhi was 57.06 per cent, officials said.")) is None


def test_a_dateline_names_its_place():
    assert stem("Balasore") in names("BALASORE, June 4: The state revised the toll to 275.")


@pytest.mark.parametrize(
    "text, figure, event",
    [
        # A count of people named by its noun still takes the verb's measure.
        ("A train derailed, killing at least 288 passengers and injuring 803 people.", "288", "death"),
        # The cue of the figure before a comma belongs to that figure.
        ("Besides the 278 dead, 1,100 people were injured in the crash.", "1,100", "injury"),
        ("The toll, officials said, rose to 131 on Wednesday.", "131", "death"),
        ("So far the remains of only six people have been recovered.", "six", "death"),
        ("About 100 people remain in the town.", "100", "remaining"),
        # An abbreviation's full stop ends no clause.
        ("The death toll from the Aug. 8 fire on the island of Maui stands at 115.", "115", "death"),
    ],
)
def test_a_cue_names_the_measure_of_its_own_figure(text, figure, event):
    found = next(f for f in figures_in(text) if figure in f.text)
    assert found.event == event


def test_a_number_inside_a_modifier_is_no_figure():
    assert [f.text for f in figures_in("A 10-member team inspected the three-train crash; 275 died.")] == ["275"]


@pytest.mark.parametrize(
    "passage, figure_text, claim_words, part",
    [
        ("He said 1,524 of the dead were children.", "1,524", "at least 500 people were killed", True),
        ("Among those displaced are 2,500 residents of Vovchansk.", "2,500", "5,900 people evacuated", True),
        # The part is what the claim counts: the identified among the bodies.
        ("She said 40 of the bodies had been identified.", "40", "all 11 victims have been identified", False),
        ("The toll rose to 131 in the two provinces.", "131", "killing at least 111 people", False),
    ],
)
def test_a_part_of_the_count_is_not_the_count(passage, figure_text, claim_words, part):
    figure = next(f for f in figures_in(passage) if f.text.startswith(figure_text))
    assert is_part(passage, figure.start, figure.end, stems(claim_words)) is part


@pytest.mark.parametrize(
    "passage, increment",
    [
        ("The developer was among seven more bodies recovered on Friday.", True),
        ("Another 50 people died overnight.", True),
        ("A further 20 were injured in the aftershock.", True),
        ("Officials reported 50 new cases on Monday.", True),
        ("The toll rose to 50 on Monday.", False),
        ("More than 50 people died.", False),
    ],
)
def test_an_increment_is_not_the_count(passage, increment):
    figure = figures_in(passage)[0]
    assert is_increment(passage, figure.start, figure.end) is increment


@pytest.mark.parametrize(
    "passage, claim_day, running",
    [
        (
            "About 3,478 people had now been killed in Gaza by airstrikes since Oct. 7, the ministry said.",
            date(2023, 10, 17),
            True,
        ),
        ("At least 9,000 have been killed since the start of the war.", date(2023, 10, 17), True),
        # Since the event itself: the claim's own count.
        ("The toll since the June 24 collapse reached 64.", date(2021, 6, 26), False),
        ("64 people have died since June 24, officials said.", date(2021, 6, 26), False),
        # "since" in another clause is not the figure's period.
        ("Hospitals treat the 290 injured, after a blockade in force since December 2022.", date(2023, 9, 27), False),
    ],
)
def test_a_running_total_since_long_before_is_another_measure(passage, claim_day, running):
    figure = max(figures_in(passage), key=lambda f: f.value if f.value < 1900 or f.value > 2100 else 0)
    assert is_running_total(passage, figure.end, claim_day) is running


def test_a_place_in_the_storys_opening_is_the_claims_unless_its_sentence_names_its_own():
    passage = "The number of people killed in the Balasore crash had been revised to 275."
    figure = next(f for f in figures_in(passage) if f.value == 275)
    story = names("BALASORE: A train crash in Odisha has killed at least 288 passengers.")
    sentence_names = names("The Coromandel Express derailed, killing at least 288 passengers.")
    assert place_conflict(passage, figure, sentence_names, own_places("killing at least 288 passengers"), story) is None
    gansu = "About 100 people died in Gansu province when the quake hit."
    qinghai = "The toll in Qinghai rose to 31."
    figure = next(f for f in figures_in(qinghai) if f.value == 31)
    assert (
        place_conflict(qinghai, figure, names(gansu), own_places(gansu), names("Quake hits Gansu and Qinghai"))
        == "Qinghai"
    )


def test_a_range_is_one_estimate_and_a_dozen_is_twelve():
    (range_,) = figures_in("The toll was at the low end of 100 to 300, the report said.")
    assert (range_.value, range_.bound) == (200, "approx")
    dozen = next(f for f in figures_in("At least a dozen people were injured.") if "dozen" in f.text)
    assert dozen.value == 12


def test_the_second_part_of_a_count_is_a_part_too():
    passage = "He said 1,524 of the dead were children and 1,000 were women."
    women = next(f for f in figures_in(passage) if f.value == 1000)
    assert is_part(passage, women.start, women.end, stems("at least 500 people were killed"))


def test_a_year_the_claim_names_itself_is_not_another_time():
    passage = "Says Riverton has planted 50,000 trees since 2020."
    trees = next(f for f in figures_in(passage) if f.value == 50000)
    assert other_time(passage, trees.start, trees.end, 2026)
    assert not other_time(passage, trees.start, trees.end, 2026, "the city has planted 50,000 trees since 2020")


@pytest.mark.parametrize(
    "a, b, same",
    [
        (76_000, 76_200, True),  # 76,000 is 76,200 rounded
        (1_200_000, 1_204_000, True),
        (4.1, 4.12, True),
        (11_300, 11_300, True),
        # Within 1% but no rounding of each other: the list of the missing fell from 388 to 385.
        (385, 388, False),
        (147_000, 144_000, False),
    ],
)
def test_the_same_figure_allows_for_rounding_only(a, b, same):
    assert same_figure(a, b) is same
    assert same_figure(b, a) is same


@pytest.mark.parametrize(
    "a, b, same",
    [
        (20, 20.32, True),  # "received 20%" of an official 20.32%
        (43, 43.48, True),
        (2, 2.4, False),  # inflation of 2% is not 2.4%
        (20, 21, False),
    ],
)
def test_a_share_may_be_given_to_the_whole_percent(a, b, same):
    assert same_figure(a, b, share=True) is same
    assert same_figure(b, a, share=True) is same
    assert not same_figure(a, b) or a == b  # a count is not rounded so far
    facts = FigureFacts(claim_value=a, claim_bound="exact", claim_day=None, value=b, day=None, share=True)
    assert (figure_stance(facts)[0] == "supports") is same


@pytest.mark.parametrize(
    "text, value, event",
    [
        ("Onze pessoas foram detidas para averiguação.", 11, "arrest"),
        ("Dos personas murieron en Castilla-La Mancha.", 2, "death"),
        ("Bei dem Anschlag gab es drei Tote.", 3, "death"),
    ],
)
def test_small_numbers_in_words_of_other_languages_are_figures(text, value, event):
    found = figures_in(text)
    assert [(f.value, f.event) for f in found] == [(value, event)]


def test_a_capitalised_name_is_no_number_word():
    assert [f.value for f in figures_in("Otto Schmidt said two people died.")] == [2]


def test_a_report_that_ran_hours_before_the_claims_story_gives_an_older_figure():
    # "At least 115" in the morning; the evening's story says "at least 133": context, not a rival.
    earlier = FigureFacts(133, "at_least", AUG_11, 115, AUG_11, before_claim=True)
    assert figure_stance(earlier) == ("context", "older figure")
    assert figure_stance(FigureFacts(133, "at_least", AUG_11, 133, AUG_11, before_claim=True))[0] == "supports"
