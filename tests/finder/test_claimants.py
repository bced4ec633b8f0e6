import pytest

from claims.finder import find_claimant


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("Russia's defense ministry claimed to have destroyed 14 drones.", "Russia's defense ministry"),
        (
            "Russian General Valery Gerasimov stated that the attacks had been halted.",
            "Russian General Valery Gerasimov",
        ),
        (
            "Over 76,000 people were evacuated, according to Russia's TASS state news agency.",
            "TASS",  # the outlet by its name; resolve_claimant files the long form with it
        ),
        ("Two workers were killed, the regional governor's office said on Tuesday.", "regional governor's office"),
        ('"Do not drive into floodwater," said Chief Fire Officer Dana Whitlock.', "Chief Fire Officer Dana Whitlock"),
        ("Economists at Halden Bank estimated that the cut would save 40 euros a month.", "Economists at Halden Bank"),
        (
            "Interior Minister Pavel Horak told reporters that three villages were cut off.",
            "Interior Minister Pavel Horak",
        ),
        ("The army denied the accusation.", "army"),
        ("Prosecutors accused him of hiding losses.", "Prosecutors"),
        ("The agency announced 3 million euros in aid.", "agency"),
        # a brand opening with digits is a speaker; a count is not
        ("Testing firm 23andMe said hackers reached 14,000 accounts.", "Testing firm 23andMe"),
        ("14,000 people said they had been hacked.", None),
        # the attribution verbs of other languages' copy
        ("Le ministère de la Santé a indiqué que 137 personnes sont mortes.", "Le ministère de la Santé"),
        ("O ministério informou que 20 pessoas morreram.", "O ministério"),
    ],
)
def test_attribution_forms_before_and_after_the_clause(sentence, claimant):
    assert find_claimant(sentence) == claimant


def test_appositive_after_the_speaker_is_dropped():
    sentence = "Rep. Chris Dunmore, who voted against an earlier version, told reporters he was disappointed."
    assert find_claimant(sentence) == "Rep. Chris Dunmore"


def test_name_in_apposition_to_a_role_is_preferred():
    assert find_claimant("Frost's lawyer, Gina Paulsen, said her client would appeal.") == "Gina Paulsen"


def test_lowercase_job_description_is_stripped_but_capitalised_titles_stay():
    assert find_claimant("A fire broke out, regional governor Oleh Kiper said.") == "Oleh Kiper"
    assert find_claimant("Gov. Alan Mercer said the budget is balanced.") == "Gov. Alan Mercer"


def test_dates_are_not_part_of_the_claimant():
    sentence = "Ice loss doubled, according to a study published on Wednesday in the journal Cryosphere Letters."
    assert find_claimant(sentence) == "a study published in the journal Cryosphere Letters"


def test_affiliation_after_a_person_is_dropped():
    assert find_claimant("Dr. Paul Ng of the University of Toronto said the trial stopped early.") == "Dr. Paul Ng"


def test_acronym_in_apposition_is_kept_for_according_to():
    sentence = "Only 11 convoys arrived, according to the U.N. humanitarian office, OCHA."
    assert find_claimant(sentence) == "U.N. humanitarian office, OCHA"


def test_unattributed_sentence_has_no_claimant():
    assert find_claimant("The city has been hit at least 20 times since July.") is None


def test_a_clause_before_the_verb_is_not_mistaken_for_a_speaker():
    assert find_claimant("Shares jumped 9% after the retailer reported a rise in profit.") is None


# Resolution against the story so far.


def test_he_resolves_to_the_person_named_last():
    context = "Russian General Valery Gerasimov stated that the attacks had been halted."
    assert find_claimant("He said the front was stable.", context) == "Russian General Valery Gerasimov"


def test_she_resolves_to_a_speaker_quoted_with_said_after_the_name():
    context = '"We get a new date every six months," said Councillor Fiona Grant.'
    assert find_claimant("She said residents had endured years of dust.", context) == "Councillor Fiona Grant"


def test_the_ministry_resolves_to_the_earlier_ministry():
    context = "Russia's defence ministry said its forces had struck military targets."
    assert find_claimant("The ministry said 18 drones were downed.", context) == "Russia's defence ministry"


def test_a_differently_named_ministry_is_not_merged_with_an_earlier_one():
    context = "Russia's defence ministry said its forces had struck military targets."
    sentence = "Exports reached 4.1 million tonnes, according to the agriculture ministry."
    assert find_claimant(sentence, context) == "agriculture ministry"


def test_surname_expands_to_the_full_name_used_earlier():
    context = "A fire broke out, regional governor Oleh Kiper said."
    assert find_claimant("Two workers died, Kiper told reporters.", context) == "Oleh Kiper"


def test_it_resolves_to_an_organisation_not_a_group_of_experts():
    context = (
        "The county health department said 11 cases were confirmed. Public health experts say 95% coverage is needed."
    )
    assert find_claimant("It said 1,400 doses had been given.", context) == "county health department"


def test_possessive_pronoun_builds_the_owner():
    context = "Gov. Alan Mercer is expected to sign the bill on Friday."
    assert find_claimant("His office said the budget is balanced.", context) == "Gov. Alan Mercer's office"


def test_the_bank_resolves_to_a_bank_named_earlier_without_attribution():
    context = "The Nordmark central bank cut its main rate on Thursday."
    assert find_claimant("The bank said growth would slow.", context) == "Nordmark central bank"


def test_a_participle_after_the_subject_points_to_its_agent():
    sentence = (
        "The cuts, announced in a memo to staff from chief executive Dana Whitfield, will fall mostly on sales teams."
    )
    assert find_claimant(sentence) == "Dana Whitfield"


def test_results_published_by_a_body_are_filed_under_the_body():
    sentence = "The Alliance won 34.2% of the vote, according to preliminary results from the electoral commission."
    assert find_claimant(sentence) == "electoral commission"


def test_a_filing_or_bulletin_is_filed_under_the_body_that_issued_it():
    before = "Pellucid said on Tuesday it would cut about 1,800 jobs. "
    sentence = "Pellucid expects charges of $140 million, according to a regulatory filing."
    assert find_claimant(sentence, before) == "Pellucid"


def test_a_report_keeps_its_own_name():
    sentence = "Its cost has since risen to £241 million, according to a report presented to the transport committee."
    assert find_claimant(sentence) == "a report presented to the transport committee"


# Forms met in wire copy the finder had not seen (claims/finder/evaluation/unseen), each a fix.
@pytest.mark.parametrize(
    "sentence, claimant",
    [
        # an aside after the attribution
        (
            "Troops took the village, the Karvian defence ministry said on Tuesday, a claim Dostan dismissed.",
            "Karvian defence ministry",
        ),
        # "told Reuters" names the listener
        ("The WHO has shipped 2 million doses, its representative, Samuel Okafor, told Reuters.", "Samuel Okafor"),
        # a relative clause or a "citing" aside between speaker and verb
        (
            "The leader was arrested at an airport, a police official, who asked not to be named, said.",
            "police official",
        ),
        ("Local broadcaster RTW, citing court documents, reported that he had been paid.", "RTW"),
        # quoted as saying
        ('"More than 2 million people voted," Salnikov was quoted as saying by state news agency Mopress.', "Salnikov"),
        # a spokesperson speaks for the body
        ("The Halden port authority's spokesperson said 2% of containers were inspected.", "Halden port authority"),
        # the publication date and participle are not part of the body
        (
            "Prices rose 5.8%, according to figures from the national statistics office released on Tuesday.",
            "national statistics office",
        ),
        ("Grecu dismissed the allegations, saying the commission had received 214 complaints.", "Grecu"),
    ],
)
def test_attribution_forms_from_wire_copy(sentence, claimant):
    assert find_claimant(sentence) == claimant


def test_a_statement_from_the_office_is_filed_under_the_office_named_before():
    context = "The national prosecutor's office said 40 people were held. "
    sentence = "More than 400 officers took part, according to a statement from the office."
    assert find_claimant(sentence, context) == "national prosecutor's office"


def test_the_agency_resolves_to_a_described_agency_named_before():
    context = "After the civil protection agency reported 12 more bodies, rescuers kept digging. "
    assert find_claimant("The toll stood at 29, the agency said.", context) == "civil protection agency"


def test_the_retailer_resolves_to_the_company_the_story_is_about():
    context = "Kiyomori Holdings will close 450 stores in Japan. "
    assert find_claimant("It will cut 2,300 jobs, the retailer said.", context) == "Kiyomori Holdings"


def test_a_subordinate_clause_is_not_part_of_the_speaker():
    context = "The Karvian defence ministry said its troops took Myrnove. "
    sentence = "After the ministry announced the capture, officials said troops had advanced 4 km."
    assert find_claimant(sentence, context) != "After the ministry"


# Forms from the second unseen set (claims/finder/evaluation/unseen2).
@pytest.mark.parametrize(
    "sentence, context, claimant",
    [
        ("Side effects were rare, reported by 4%, the FDA said in a statement.", "", "FDA"),
        ("The provincial disaster office put the number of survivors at 266.", "", "provincial disaster office"),
        (
            "Regional governor Petros Alexiou gave a higher figure on state television, saying 9,000 had left.",
            "",
            "Petros Alexiou",
        ),
        ("The World Food Programme (WFP) said it had cut rations by a quarter.", "", "World Food Programme"),
        ("Public debt stood at 97.5% of GDP, according to finance ministry figures.", "", "finance ministry"),
        ("Vaccination rates fell to 88%, according to state figures.", "", "state figures"),
        ("The ferry carried 312 passengers, according to the manifest released by the coast guard.", "", "coast guard"),
        (
            "The ferry left late, a senior coast guard official told the AP on condition of anonymity.",
            "",
            "senior coast guard official",
        ),
        (
            "It said it would pay 200,000 pesos to each family.",
            "Kerrin Star Lines said the ship was seaworthy. The crew was trained, a senior coast guard official said. ",
            "Kerrin Star Lines",
        ),
        (
            "Corvalen said it had applied in Switzerland.",
            "Corvalen Biosciences won approval on Monday. ",
            "Corvalen Biosciences",
        ),
    ],
)
def test_attribution_forms_from_the_second_unseen_set(sentence, context, claimant):
    assert find_claimant(sentence, context) == claimant
