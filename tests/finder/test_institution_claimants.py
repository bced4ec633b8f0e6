"""Claimants named by role or earlier in the story, and institutions speaking through their officials
(issue 11's claimant families on real copy), one general pattern per test."""

from claims.finder import find_claimant, suggest_claims


def test_an_unnamed_spokesperson_of_an_acronym_speaks_for_the_body_the_story_named_in_full():
    before = "Rear Adm. Daniel Hagari said the Israel Defense Forces were looking into the reported strike. "
    assert find_claimant("An IDF spokesperson later said rockets had been fired.", before) == "Israel Defense Forces"
    assert find_claimant("The IDF said rockets had been fired.", before) == "Israel Defense Forces"


def test_an_acronym_the_story_never_spelled_out_stays_the_acronym():
    assert find_claimant("An IDF spokesperson said rockets had been fired.") == "IDF"
    assert find_claimant("WHO officials said 12 cases were confirmed.") == "WHO"


def test_the_unnamed_head_or_officials_of_a_body_are_filed_under_the_body():
    assert find_claimant("The head of Gaza's civil defense put the number killed at more than 300.") == (
        "Gaza's civil defense"
    )
    before = "The European Space Agency said the probe was stable. "
    assert find_claimant("Officials of the agency said 20 instruments were working.", before) == (
        "European Space Agency"
    )


def test_a_named_head_of_a_body_is_still_the_person_and_a_role_without_a_body_stays_a_role():
    assert find_claimant("Elvis Amoroso, head of the electoral council, said Maduro won 51%.") == "Elvis Amoroso"
    assert find_claimant("The chief of staff said 20 people died.") == "chief of staff"


def test_where_someone_spoke_is_not_who_spoke_and_the_relaying_outlet_is_not_the_claimant():
    sentence = (
        "Speaking on Al-Jazeera television, the head of Gaza's civil defense, another Hamas-run department, "
        "put the number killed at more than 300, Reuters reported."
    )
    assert find_claimant(sentence) == "Gaza's civil defense"


def test_a_named_subject_with_an_aside_holding_a_figure_then_and_said_is_the_claimant():
    sentence = (
        'Hamas, whose attack last week killed more than 1,400 Israelis, called the strike "a horrific massacre" '
        "and said in a statement that most of the casualties were displaced families."
    )
    assert find_claimant(sentence) == "Hamas"
    assert find_claimant("The ministry, whose figures cover 1,200 clinics, said cases fell.") == "ministry"


def test_the_regions_authorities_are_the_authorities_of_the_place_the_story_names():
    body = (
        "A blast at a fuel depot in Nagorno-Karabakh has killed 20 people, the region's ethnic Armenian "
        "authorities say."
    )
    assert suggest_claims(body)[0].claimant == "Nagorno-Karabakh's ethnic Armenian authorities"
    ministry = "The country's health ministry said 40 people had died."
    assert find_claimant(ministry, "Floods swept through villages in Pakistan on Monday. ") == (
        "Pakistan's health ministry"
    )
    # a province is not the country: with no country named, the description stays as it is
    assert find_claimant(ministry, "Floods swept through villages in Sindh province. ") == "country's health ministry"
    assert find_claimant("The country's health ministry said 40 people had died.") == "country's health ministry"
