"""The facts of a claim made from any span: figure, claimant, as-of date and context (pure)."""

from datetime import date

import pytest

from claims.claim_facts import CONTEXT_CHARS, facts_for_span

BODY = (
    "KYIV, Aug 11 (Reuters) - A missile hit a market in the town, killing at least 111 people, state media said. "
    "Over 76,000 people already evacuated, according to TASS. "
    "The regional governor said 40 homes had burned by Saturday.\n"
    "Russia's defense ministry claimed to have destroyed 14 Ukrainian drones over Kursk, "
    "but Ukraine said it had lost only two aircraft.\n"
    "Fire chief Dana Holt said crews worked through the night."
)
CREATED = date(2024, 8, 20)


def facts(span, body=BODY, **kwargs):
    start = body.index(span)
    kwargs.setdefault("created", CREATED)
    return facts_for_span(body, start, start + len(span), **kwargs)


@pytest.mark.parametrize(
    "span, value, unit, bound, claimant",
    [
        # the noun ("people") and the attribution sit outside the span, in its sentence
        ("killing at least 111", 111, "person", "at_least", "state media"),
        # the bound word ("at least") sits outside the span
        ("111 people", 111, "person", "at_least", "state media"),
        ("Over 76,000 people already evacuated, according to TASS.", 76000, "person", "at_least", "TASS"),
        ("76,000", 76000, "person", "at_least", "TASS"),
        # attribution before the figure
        ("40 homes had burned", 40, "home", "exact", "regional governor"),
        ("destroyed 14 Ukrainian drones", 14, "drone", "exact", "Russia's defense ministry"),
        # the other side of a "but": its own speaker, not the sentence's first one
        ("Ukraine said it had lost only two aircraft", 2, "aircraft", "exact", "Ukraine"),
    ],
)
def test_it_reads_the_figure_and_claimant_from_the_span_and_its_sentence(span, value, unit, bound, claimant):
    found = facts(span)
    assert (found.value, found.unit, found.bound, found.claimant, found.kind) == (
        value,
        unit,
        bound,
        claimant,
        "quantity",
    )


@pytest.mark.parametrize(
    "body, span, value, unit",
    [
        ("El huracán dejó 27 muertos y cuatro desaparecidos en Guerrero.", "cuatro desaparecidos", 4, "desaparecido"),
        ("El CNE dio a Maduro el 51,95 por ciento de los votos.", "51,95 por ciento de los votos", 51.95, "percent"),
        ("A Comissão contou 6.408.844 votos para Maduro.", "6.408.844 votos", 6_408_844, "voto"),
    ],
)
def test_continental_figures_and_number_words_are_read(body, span, value, unit):
    found = facts(span, body=body)
    assert (found.value, found.unit) == (value, unit)


def test_a_figure_that_only_runs_into_the_span_is_not_its_figure():
    body = "La gobernadora añadió que el huracán de categoría 5 afectó el 80% de los hoteles de Acapulco."
    found = facts("afectó el 80% de los hoteles de Acapulco", body=body)
    assert (found.value, found.unit) == (80, "percent")


def test_a_span_without_a_figure_is_not_a_quantity_but_keeps_its_claimant():
    found = facts("crews worked through the night")
    assert (found.value, found.unit, found.bound, found.kind) == (None, "", "", "other")
    assert found.claimant == "Dana Holt"


def test_the_caller_s_claimant_and_quantity_win_over_parsed_ones():
    found = facts(
        "killing at least 111",
        claimant="Regional health ministry",
        quantity={"value": 117, "unit": "person", "bound": "approx"},
    )
    assert (found.claimant, found.value, found.bound) == ("Regional health ministry", 117, "approx")


def test_a_blank_claimant_from_the_caller_means_none_given():
    assert facts("76,000", claimant="  ").claimant == "TASS"


def test_a_kind_other_than_quantity_drops_the_figure():
    found = facts("destroyed 14 Ukrainian drones", kind="event")
    assert (found.kind, found.value, found.unit) == ("event", None, "")


@pytest.mark.parametrize(
    "span, kwargs, as_of, origin",
    [
        # a date in the sentence, read relative to the story's day
        ("40 homes had burned", {"published": date(2024, 8, 12)}, date(2024, 8, 10), "text"),
        # no date in the sentence: the story's publication day
        ("111 people", {"published": date(2024, 8, 12)}, date(2024, 8, 12), "story"),
        # not published: the dateline's day
        ("111 people", {}, date(2024, 8, 11), "dateline"),
        # the caller's as-of wins
        ("111 people", {"quantity": {"as_of": date(2024, 8, 9)}}, date(2024, 8, 9), "given"),
    ],
)
def test_the_as_of_date_comes_from_the_text_the_story_or_its_dateline(span, kwargs, as_of, origin):
    found = facts(span, **kwargs)
    assert (found.as_of, found.as_of_origin) == (as_of, origin)


def test_a_weekday_with_its_date_in_the_story_text_dates_an_undated_story():
    body = "Fighting spread on Sunday (Aug. 11) near Sudzha. Officials said 3,000 people fled."
    found = facts("3,000 people fled", body=body)
    assert (found.as_of, found.as_of_origin) == (date(2024, 8, 11), "dateline")


def test_without_any_date_the_claim_is_as_of_the_day_it_was_made():
    body = "Officials said 3,000 people fled."
    found = facts("3,000 people fled", body=body)
    assert (found.as_of, found.as_of_origin) == (CREATED, "created")


def test_the_context_is_the_headline_and_the_whole_sentence():
    found = facts("111 people", headline="Strike on market kills 111")
    assert found.context == (
        "Strike on market kills 111\nA missile hit a market in the town, killing at least 111 people, state media said."
    )


def test_a_span_across_two_sentences_takes_both_into_its_context():
    found = facts("state media said. Over 76,000")
    assert found.context.startswith("A missile hit") and found.context.endswith("according to TASS.")


def test_an_over_long_sentence_is_trimmed_around_the_span():
    body = "Officials said " + "the rain kept falling and " * 200 + "3,000 people fled the valley."
    found = facts("3,000 people fled", body=body, headline="Valley floods")
    assert len(found.context) <= CONTEXT_CHARS
    assert "3,000 people fled" in found.context and found.context.startswith("Valley floods\n")
