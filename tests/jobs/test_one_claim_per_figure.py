"""One figure of a source backs the claims it fits best (claims/matching/__init__.py)."""

from claims.matching import one_claim_per_figure
from claims.matching.scoring import Proposal


def proposal(claim_id, at, value, measure_known):
    return Proposal(
        claim_id=claim_id,
        stance="updates",
        score=0.7,
        reason="",
        excerpt="",
        figure_at=at,
        figure_value=value,
        fit=(False, measure_known, 0.5),
    )


def kept(proposals):
    return [p.claim_id for p in one_claim_per_figure(proposals)]


def test_a_figure_goes_to_the_claims_whose_measure_it_names():
    assert kept([proposal(1, (2, 10), 51.95, True), proposal(2, (2, 10), 51.95, False)]) == [1]
    assert kept([proposal(1, (2, 10), 51.95, True), proposal(2, (2, 10), 51.95, True)]) == [1, 2]


def test_the_headlines_copy_of_a_figure_is_the_bodys_figure():
    # "ratifica el triunfo con 51,95 %" above "el 51,95 por ciento de los votos"
    body, headline = proposal(1, (2, 10), 51.95, True), proposal(2, (0, 40), 51.95, False)
    assert kept([body, headline]) == [1]


def test_the_same_value_in_two_body_passages_stays_two_figures():
    # "at least 100 people were killed" and, further down, "100 to 300": two parties' figures
    first, second = proposal(1, (2, 10), 100, True), proposal(2, (4, 5), 100, False)
    assert kept([first, second]) == [1, 2]
