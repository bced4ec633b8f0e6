from datetime import date
from pathlib import Path

from claims.finder import Quantity, Suggestion, suggest_claims

STORY = (
    "KYIV (Wire) - Russia's defence ministry claimed to have shot down 22 drones and two missiles over "
    "the Belgorod region, as well as 9 drones over other regions, on Monday. The ministry said the "
    "attacks had failed. More than 5,000 people have been evacuated from border villages, according to "
    "the regional governor's office.\n\n"
    "Is this the start of a wider push? Nobody knows. The scenery near the border is lovely in August."
)


def test_suggestions_carry_offsets_claimant_quantity_and_reasons():
    suggestions = suggest_claims(STORY, reference_date=date(2024, 8, 14))
    assert all(isinstance(s, Suggestion) and STORY[s.start : s.end] == s.text for s in suggestions)
    first = suggestions[0]
    assert first.claimant == "Russia's defence ministry"
    assert isinstance(first.quantity, Quantity)
    assert (first.quantity.value, first.quantity.unit, first.quantity.bound) == (22, "drone", "exact")
    assert first.quantity.as_of == date(2024, 8, 12)
    assert first.kind == "quantity" and 0 < first.score <= 1 and first.reasons


def test_compound_sentence_yields_a_claim_per_figure_with_the_same_claimant():
    texts = {s.text: s for s in suggest_claims(STORY)}
    second = texts["9 drones over other regions, on Monday."]
    assert second.claimant == "Russia's defence ministry"
    assert second.quantity.value == 9


def test_definite_description_resolves_to_the_earlier_speaker():
    attacks = next(s for s in suggest_claims(STORY, min_score=0) if s.text.startswith("The ministry said"))
    assert attacks.claimant == "Russia's defence ministry"


def test_quantity_offsets_index_the_story_body():
    for suggestion in suggest_claims(STORY):
        for quantity in suggestion.quantities:
            assert STORY[quantity.start : quantity.end] == quantity.text


def test_questions_and_description_are_not_suggested():
    texts = [s.text for s in suggest_claims(STORY)]
    assert not any(t.startswith(("Is this", "Nobody", "The scenery")) for t in texts)


def test_min_score_filters_and_zero_keeps_every_clause():
    assert len(suggest_claims(STORY, min_score=0)) > len(suggest_claims(STORY)) > 0
    assert suggest_claims(STORY, min_score=1.01) == []


def test_empty_and_whitespace_bodies_give_no_suggestions():
    assert suggest_claims("") == []
    assert suggest_claims("   \n\n ") == []


def test_finder_package_has_no_django_imports():
    package = Path(__file__).resolve().parents[2] / "claims" / "finder"
    for module in package.rglob("*.py"):
        assert "django" not in module.read_text(), module


def test_how_far_the_count_has_got_is_not_the_main_figure():
    [suggestion] = suggest_claims(
        "With 98% of ballots counted, the Alliance is projected to win 63 of the 151 seats in parliament."
    )
    assert suggestion.quantity.value == 63


def test_a_continued_count_keeps_the_source_of_the_sentence_before():
    body = (
        "About 6,500 residents were under evacuation orders, according to the county sheriff's office. "
        "Another 3,000 were warned to be ready to leave."
    )
    claimants = [s.claimant for s in suggest_claims(body)]
    assert claimants == ["county sheriff's office", "county sheriff's office"]


def test_a_new_paragraph_does_not_inherit_the_source():
    body = "About 6,500 residents were evacuated, according to the county sheriff's office.\n\nAnother 3,000 homes lost power on Monday."
    assert suggest_claims(body)[-1].claimant is None
