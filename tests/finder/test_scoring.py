from claims.finder import parse_quantities
from claims.finder.scoring import assess


def score(text: str, claimant: str | None = None, verb: str | None = None):
    return assess(text, claimant=claimant, attribution_verb=verb, quantities=tuple(parse_quantities(text)))


def test_attributed_figure_scores_high_with_reasons():
    result = score(
        "Russia's defense ministry claimed to have destroyed 14 drones over Kursk.",
        "Russia's defense ministry",
        "claimed",
    )
    assert result.score >= 0.8
    assert "attributed to Russia's defense ministry ('claimed')" in result.reasons
    assert any(r.startswith("states a figure: 14 drones") for r in result.reasons)
    assert result.kind == "quantity"


def test_question_scores_lower_than_the_statement():
    assert score("Will the bank cut rates again in March?").score < score("The bank cut rates again in March.").score


def test_opinion_scores_lower_than_a_fact():
    assert score("It was, by any measure, a thrilling final.").score < score("Harbour City won the final 2-1.").score


def test_hedged_speculation_scores_lower_than_the_plain_claim():
    assert score("Moscow may be trying to choke off the corridor.").score < score("Moscow blocked the corridor.").score


def test_newsroom_caveat_is_not_check_worthy():
    assert score("The footage could not be independently verified.").score < 0.3


def test_superlatives_and_dates_raise_the_score():
    plain = score("Temperatures reached a high level in Serreta.")
    ranked = score("Temperatures reached the highest level ever recorded in Serreta on Wednesday.")
    assert ranked.score > plain.score
    assert any("compares or ranks" in r for r in ranked.reasons)


def test_event_without_figure_is_kind_event():
    assert score("Police arrested the mayor of Westbridge.").kind == "event"


def test_quotation_without_figure_is_kind_quote():
    assert score('"We are not declaring victory," Vasquez told the news conference.', "Vasquez", "told").kind == "quote"


def test_score_stays_between_zero_and_one():
    result = score("Could it be? Perhaps it might, maybe?")
    assert 0.0 <= result.score <= 1.0
