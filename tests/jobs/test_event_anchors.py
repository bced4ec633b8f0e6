"""A source about another event must not attach to a claim: the names that tell two events
apart ("Kerman", "Mayotte"), not the bodies every story names ("Ministry", "State")."""

from datetime import UTC, date, datetime, timedelta

from claims.matching import embeddings
from claims.matching.context import ClaimInfo
from claims.matching.scoring import SourceDoc, score_claim
from claims.matching.text import anchors, names, stem
from claims.models import Source


def test_anchors_leave_out_the_bodies_every_story_names():
    found = anchors(names("Officials of the Health Ministry said on Sunday that the blasts in Kerman killed 103."))
    assert stem("Kerman") in found
    assert not {stem("Health"), stem("Ministry")} & found


def test_agencies_weekdays_and_the_survey_of_a_geological_survey_tell_no_event_apart():
    found = anchors(names("Reuters said on Tuesday's count, citing the U.S. Geological Survey, that Gansu was hit."))
    assert found == {stem("Gansu")}


def test_a_first_name_before_a_surname_tells_no_event_apart():
    text = "President Donald Trump said the blasts in Kerman Province were terrorism. Kerman mourned."
    assert anchors(names(text), text) == {stem("Trump"), stem("Kerman")}


def test_a_brand_written_in_lower_case_or_with_digits_is_a_name_too():
    text = "23andMe says hackers stole the data. Owners of an iPhone were not affected, the company said."
    assert anchors(names(text)) == {stem("andMe"), stem("iPhone")}


def test_a_name_written_with_or_without_its_accents_is_one_name():
    assert stem("Venâncio") == stem("Venancio") and stem("Zürich") == stem("Zurich")


def test_an_event_name_must_be_a_name_in_the_source_not_a_common_word():
    claim = _claim(
        "The floods killed 103 people, the council said.",
        "READING, England - Floods in Reading killed 103 people, the council said.",
        [],
    )
    landslide = _doc(
        "Landslide toll rises",
        "A reading of the survivors' lists found that 670 people had been killed in the valley, and the toll has risen.",
    )
    assert score_claim(claim, landslide) is None
    named = _doc(landslide.source.title, landslide.source.text + " Reading has sent rescuers.")
    assert score_claim(claim, named) is not None


def _claim(sentence: str, lede: str, claimant: list[str]) -> ClaimInfo:
    info = ClaimInfo(
        pk=1,
        text=sentence,
        sentence=sentence,
        headline="",
        claimant_names=claimant,
        value=103,
        unit="person",
        bound="exact",
        as_of=date(2024, 1, 3),
        dated=True,
        lede=lede,
    )
    info.vector = embeddings.embed([sentence])[0]
    return info


def _doc(title: str, text: str, when=datetime(2024, 12, 30, 12, tzinfo=UTC)) -> SourceDoc:
    return SourceDoc.of(Source(title=title, text=text, published_at=when))


KERMAN = _claim(
    "The twin blasts killed 103 people, the Interior Ministry said.",
    "KERMAN, Iran - Two explosions near the tomb of Qassem Soleimani in Kerman killed 103 people on Wednesday.",
    ["Interior Ministry"],
)


def test_a_toll_of_another_event_does_not_attach():
    mayotte = _doc(
        "Cyclone toll rises in Mayotte",
        "The Interior Ministry said on Monday that 39 people had been killed on Mayotte, and the toll has risen.",
    )
    assert score_claim(KERMAN, mayotte) is None


def test_a_later_toll_of_the_same_event_still_attaches():
    later = _doc(
        "Kerman toll revised",
        "The Interior Ministry said the number of people killed in the Kerman blasts has been revised to 84.",
    )
    proposal = score_claim(KERMAN, later)
    assert proposal is not None and proposal.stance == "updates"


def test_a_place_in_the_claimants_title_tells_the_event_apart_too():
    claim = _claim(
        "More than 76,000 people have been evacuated since Tarsovian troops crossed the frontier, "
        "Kerevan regional governor Anton Velichko said.",
        "",
        ["Kerevan regional governor Anton Velichko"],
    )
    claim.value, claim.bound = 76_000, "at_least"
    source = _doc(
        "Aid groups strain",
        "More than 76,000 people have now been evacuated from the Kerevan border districts, "
        "the regional governor said.",
    )
    assert score_claim(claim, source) is not None


LATER = (
    "Kerman toll revised",
    "The Interior Ministry said the number of people killed in the Kerman blasts has been revised to 84.",
)


def test_news_written_a_month_before_the_claim_is_about_something_earlier():
    # Real copy: last year's attack in the same city, last quarter's figures.
    for days_before, attaches in ((2, True), (29, True), (31, False), (300, False)):
        when = datetime(2024, 1, 3, 12, tzinfo=UTC) - timedelta(days=days_before)
        assert (score_claim(KERMAN, _doc(*LATER, when=when)) is not None) is attaches, days_before
    KERMAN.dated = False  # dated only by the day it was typed: a source's age tells nothing
    try:
        assert score_claim(KERMAN, _doc(*LATER, when=datetime(2023, 1, 3, tzinfo=UTC))) is not None
    finally:
        KERMAN.dated = True


def test_an_earlier_report_may_bear_out_a_claim_of_what_happened_but_not_a_figure():
    claim = _claim(
        "Hackers broke into Kestrel Bank accounts using passwords leaked from other sites.",
        "Kestrel Bank said hackers broke into customer accounts using passwords leaked elsewhere.",
        [],
    )
    claim.value = claim.unit = claim.bound = None
    earlier = _doc(
        "Kestrel Bank breach",
        "Kestrel Bank said hackers broke into customer accounts using passwords leaked from other websites.",
        when=datetime(2023, 10, 1, 12, tzinfo=UTC),  # three months before the claim
    )
    assert score_claim(claim, earlier).stance == "supports"
    assert score_claim(KERMAN, _doc(*LATER, when=datetime(2023, 10, 1, 12, tzinfo=UTC))) is None
    # ... but a report from seasons before is of another event, whatever it says
    earlier.when = datetime(2023, 6, 1, 12, tzinfo=UTC)
    assert score_claim(claim, earlier) is None


def test_a_fact_checkers_review_rates_the_claim_whatever_its_date_and_names():
    old = _doc(
        "Twin blasts killed 103 people",
        "The Interior Ministry said the twin blasts killed 103 people. Our rating: true.",
        when=datetime(2023, 6, 1, 12, tzinfo=UTC),
    )
    assert score_claim(KERMAN, old) is None  # as news: a year old, and names no Kerman
    old.review = True
    assert score_claim(KERMAN, old).stance == "supports"


def test_a_country_named_in_another_language_is_the_same_place():
    claim = _claim(
        "Dengue has killed 1,094 people in Brazil this year, the health ministry said.",
        "Brazil has recorded its worst dengue year, with 1,094 deaths so far.",
        ["health ministry"],
    )
    claim.value, claim.unit, claim.as_of = 1094, "person", date(2024, 4, 1)
    text = "Em meio à epidemia, o {} confirmou 1.201 óbitos por dengue, disse o ministério na terça-feira."
    portuguese = _doc("Dengue: óbitos chegam a 1.201", text.format("Brasil"), when=datetime(2024, 4, 3, tzinfo=UTC))
    elsewhere = _doc("Dengue: óbitos chegam a 1.201", text.format("Paraguai"), when=datetime(2024, 4, 3, tzinfo=UTC))
    assert score_claim(claim, portuguese).stance == "updates"
    assert score_claim(claim, elsewhere) is None
