"""Claims read against one figure of several: a part of a toll ("At least 60 Jordanians also
died") against the source's figure of that part, not the headline toll printed beside it; a
claim of an earlier figure ("had earlier put the toll at 5,500") against that figure."""

from datetime import UTC, date, datetime

from claims.matching import embeddings
from claims.matching.context import ClaimInfo
from claims.matching.scoring import SourceDoc, score_claim
from claims.matching.text import names_around, stem
from claims.models import Source

JORDAN = frozenset({stem("Jordanians")})


def test_names_around_a_figure_are_the_ones_in_its_clause():
    text = "The toll now stands at 577, and 60 Jordanians were among them; Amman gave 41."
    at = text.index("60")
    assert names_around(text, at, at + 2, JORDAN)
    at = text.index("577")
    assert not names_around(text, at, at + 3, JORDAN)
    text = "In Castilla-La Mancha two people died, and 158 in all."
    at = text.index("158")
    assert not names_around(text, at, at + 3, frozenset({stem("Castilla-La")}))


def _claim(text: str, headline: str, value: float) -> ClaimInfo:
    info = ClaimInfo(
        pk=1,
        text=text,
        sentence=text,
        headline=headline,
        claimant_names=["diplomats"],
        value=value,
        unit="person",
        bound="at_least",
        as_of=date(2024, 6, 18),
        dated=True,
        lede="MECCA, Saudi Arabia - At least 550 pilgrims died during this year's hajj, Arab diplomats said.",
    )
    info.vector = embeddings.embed([text])[0]
    return info


SOURCE = SourceDoc.of(
    Source(
        title="Hajj heat deaths",
        text=(
            "The total of deaths reported by the various countries now stands at 577, by a news agency's count. "
            "The diplomats also said at least 60 Jordanians had died in Mecca, beyond the official toll Amman gave."
        ),
        published_at=datetime(2024, 6, 18, 18, tzinfo=UTC),
    )
)


def test_the_sub_count_is_read_against_its_own_figure():
    claim = _claim("At least 60 Jordanians also died", "At least 550 pilgrims died during hajj", 60)
    assert claim.sub_names == JORDAN
    proposal = score_claim(claim, SOURCE)
    assert proposal is not None and proposal.stance == "supports", proposal


def test_the_headline_count_still_takes_the_newer_total():
    claim = _claim("At least 550 pilgrims died during this year's hajj", "At least 550 pilgrims died during hajj", 550)
    assert not claim.sub_names
    proposal = score_claim(claim, SOURCE)
    assert proposal is not None and proposal.stance == "updates", proposal


def test_a_claim_of_an_earlier_figure_is_borne_out_only_by_that_figure():
    claim = _claim("Health authorities had earlier put the death toll in Mecca at 500", "Hajj deaths", 500)
    claim.bound = "exact"
    later = SourceDoc.of(
        Source(
            title="Toll rises",
            text="The death toll in Mecca has risen to 900, after health authorities had earlier put it at 500.",
            published_at=datetime(2024, 6, 19, 9, tzinfo=UTC),
        )
    )
    proposal = score_claim(claim, later)
    assert proposal is not None and proposal.stance == "supports", proposal
