"""Figures and what they measure, on both sides of a match.

A figure is the claim's measure when it counts the same thing (measures.toml: the nearest
cue in its clause – "killing", "toll", "evacuated", "fled" – else the counted noun), of the
same place (a figure "in neighbouring Qinghai" is not Gansu's) and of the same time (a
figure "in 2014" or "last year" is history). Pure functions over strings.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from ..finder import parse_quantities
from ..finder.quantities import ROUND_VALUE, readable_numbers, singular
from . import measures
from .text import capitalised, countries_named, country_of, meet, places_near, stem, stems


@cache
def _events() -> list[tuple[str, re.Pattern]]:
    data = tomllib.loads(Path(__file__).with_name("measures.toml").read_text())
    cues = []
    for event, words in data["events"].items():
        pattern = "|".join(re.escape(w) + (r"\w*" if " " not in w else r"\b") for w in words)
        cues.append((event, re.compile(rf"\b(?:{pattern})", re.IGNORECASE)))
    return cues


def event_near(text: str, start: int, end: int, before: int = 70, after: int = 45) -> str:
    """The measure a figure's nearest cue names, within its clause ("" when none does). A cue
    after the figure counts at three times its distance ("toll climbs to 131 as rescue work")."""
    left = _clause_start(text, start, before)
    tail = text[end : end + after]
    stop = re.search(r"[;.\n]|,\s|\d", tail)  # a cue past a comma is the next clause's
    right = end + (stop.start() if stop else len(tail))
    found = _nearest_cue(text, left, right, start, end)
    if not found and (measures.CHANGE.search(text[max(0, start - 40) : start]) or _COPULA.search(text[left:start])):
        # "The number of people killed by the quake ... rose to 131", "The death toll ... is
        # several hundred and may be close to 1,000": the subject names it.
        found = _nearest_cue(text, _clause_start(text, start, 400), start, start, end)
    return found


# A verb that gives its subject the figure: "the toll ... is", "stands at", "may be close to".
_COPULA = re.compile(r"\b(?:is|was|are|were|be|stands? at|stood at|reached|totals?|totall?ed)\b[^.;]{0,30}$")


# Abbreviations whose full stop ends no sentence: "the Aug. 8 fire", "Gov. Green", "U.S. officials".
_ABBREVIATION = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|No|Gov|Sen|Rep|Gen|Col|Lt|Sgt|"
    r"Capt|Prof|Jr|Sr|approx|est|vs)|\b[A-Z]|\.[A-Z])$"
)


def _sentence_end(head: str) -> int:
    """Where the last sentence before a figure ended in `head` (-1: none)."""
    for match in reversed(list(re.finditer(r"\. ", head))):
        if not _ABBREVIATION.search(head[: match.start()]):
            return match.start()
    return -1


def _clause_start(text: str, start: int, reach: int) -> int:
    left = max(0, start - reach)
    head = text[left:start]
    cut = max(head.rfind(";"), _sentence_end(head), head.rfind("\n"))
    # "Besides the 278 dead, 1,100 people were injured": a cue before another figure and a
    # comma is that figure's.
    # The figure before the comma may lie past the reach ("26 people were injured, 420 houses
    # were damaged and the ground liquefied in 44 areas"): look back to the sentence's start.
    comma = head.rfind(",")
    before = head[cut + 1 : comma] if cut >= 0 else _since_sentence_start(text[max(0, left - 80) : left]) + head[:comma]
    if comma > cut and re.search(r"\d", before) and not re.fullmatch(r",\d{3}", head[comma : comma + 4]):
        cut = comma
    return left + cut + 1 if cut >= 0 else left


def _since_sentence_start(head: str) -> str:
    cut = max(head.rfind(";"), _sentence_end(head), head.rfind("\n"))
    return head[cut + 1 :]


# A number a word or two before a cue, and "and" or a comma after it: the cue is that number's
# ("179 feared dead and only two survivors"; but "a 7.7 magnitude quake killed 2,000").
_NUMBER_BEFORE = re.compile(
    r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\b)\S*"
    r"(?:\s+(?!and\b|or\b)[a-z]+){0,2}\s+$",
    re.IGNORECASE,
)
_COORDINATED = re.compile(r",|\b(?:and|while|with|but)\b", re.IGNORECASE)


def _nearest_cue(text: str, left: int, right: int, start: int, end: int) -> str:
    best: tuple[int, str] | None = None
    for event, pattern in _events():
        for match in pattern.finditer(text, left, right):
            if match.start() >= start and match.end() <= end:
                distance = -1  # the figure's own noun: "284 injured" beside "84 were killed"
            elif (
                match.end() <= start
                and _NUMBER_BEFORE.search(text, max(left, match.start() - 30), match.start())
                and _COORDINATED.search(text, match.end(), start)
            ):
                continue  # another number's noun
            else:
                distance = start - match.end() if match.end() <= start else 10 + 3 * max(0, match.start() - end)
            if best is None or distance < best[0]:
                best = (distance, event)
    return best[1] if best else ""


# Units an event cue may name: counts of people or things ("killing at least 288 passengers"
# counts deaths), shares and sums. "6.2 magnitude" near "killed" is still a magnitude, and
# "10 kilometres" deep is still a depth.
def _takes_event(unit: str, text: str) -> bool:
    if not unit or measures.is_generic(unit) or measures.measure(unit, text) in _COUNTED:
        return True
    return not _PHYSICAL.search(unit)


_PHYSICAL = re.compile(
    r"magnitude|degree|meter|metre|kilomet|mile|foot|feet|inch|gram|tonne|\bton\b|liter|litre|gallon|barrel|"
    r"second|minute|hour|\bday|week|month|year|watt|volt|hertz|byte|knot|richter|celsius|fahrenheit",
    re.IGNORECASE,
)


_COUNTED = {"person", "death", "case", "job", "vote", "square kilometer", "hectare"}


YEAR = re.compile(r"\b(?:in|since|of|during|for)\s+(?:early\s+|late\s+|mid-?)?(?P<year>19\d\d|20\d\d)\b", re.IGNORECASE)
PAST_TIME = re.compile(
    r"\b(?:last year|a year (?:earlier|ago|before)|the (?:previous|prior) year|in the same (?:period|month|quarter) "
    r"(?:of|last)|previous (?:record|high|low)|decades? ago|years? ago|in the past|"
    r"(?:previous|prior|preceding) (?:quarter|month|week)|a (?:quarter|month|week) (?:earlier|before|ago))\b",
    re.IGNORECASE,
)


def other_time(passage: str, start: int, end: int, year: int | None, claim_sentence: str = "") -> bool:
    """The figure is of another time: "in 2014", "last year", "a year earlier" – unless the
    claim names that time itself ("50,000 trees since 2020")."""
    left = max(0, start - 80)
    window = passage[left : end + 60]

    def its_own(match: re.Match) -> bool:
        # "62.59 per cent, five per cent less than in 2015": a time past another figure is that figure's.
        at, until = left + match.start(), left + match.end()
        between = passage[end:at] if at >= end else passage[until:start]
        return not (re.search(r"\d", between) or NUMBER_WORD.search(between))

    if any(its_own(m) for m in PAST_TIME.finditer(window)):
        return True
    own = {m.group("year") for m in YEAR.finditer(claim_sentence)}
    return year is not None and any(
        int(m.group("year")) < year and m.group("year") not in own and its_own(m) for m in YEAR.finditer(window)
    )


# "1,524 of the dead were children", "among those displaced are 2,500 residents": a part of
# the count, not the count – unless the part is what the claim counts ("40 of the bodies had
# been identified" for "all 11 victims have been identified").
_PART_AFTER = re.compile(
    r"\s+(?:of|among)\s+(?:the|them|those|whom|these)\b(?P<rest>(?:(?!\band\b)[^.;,]){0,60})", re.IGNORECASE
)
_PART_BEFORE = re.compile(
    r"\bamong (?:them|those|the|whom)\b[^.;,]{0,40}$"
    # "1,524 of the dead were children and 1,000 were women": the second part too.
    r"|\d[\d,.]*\s+(?:of|among)\s+(?:the|them|those|whom)\b[^.;\d]{0,50}\band\s+$",
    re.IGNORECASE,
)


def is_part(passage: str, start: int, end: int, claim_stems: frozenset[str] = frozenset()) -> bool:
    # The parser may read "1,524 of the dead" as one figure: look from the number's own end.
    after = _PART_AFTER.match(passage, _number_end(passage, start, end))
    if after:
        said = stems(after.group("rest"))
        return not measures.alike_stems(claim_stems - _COUNT_NOUNS, said - _COUNT_NOUNS)
    return bool(_PART_BEFORE.search(passage[max(0, start - 60) : start]))


# "seven more bodies", "another 50 deaths", "a further 20": an increment, not the count itself.
_INCREMENT_BEFORE = re.compile(r"\b(?:another|a further|an additional|further|additional)\s+$", re.IGNORECASE)
_INCREMENT_AFTER = re.compile(r"\s+(?:more|additional|further|new|extra)\b", re.IGNORECASE)


# A claim that is itself an increment ("another 11 people were killed") compares with one.
INCREMENT_WORDS = re.compile(r"\b(?:another|more|further|additional|new)\b", re.IGNORECASE)


def is_increment(text: str, start: int, end: int) -> bool:
    return bool(
        _INCREMENT_BEFORE.search(text[max(0, start - 20) : start])
        or _INCREMENT_AFTER.match(text, _number_end(text, start, end))
    )


def _number_end(text: str, start: int, end: int) -> int:
    """Where the number of a parsed figure ends: "1,524 of the dead" is one figure to the parser."""
    number = re.match(r"\D*?[\d.,]*\d|\D*?[^\W\d_]+", text[start:end])
    return start + number.end() if number else end


_COUNT_NOUNS = frozenset(stem(w) for nouns in measures.NOUNS_OF.values() for w in nouns)

# "killed in Gaza since Oct. 7": a running total over a longer period than the claim's event.
_SINCE = re.compile(
    r"[^,;.]{0,90}?\bsince\s+(?:the\s+)?(?:(?P<start>start|beginning|outbreak)\b|"
    r"(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})\b|(?P<day2>\d{1,2})\s+(?P<month2>[A-Z][a-z]{2,8})\b)"
)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def is_running_total(passage: str, end: int, claim_day: date | None) -> bool:
    """A figure counted "since" a day well before the claim's: the war's toll, not the strike's."""
    match = _SINCE.match(passage, end)
    if not match:
        return False
    if match.group("start"):
        return True
    month = _MONTHS.get((match.group("month") or match.group("month2"))[:3].lower())
    if not month or claim_day is None:
        return False
    try:
        since = date(claim_day.year, month, int(match.group("day") or match.group("day2")))
    except ValueError:
        return False
    if since > claim_day:
        since = since.replace(year=since.year - 1)
    return (claim_day - since).days > 3


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str
    bound: str
    text: str
    start: int
    end: int
    event: str
    as_of: date | None = None

    @property
    def measure(self) -> str:
        return self.event or measures.measure(self.unit, self.text)


@lru_cache(maxsize=50_000)
def figures_in(text: str, reference: date | None = None) -> tuple[Figure, ...]:
    readable = readable_numbers(text)
    if not re.search(r"\d", readable) and not measures_words(text):
        return ()
    try:
        parsed = parse_quantities(readable, reference_date=reference)
    except Exception:  # the parser on odd text: a passage without figures
        return ()
    return _ranges_as_one(
        _dozens(Figure(q.value, q.unit, q.bound, text[q.start : q.end], q.start, q.end, _event(text, q), q.as_of))
        for q in parsed
        if not _is_year(q.value, q.unit, text[q.start : q.end])
        and not MULTIPLIER.fullmatch(text[q.start : q.end].strip())
        and not COMPOUND.match(text, q.end)
    )


def _dozens(figure: Figure) -> Figure:
    """ "At least a dozen people": twelve of them, not one dozen."""
    if figure.unit in ("dozen", "dozens"):
        return replace(figure, value=figure.value * 12, unit="")
    return figure


def _ranges_as_one(figures) -> tuple[Figure, ...]:
    """ "100 to 300" is one estimate (about 200), not a 300 that repeats "more than 300"."""
    out: list[Figure] = []
    for figure in figures:
        if out and (out[-1].start, out[-1].end) == (figure.start, figure.end) and out[-1].value != figure.value:
            low = out.pop()
            out.append(replace(figure, value=(low.value + figure.value) / 2, bound="approx"))
        else:
            out.append(figure)
    return tuple(out)


# "a three-train crash", "a 10-member team": a number inside a modifier counts nothing.
COMPOUND = re.compile(r"-[^\W\d_]")


# "twice", "doubled", "half": ratios, not figures of a measure.
MULTIPLIER = re.compile(r"(?i)(?:twice|thrice|double[ds]?|tripled?|half|a third|a quarter|once)")


def _event(text: str, q) -> str:
    return event_near(text, q.start, q.end) if _takes_event(q.unit, text[q.start : q.end]) else ""


def measures_words(text: str) -> bool:
    return bool(NUMBER_WORD.search(text))


# Number words, and the parser's round nouns of other languages ("une trentaine de morts").
NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozens?|half|" + "|".join(ROUND_VALUE) + r")\b",
    re.IGNORECASE,
)


_BOUND_WORD = re.compile(r"(?i)(?:more than|over|at least|nearly|almost|about|around|some|roughly|up to)\b")


def _is_year(value: float, unit: str, written: str = "") -> bool:
    """2024 is a year; "2,056" or "2.056" (grouped) and "more than 2,000" are counts."""
    if re.search(r"\d[,.\s]\d{3}\b", written) or _BOUND_WORD.match(written):
        return False
    return not unit and value == int(value) and 1900 <= value <= 2100


@lru_cache(maxsize=20_000)  # a claim is read again for every source it is a candidate for
def claim_figure(text: str, sentence: str, value: float | None, unit: str, bound: str) -> Figure | None:
    """The claim's main figure, with the measure its sentence gives it ("killing at least 111
    people" counts deaths, though its noun is "people")."""
    if value is None:
        return None  # the claim's facts were read when it was made, and a person may correct them
    if unit:
        found = _stored_figure(text, sentence, value, unit, bound)
        if found:
            return found
    for where in (text, sentence):
        found = tuple(f for f in figures_in(where) if measures.same_value(f.value, value, 0.01))
        if found:
            f = found[0]
            event = f.event
            if not event and where is text and text in sentence:
                at = sentence.index(text) + f.start
                event = event_near(sentence, at, at + len(f.text))
            return Figure(value, unit or f.unit, bound or f.bound, f.text, 0, 0, event)
    return Figure(value, unit, bound or "exact", f"{value:,.10g}", 0, 0, event_near(sentence, 0, len(sentence)))


def _stored_figure(text: str, sentence: str, value: float, unit: str, bound: str) -> Figure | None:
    """A stored figure located by its digits in the sentence: no parsing needed for the cue."""
    where = sentence if text in sentence else text
    forms = {f"{value:,.10g}", f"{value:.10g}"}
    for form in sorted(forms, key=len, reverse=True):
        match = re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", where)
        if match:
            event = event_near(where, match.start(), match.end()) if _takes_event(unit, match.group(0)) else ""
            return Figure(value, unit, bound or "exact", match.group(0), 0, 0, event)
    return None


def same_measure(claim: Figure, figure: Figure, passage: str, claim_words: frozenset[str] = frozenset()) -> bool | None:
    """True: the same thing counted. False: another measure. None: cannot tell from the words."""
    claim_measure, measure_ = measures.measure(claim.unit), measures.measure(figure.unit, figure.text)
    if claim.unit and figure.unit and claim_measure != measure_ and _modifies(claim.unit, figure):
        return not (claim.event and figure.event and claim.event != figure.event)
    if claim.unit and figure.unit and claim_measure != measure_:
        if not (claim.event and claim.event == figure.event) or _SCALES & {claim_measure, measure_}:
            return False  # "percentage point" is not "percent"; "34 pupils" is not "34 drones"
    if not figure.unit and (
        claim_measure in _SCALES or (claim.unit and not claim.event and claim_measure not in measures.NOUNS_OF)
    ):
        return False  # a bare 131 is not a magnitude, a percent or a sum of money; it may be a count
    if (
        figure.unit
        and not claim.unit
        and claim.event in _EVENTS_OF_PEOPLE
        and measure_ not in _PEOPLE
        and not measures.is_generic(figure.unit)
        and not _is_cue_of(figure.unit, claim.event)
    ):
        return False  # "44 health workers" killed is a part of the toll, not the toll (but "11 heridas" is the injured)
    if claim.event and figure.event:
        return claim.event == figure.event
    if claim.event or figure.event:
        return None if measures.is_generic(claim.unit or figure.unit) else _words_agree(claim_words, passage, figure)
    nearby = measures.nouns_near(passage, max(0, figure.start - 100), figure.start, figure.end + 20)
    agrees = measures.unit_agrees(claim.unit, figure.unit, figure.text, nearby)
    if agrees and measures.is_generic(claim.unit):
        if measures.measure(claim.unit) == "person":
            return None  # counts of people are said in many words: "home to 17,000" ~ "17,000 lived in"
        return _words_agree(claim_words, passage, figure)  # "48 percent of ballots" is not "61.2 percent turnout"
    return agrees


def _modifies(claim_unit: str, figure: Figure) -> bool:
    """The claim's noun qualifies the figure's: "14 million customer profiles" counts customers."""
    noun = singular(claim_unit.lower().split()[-1])
    words = [singular(w) for w in re.findall(r"[^\W\d_]+", figure.text.lower())]
    return len(words) >= 2 and noun in words[:-1]


def _is_cue_of(noun: str, event: str) -> bool:
    """The counted noun is itself a word of the event: "heridas", "wounded", "evacuees"."""
    return any(name == event and pattern.match(noun) for name, pattern in _events())


_PEOPLE = {"person", "death", "case"}
_EVENTS_OF_PEOPLE = {"death", "injury", "missing", "displaced", "arrest", "rescue", "remaining", "case"}
# Units that are scales, not things counted: a bare number is never one of them.
_SCALES = {
    "percent",
    "percentage point",
    "US dollar",
    "euro",
    "pound sterling",
    "square kilometer",
    "hectare",
    "magnitude",
}


def _words_agree(claim_words: frozenset[str], passage: str, figure: Figure) -> bool | None:
    """None (cannot tell) when the words around the figure share one with the claim's, else False."""
    around = measures.measure_words(passage, figure.start, figure.end, stem)
    return None if measures.alike_stems(claim_words, around) else False


def place_conflict(
    passage: str,
    figure: Figure,
    claim_names: frozenset[str],
    own_places: frozenset[str] = frozenset(),
    story_names: frozenset[str] = frozenset(),
) -> str | None:
    """The place a figure is of, when the claim does not name it: "31 in neighbouring Qinghai".
    A place the story's opening names is the claim's too ("BALASORE: ... killing at least 288"),
    unless the claim's sentence names its own ("100 people died in Gansu province")."""
    for _, place in places_near(passage, figure.start, figure.end)[:1]:
        place_stems = {stem(w) for w in place.split()}
        if not claim_names or meet(place_stems, claim_names):
            return None  # "in Lebanon" of a claim about the Lebanese capital
        country = country_of(place)
        if (
            country
            and countries_named(claim_names | story_names) <= {country}
            and (capitalised(passage) - place_stems) & (claim_names | story_names)
        ):
            return None  # "the toll in Mexico ... the worst-hit communities of Guerrero" of a story
            # about Acapulco: the country its places lie in (a passage naming none of them may be
            # of a neighbouring country's outbreak)
        if own_places or not meet(place_stems, story_names):
            return place
    return None
