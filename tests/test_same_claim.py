"""The near-duplicate rule: close wording links two claims only when they say the same thing."""

import pytest

from claims import services
from claims.models import Claim
from claims.same_claim import differences, figures, same_claim
from tests.factories import StoryFactory

SAME = [
    ("About 1,200 homes were evacuated", "about 1,200 homes were evacuated"),
    ("Police said 30 people were arrested", "Police said 30 people were arrested."),
    ("Unemployment rose to 5.1 percent in March", "Unemployment rose to 5.1% in March"),
    ("The ministry said 1,200 homes were evacuated", "The ministry said 1200 homes were evacuated"),
    (
        "Over 76,000 people already evacuated, according to TASS",
        "over 76,000 people already evacuated according to TASS",
    ),
    (
        "Russia's defense ministry claimed to have destroyed 14 drones",
        "Russia's defense ministry claimed it destroyed 14 drones",
    ),
]

DIFFERENT = [
    ("police said 3 people were arrested", "police said 30 people were arrested", "figures"),
    ("unemployment rose to 5.1 percent", "unemployment fell to 5.1 percent", "direction"),
    ("exports increased by 4 percent last year", "exports decreased by 4 percent last year", "direction"),
    ("prices were up 2 percent in the year to May", "prices were down 2 percent in the year to May", "direction"),
    (
        "more people were arrested than in 2023, police said",
        "fewer people were arrested than in 2023, police said",
        "direction",
    ),
    ("about 1,200 homes were evacuated in Kursk", "about 1,200 homes were evacuated in Belgorod", "names"),
    ("more than 30 people were arrested, police said", "fewer than 30 people were arrested, police said", "figures"),
    ("at least 30 people were arrested, police said", "30 people were arrested, police said", "figures"),
    ("inflation reached 5.1 percent in the year", "inflation reached 5.1 million in the year", "figures"),
    ("the river peaked at 6.2 metres on Tuesday", "the river peaked at 6.2 metres on Tuesday in 2024", "figures"),
    ("the council said the bridge was safe", "the council said the bridge was not safe", "negation"),
    ("the senate approved the budget on Tuesday", "the senate rejected the budget on Tuesday", "direction"),
]


@pytest.mark.parametrize("a,b", SAME)
def test_rewordings_with_the_same_facts_are_the_same_claim(a, b):
    assert same_claim(a, b), differences(a, b)


@pytest.mark.parametrize("a,b,why", DIFFERENT)
def test_close_wordings_that_say_different_things_are_different_claims(a, b, why):
    assert not same_claim(a, b)
    assert why in differences(a, b)


def test_figures_read_value_unit_and_bound():
    assert figures("more than 5.10 million people, up 3%") == [
        ("at_least", "5.1 million", "people"),
        ("exact", "3", "percent"),
    ]


def link(text: str, checker):
    story = StoryFactory(body=f"Reports on the day. {text}. More later.")
    start = story.body.index(text)
    return services.create_claim_from_span(story, checker, start=start, end=start + len(text))


def test_a_claim_with_another_figure_is_not_linked_to_the_first(checker):
    first, _m, _c = link("police said 3 people were arrested", checker)
    second, _m, created = link("police said 30 people were arrested", checker)
    assert created and second != first and Claim.objects.count() == 2


def test_a_claim_with_the_opposite_direction_is_not_linked_to_the_first(checker):
    first, _m, _c = link("unemployment rose to 5.1 percent in March", checker)
    second, _m, created = link("unemployment fell to 5.1 percent in March", checker)
    assert created and second != first


def test_a_near_identical_rewording_still_links(checker):
    first, _m, _c = link("About 1,200 homes were evacuated, the council said", checker)
    second, _m, created = link("about 1,200 homes were evacuated the council said", checker)
    assert not created and second == first
