"""Plain figures read without quantulum must read exactly as quantulum reads them."""

import json
from pathlib import Path

import pytest

from claims.finder.plain_figures import read_figures
from claims.finder.quantities import _masked_for_quantulum, _number_windows, _quantulum_readings
from claims.finder.segment import split_sentences

STORIES = sorted((Path(__file__).parents[2] / "claims" / "finder" / "evaluation").rglob("*.json"))

TRICKY = [
    "76,000 people were evacuated",
    "four missiles hit",
    "$412 million, or $1.87 a share",
    "£3.2 billion",
    "a year later",
    "twenty-one boats",
    "two hundred homes",
    "half of the",
    "5 per cent",
    "10 times",
    "12 in 2022",
    "Covid-19 cases",
    "the 1990s",
    "rose 2.1% in October from",
    "7% and hires 300",
    "some 1.5 million people",
    "they said 14 Mr were there",
    "about twenty tax.",
    "nine In were there",
    "5% to 6%",
    "between 2022 and 2023",
    "at 4:12 a.m.",
    'She said "we lost 40 homes, as well as 12 barns" on Tuesday.',
    "45.4C was set",
    "150 new stores",
    "2,000 tonnes of sunflower oil",
    "$1,000 a month",
    "a $48.6 billion budget",
]


def windows():
    for path in STORIES:
        for sentence in split_sentences(json.loads(path.read_text())["body"]):
            masked = _masked_for_quantulum(sentence.text)
            yield from (masked[start:end] for start, end in _number_windows(sentence.text))


@pytest.mark.parametrize("text", TRICKY)
def test_it_reads_tricky_phrases_as_quantulum_does(text):
    assert read_figures(text, _quantulum_readings) == _quantulum_readings(text)


def test_it_reads_every_story_sentence_as_quantulum_does():
    disagreements = [t for t in windows() if read_figures(t, _quantulum_readings) != _quantulum_readings(t)]
    assert disagreements == []


def test_it_asks_quantulum_only_where_a_unit_may_follow():
    asked = []

    def parse(text):
        asked.append(text)
        return _quantulum_readings(text)

    readings = read_figures("Officials said 76,000 people fled and 14 drones were downed.", parse)
    assert [(r.value, r.unit) for r in readings] == [(76000.0, "dimensionless"), (14.0, "dimensionless")]
    assert asked == []
