"""Real copy: wire reports against their rewrites elsewhere, and separate reports of one event.

Each file in syndication_cases/ holds one event's reports (retold in our own words, keeping each
page's figures, names and order of facts; addresses in the README) and the pairs to judge. A
rewrite pair must end up in one group, by MinHash or by fact print; a separate pair never.
"""

import json
from pathlib import Path

from claims.fact_print import fact_print
from claims.syndication import fact_match, signature, similarity

CASES = Path(__file__).parent / "syndication_cases"

# Rewrites the fact print does not catch yet, and why (measured on the last run; the floor below
# holds the rest).
KNOWN_MISSES = {
    "turkey-syria-quake:ap~exbulletin_rewrite": "the rewrite ran a later update: only 2 figures in common (7.8, 3)",
    "uvalde:ap_governor~jowhar_spun": "the spinner merged two AP versions: 12 of 27 facts in order",
    "gansu-quake:xinhua~upi_rewrite": "UPI re-ordered the report and added figures of its own",
}


def pairs():
    for path in sorted(CASES.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        for pair in case["pairs"]:
            name = f"{path.stem}:{pair['a']}~{pair['b']}"
            a, b = case["reports"][pair["a"]]["text"], case["reports"][pair["b"]]["text"]
            yield name, pair["kind"], a, b


def grouped(a: str, b: str, settings) -> bool:
    """The two tests assign_group applies, on two texts."""
    text_alike = similarity(signature(a), signature(b)) >= settings.FACTDESK["SYNDICATION_THRESHOLD"]
    facts_alike = fact_match(fact_print(a), fact_print(b)).score >= settings.FACTDESK["SYNDICATION_FACT_THRESHOLD"]
    return text_alike or facts_alike


def test_the_cases_hold_at_least_four_real_pairs_of_each_kind():
    kinds = [kind for _, kind, _, _ in pairs()]
    assert kinds.count("rewrite") >= 4 and kinds.count("separate") >= 4


def test_no_two_separate_reports_are_grouped(settings):
    wrongly = [name for name, kind, a, b in pairs() if kind == "separate" and grouped(a, b, settings)]
    assert wrongly == []


def test_rewrites_of_a_wire_report_are_grouped_with_it(settings):
    """3 of 6 real rewrites are caught (0 by MinHash alone): a floor, with every miss named."""
    rewrites = [(name, a, b) for name, kind, a, b in pairs() if kind == "rewrite"]
    missed = [name for name, a, b in rewrites if not grouped(a, b, settings)]
    caught = len(rewrites) - len(missed)
    why = "; ".join(f"{name}: {KNOWN_MISSES.get(name, 'new miss')}" for name in missed)
    assert caught >= 3, f"{caught} of {len(rewrites)} rewrites grouped; missed {why}"
