"""Fact prints: a source's figures and names in the order it gives them.

A content farm's rewrite of a wire report changes every sentence but keeps the report's
facts – the same figures, the same people and places, in the same order – so its word
shingles miss the wire text while its fact print matches it. Two outlets reporting the same
event share the headline figure and the place names, but each brings its own quotes,
details and running order, so their prints share little beyond that. Pure functions, no
database: syndication.py stores and compares the prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .finder.plain_figures import NUMBER_WORDS, SCALES

# Enough for any news report's facts, and it keeps the stored JSON and the comparison small.
MAX_TOKENS = 100

# Number words as the finder reads them, plus the two a fact print also counts.
_SCALE = SCALES
_SPELLED = {**NUMBER_WORDS, "dozen": 12, "hundred": 100}
_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
# Abbreviations whose full stop does not end a sentence ("Gov. Greg Abbott" keeps "Greg"): dropped first.
_ABBREVIATION = re.compile(
    r"\b(Gov|Sen|Rep|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Capt|Cpl|Prof|Jr|Sr|No|Ave|Mt|Ft|Ariz|Ala|Calif|Tex|Fla|Ga|"
    r"Pa|Mass|Wash|Colo|Conn|Ill|Mich|Minn|Ore|Va|Wis)\.(?=\s)"
)
_TOKEN = re.compile(
    r"(?P<date>\b(?:" + _MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?\b)"
    r"|(?P<clock>(?<![\w.:])\d{1,2}:\d{2}(?![\d:]))"
    r"|(?P<number>(?<![\w.,:/-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d]|,\d|\.\d|st\b|nd\b|rd\b|th\b)"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion)\b)?)"
    r"|(?P<acronym>\b(?:[A-Za-z]\.){2,})"
    r"|(?P<word>[^\W\d_][\w'’-]*)"
    r"|(?P<stop>[.!?]+[\"'”’)\]]*(?=\s|$)|[—–:;“]|--|(?<![\w.,!?])\"|\s-\s|\n)"
)


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    path = Path(__file__).with_name("fact_print_words.txt")
    words = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w)


def _figure(number: str, scale: str | None) -> int | float:
    value = float(number.replace(",", "")) * (_SCALE[scale.lower()] if scale else 1)
    return int(value) if value == int(value) else round(value, 6)


def fact_print(text: str) -> list[int | float | str]:
    """The figures (as numbers) and names (lower-cased words) of a text, each at its first mention.

    A name is a capitalised word that does not open a sentence (or a clause after a dash, colon
    or quote) and is not in fact_print_words.txt; possessives lose their 's. Dates ("May 24,
    2022") are left out: every report of an event carries them.
    """
    tokens: list[int | float | str] = []
    seen: set = set()
    at_start = True
    for match in _TOKEN.finditer(_ABBREVIATION.sub(r"\1", text)):
        kind = match.lastgroup
        token: int | float | str | None = None
        if kind == "stop":
            at_start = True
            continue
        if kind == "date":
            at_start = False
            continue
        if kind == "clock":
            hours, minutes = match.group("clock").split(":")
            token = _figure(str(int(hours) + int(minutes) / 60), None)
        elif kind == "number":
            token = _figure(match.group("number").split()[0], match.group("scale"))
        elif kind == "acronym":
            # "U.S." is a name; "p.m." is not, and neither ends its sentence.
            token = match.group().replace(".", "").lower()
            if at_start or match.group().islower():
                token = None
        else:
            word = match.group("word")
            lower = word.lower()
            if lower in _SPELLED:
                token = _SPELLED[lower]
            elif word[0].isupper() and not at_start:
                name = re.sub(r"['’]s$|['’]$", "", lower)
                token = name if name not in _not_names() and len(name) > 1 else None
        at_start = False
        if token is not None and token not in seen:
            seen.add(token)
            tokens.append(token)
            if len(tokens) >= MAX_TOKENS:
                break
    return tokens


def is_figure(token) -> bool:
    return not isinstance(token, str)


@dataclass(frozen=True)
class Overlap:
    """How much of two prints is the same facts in the same order."""

    score: float  # weight of the common order / mean weight of the two prints
    matched: int  # facts in the common order
    shorter: int  # facts in the shorter print
    figures: int  # figures among the matched facts

    def describe(self) -> str:
        return f"{self.matched} of {self.shorter} figures and names in the same order"


NO_OVERLAP = Overlap(0.0, 0, 0, 0)


def overlap(a: list, b: list, *, figure_weight: float = 2.0, min_figures: int = 3) -> Overlap:
    """The longest common subsequence of two prints, a figure weighing `figure_weight` names.

    The score divides by the mean weight of the two prints, not the shorter: two outlets
    reporting one police briefing share its figures in its order, and what tells them apart
    is everything else each of them adds (measured on tests/jobs/syndication_cases/).
    Under `min_figures` shared figures in that order there is no overlap at all: names alone
    (the places and people of one event) are what separate reports share.
    """
    if not a or not b:
        return NO_OVERLAP
    common = set(a).intersection(b)
    if sum(1 for t in common if is_figure(t)) < min_figures:
        return NO_OVERLAP

    def weight(t) -> float:
        return figure_weight if is_figure(t) else 1.0

    # Facts the other print lacks cannot be in the common order: dropping them first keeps
    # the table small for the usual case (few shared facts).
    left = [t for t in a if t in common]
    right = [t for t in b if t in common]
    # Each cell: (weight, facts, figures) of the best common order of the two prefixes.
    previous = [(0.0, 0, 0)] * (len(right) + 1)
    for x in left:
        row = [(0.0, 0, 0)]
        wx, fx = weight(x), int(is_figure(x))
        for j, y in enumerate(right, start=1):
            if x == y:
                w, n, f = previous[j - 1]
                row.append((w + wx, n + 1, f + fx))
            else:
                row.append(max(previous[j], row[j - 1]))
        previous = row
    best_weight, matched, figures = previous[-1]
    if figures < min_figures:
        return NO_OVERLAP
    mean_weight = (sum(map(weight, a)) + sum(map(weight, b))) / 2
    return Overlap(round(best_weight / mean_weight, 4), matched, min(len(a), len(b)), figures)
