"""Patterns the real split (claims/finder/evaluation/real/) showed the finder missing, one test each."""

import pytest

from claims.finder import find_claimant, parse_quantities, suggest_claims
from claims.finder.claimants import clean_claimant


def _only(body: str):
    suggestions = suggest_claims(body)
    assert len(suggestions) == 1, [s.text for s in suggestions]
    return suggestions[0]


@pytest.mark.parametrize(
    "body",
    [
        "BALASORE, June 4: Railway officials said 275 people had died in the crash.",
        "Balasore, TNI Bureau: Railway officials said 275 people had died in the crash.",
        "OCCUPIED JERUSALEM: Railway officials said 275 people had died in the crash.",
        "(CNN) — Railway officials said 275 people had died in the crash.",
    ],
)
def test_a_dateline_is_never_the_claimant_nor_part_of_the_claim(body):
    suggestion = _only(body)
    assert suggestion.claimant == "Railway officials"
    assert suggestion.text.startswith("Railway officials")


def test_according_to_at_the_start_of_a_sentence_names_the_claimant():
    assert find_claimant("According to OCHA, 257 people have been confirmed dead.") == "OCHA"


def test_an_acronym_the_story_defined_is_filed_under_the_full_name():
    before = "The toll could reach 500, according to the United Nations Office for the Coordination of Humanitarian Affairs (OCHA). "
    assert find_claimant("OCHA said the government was finalising an evacuation plan.", before) == (
        "United Nations Office for the Coordination of Humanitarian Affairs"
    )


def test_the_un_agency_is_the_un_body_quoted_before():
    before = "More than 15,000 people are in danger, the United Nations Office for the Coordination of Humanitarian Affairs said. "
    assert find_claimant("The UN agency said 1,320 children were at risk.", before) == (
        "United Nations Office for the Coordination of Humanitarian Affairs"
    )


def test_the_statistics_office_is_the_statistical_office_named_before_but_another_ministry_is_not():
    before = "Output fell by 0.1 percent, the Federal Statistical Office said. "
    assert (
        find_claimant("The statistics office also revised its earlier estimate.", before)
        == "Federal Statistical Office"
    )
    before = "Russia's defence ministry said it had downed 14 drones. "
    assert find_claimant("The agriculture ministry said 300 tonnes of grain burned.", before) == "agriculture ministry"


def test_the_ministry_is_the_ministry_named_in_an_earlier_sentence():
    before = "Russia's defence ministry said it had downed 14 drones over Kursk. "
    assert find_claimant("The ministry said two more were destroyed.", before) == "Russia's defence ministry"


@pytest.mark.parametrize(
    "raw, name",
    [
        ("state broadcaster CCTV", "CCTV"),
        ("the official Xinhua news agency", "Xinhua"),
        ("British broadcaster Sky News", "Sky News"),
        ("Russia's TASS state news agency", "TASS"),
        ("a Bloomberg report", "Bloomberg"),
        ("the OCHA report", "OCHA"),
        ("BBC correspondents at the scene", "BBC correspondents"),
        ("Russia's defence ministry", "Russia's defence ministry"),
    ],
)
def test_institutions_are_filed_without_their_descriptions(raw, name):
    assert clean_claimant(raw) == name


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        (
            "Payrolls grew by 147,000 jobs in June, Bureau of Labor Statistics figures released on Thursday showed.",
            "Bureau of Labor Statistics",
        ),
        ("Figures from Layoffs Tracker show that 30,611 people were let go in January.", "Layoffs Tracker"),
        ("The US Geological Survey recorded the quake at magnitude 5.9.", "US Geological Survey"),
        (
            "Tamaz Gambarashvili, head of the city military administration, said on May 13 that the walls held.",
            "Tamaz Gambarashvili",
        ),
        (
            "Earlier in the day the General Staff of Ukraine's Armed Forces said Russia had advanced.",
            "General Staff of Ukraine's Armed Forces",
        ),
    ],
)
def test_bodies_and_people_as_real_copy_names_them(sentence, claimant):
    assert find_claimant(sentence) == claimant


def test_a_news_outlet_relaying_a_claim_is_not_its_claimant():
    assert (
        find_claimant("The Gaza Health Ministry said a strike hit the hospital, according to The Associated Press.")
        == "Gaza Health Ministry"
    )
    before = "Governor Oleh Syniehubov said 5,900 people had left. "
    assert find_claimant(
        "Fighting is going on in the outskirts, Syniehubov said, according to a local journalist.", before
    ) == ("Governor Oleh Syniehubov")


def test_he_is_the_last_speaker_not_the_rival_mentioned_in_the_same_sentence():
    body = (
        "Elvis Amoroso, head of the electoral council, said Mr. Maduro had won 51% of the vote, beating opposition "
        "candidate Edmundo González. He said the results were based on 80% of voting stations."
    )
    assert suggest_claims(body)[-1].claimant == "Elvis Amoroso"


def test_a_revised_figure_belongs_to_the_announcement_and_its_new_level_is_the_value():
    body = (
        "Payrolls grew by 147,000 jobs in June, Bureau of Labor Statistics figures showed.\n\n"
        "The April figure was revised higher by 11,000 jobs, to a net gain of 158,000."
    )
    revised = suggest_claims(body)[-1]
    assert revised.claimant == "Bureau of Labor Statistics"
    assert revised.quantity.value == 158000


def test_a_figure_continued_with_also_keeps_the_source_of_the_paragraph_before():
    body = (
        "According to OCHA, 257 people have been confirmed dead.\n\nTwelve people were also hurt and taken to hospital."
    )
    assert suggest_claims(body)[-1].claimant == "OCHA"


def test_a_share_restated_as_a_count_checks_the_count():
    body = "Microsoft is weighing a cut of about 5 percent of its workforce, or some 11,000 roles, Sky News reported."
    assert _only(body).quantity.value == 11000


@pytest.mark.parametrize(
    "body",
    [
        "Prime Minister Narendra Modi also rushed to the spot in the afternoon and held talks with railway officials.",
        "On Saturday morning the army also told residents of more districts in eastern Rafah to leave.",
        "Odisha Chief Minister Naveen Patnaik visited the accident site at Bahanaga and promised every assistance.",
        "Microsoft is due to report its quarterly results on 24 January.",
        "Destatis said the drop in output was mainly due to lower investment in equipment and construction.",
    ],
)
def test_official_actions_outlooks_and_attributed_statements_without_a_number_are_suggested(body):
    assert suggest_claims(body), body


def test_the_month_may_is_not_a_hedge():
    suggestion = suggest_claims(
        "Russian troops opened the new wave of attacks on May 10, concentrating on the border."
    )[0]
    assert not any(reason.startswith("hedged") for reason in suggestion.reasons)


def test_n_plus_is_at_least_n():
    (quantity,) = parse_quantities('"150 plus houses may be under the debris"')
    assert (quantity.value, quantity.unit, quantity.bound) == (150, "house", "at_least")


def test_parallel_participles_and_a_second_count_are_separate_claims():
    body = "The train derailed, killing at least 288 passengers and injuring around 803 people."
    assert [s.quantity.value for s in suggest_claims(body)] == [288, 803]
    body = "The mayor said 150 people were unaccounted for and 136 had been accounted for."
    assert [s.quantity.value for s in suggest_claims(body)] == [150, 136]


def test_a_monthly_figure_is_a_quantity_not_an_ordinal():
    values = [q.value for q in parse_quantities("Job growth has averaged 150,000 a month over the last three months.")]
    assert 150000 in values


def test_the_two_countries_refers_back_and_does_not_split_the_sentence():
    body = "Up to 200 people are still in the town, which lies close to the border between the two countries."
    assert _only(body).quantity.value == 200


def test_a_body_described_before_its_full_name_is_filed_under_the_full_name():
    body = (
        "The Texas health department on Tuesday put the number of measles cases in the state at 279. "
        "In Gaines County, cases rose to 191 from 174, according to the Texas Department of State Health Services."
    )
    assert {s.claimant for s in suggest_claims(body)} == {"Texas Department of State Health Services"}


def test_a_ministry_is_never_filed_under_its_minister():
    body = (
        "Health Minister Amira Haddad said 41 people had died of dengue. "
        "The health ministry said 1,200 more cases were recorded this week."
    )
    assert suggest_claims(body)[-1].claimant == "health ministry"
