import pytest

from claims.finder.segment import split_clauses, split_sentences


def texts(body: str) -> list[str]:
    return [s.text for s in split_sentences(body)]


def test_abbreviations_do_not_end_sentences():
    body = "Gen. Ivan Petrov met U.S. officials. Dr. Osei said 1.5 million doses arrived at 4 a.m. on Monday."
    assert texts(body) == [
        "Gen. Ivan Petrov met U.S. officials.",
        "Dr. Osei said 1.5 million doses arrived at 4 a.m. on Monday.",
    ]


def test_quotes_stay_with_their_attribution():
    body = '"Please, do not drive into floodwater," she said. "Nobody listens."'
    assert texts(body) == ['"Please, do not drive into floodwater," she said.', '"Nobody listens."']


def test_numbers_with_commas_and_decimals_and_dashes_survive():
    body = "Prices rose 2.1% — the slowest pace since 2021 — and 76,000 people lost jobs. Officials agreed."
    assert texts(body)[0] == "Prices rose 2.1% — the slowest pace since 2021 — and 76,000 people lost jobs."


def test_paragraph_breaks_end_sentences_and_offsets_index_the_body():
    body = "KYIV (Wire) - Drones hit the port\n\nTwo workers died. Nine were hurt."
    sentences = split_sentences(body)
    assert [s.text for s in sentences] == ["Drones hit the port", "Two workers died.", "Nine were hurt."]
    assert all(body[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    "dateline",
    ["KYIV (Wire) - ", "DRAVOGRAD, Oct 20 (Wire) - ", "KEREVAN, Marenia (CPA) - ", "NEW YORK, Aug. 3 (Reuters) — "],
)
def test_a_wire_dateline_is_not_part_of_the_first_claim(dateline):
    body = dateline + "Troops took the village, the ministry said."
    first = split_sentences(body)[0]
    assert first.text == "Troops took the village, the ministry said." and first.start == len(dateline)


def test_a_sentence_opening_with_an_acronym_keeps_it():
    assert split_sentences("NATO said 40 jets took part.")[0].text == "NATO said 40 jets took part."


def test_repeated_sentences_get_their_own_offsets():
    body = "Nine died. Nine died."
    assert [s.start for s in split_sentences(body)] == [0, 11]


def clauses(sentence: str) -> list[str]:
    return [c.text for c in split_clauses(split_sentences(sentence)[0])]


def test_as_well_as_with_a_second_figure_is_a_separate_claim():
    sentence = "The ministry claimed to have destroyed 14 drones over the Kursk region, as well as 18 drones over other regions."
    assert clauses(sentence) == [
        "The ministry claimed to have destroyed 14 drones over the Kursk region",
        "18 drones over other regions.",
    ]


def test_but_with_a_new_subject_splits_and_stops_inheriting_the_speaker():
    sentence = "Gerasimov stated that the attacks had been halted, but Ukrainian forces have not been pushed back."
    pieces = split_clauses(split_sentences(sentence)[0])
    assert [c.text for c in pieces] == [
        "Gerasimov stated that the attacks had been halted",
        "Ukrainian forces have not been pushed back.",
    ]
    assert [c.inherits_attribution for c in pieces] == [True, False]


def test_which_clause_with_its_own_figure_splits():
    sentence = "The ports handle more than half of grain exports, which reached 4.1 million tonnes in August."
    assert clauses(sentence)[1] == "which reached 4.1 million tonnes in August."


def test_descriptive_which_clause_without_a_figure_stays():
    sentence = "Core inflation, which strips out food and energy, eased to 2.8% in May."
    assert clauses(sentence) == [sentence]


def test_list_of_nouns_joined_by_and_is_not_split():
    sentence = "Russian forces launched 35 drones and three cruise missiles at the port overnight."
    assert clauses(sentence) == [sentence]


def test_connectors_inside_quotes_are_ignored():
    sentence = 'She said "we lost 40 homes, as well as 12 barns" on Tuesday night.'
    assert clauses(sentence) == [sentence]


def test_clause_offsets_index_the_body():
    body = "Intro here. Rain fell for 24 hours in the valley, forcing the evacuation of roughly 600 homes."
    sentence = split_sentences(body)[1]
    for clause in split_clauses(sentence):
        assert body[clause.start : clause.end] == clause.text


def _clauses(text):
    return [c.text for c in split_clauses(split_sentences(text)[0])]


def test_and_without_a_comma_splits_when_a_new_verb_phrase_with_a_figure_follows():
    assert _clauses(
        "The fire had burned more than 14,000 acres by Monday evening and was 15% contained, officials said."
    ) == [
        "The fire had burned more than 14,000 acres by Monday evening",
        "was 15% contained, officials said.",
    ]


def test_and_without_a_comma_splits_before_another_count():
    assert _clauses("The company cut 600 jobs in January 2024 and another 900 in August.") == [
        "The company cut 600 jobs in January 2024",
        "another 900 in August.",
    ]


def test_and_without_a_comma_keeps_one_event_with_two_tallies_whole():
    assert _clauses("Two port workers were killed and nine others wounded, Kiper told reporters.") == [
        "Two port workers were killed and nine others wounded, Kiper told reporters."
    ]


def test_a_running_total_stays_with_its_new_figure():
    text = "The ministry reported 2,340 new cases in the week to Sunday, bringing the total this year to 41,900."
    assert _clauses(text) == [text]
