"""Words, stems and names: the lexical side of the matcher. Pure functions over strings."""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
# Capitalised words that open clauses or name no place or party.
_NOT_NAMES = frozenset("The A An In On At Of For And But Or As It Its This That These Those He She They We I".split())


@cache
def stopwords() -> frozenset[str]:
    lines = (Path(__file__).with_name("stopwords.txt")).read_text().splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=131_072)
def stem(word: str) -> str:
    """A crude stem: lower case, no accents, no plural or possessive, cut to six letters
    ("evacuated" ≈ "evacuations"; "Venâncio" of a Portuguese report ≈ "Venancio")."""
    word = word.lower().replace("’", "'").split("'")[0].strip("-")
    if not word.isascii():
        word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:6]


def content_words(text: str) -> list[str]:
    stop = stopwords()
    return [w for w in _WORD.findall(text) if len(w) > 2 and w.lower() not in stop]


@lru_cache(maxsize=65_536)  # the same claim sentences and passages are read source after source
def stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(text))


# Capitalised words that name a kind of body or place, not which one: two stories about
# different events share "Ministry", "State" or "Health" as often as not.
_GENERIC_NAMES = frozenset(
    stem(w)
    for w in """
    State States United Nations National International Federal Republic Ministry Minister Ministers
    Department Office Agency Authority Authorities Government Council Committee Commission Bureau
    Service Services Institute Organisation Organization Health Disaster Disasters Emergency Information
    Interior Defence Defense Police Army Military Forces Force Security President Prime Chancellor
    Secretary General Governor Mayor Spokesman Spokeswoman Spokesperson Red Cross Crescent Society
    World Bank News Press Associated Agence Times Post Television Radio Media Airport City Hall County
    District Province Provincial Region Regional North South East West Northern Southern Eastern Western
    Central New Great Saint Mr Mrs Ms Dr Sir Lord Islamic Party Democratic Union European Africa Asia
    America Americas Europe Middle Statistics Statistical Census Labor Labour Economic Economy
    Geological Survey Seismological Meteorological Observatory Centre Center Relief Management Rescue
    Hospital Admiral Rear General Reuters AFP CNN BBC Jazeera Al-Jazeera Bloomberg Guardian
    Assembly Parliament Senate Congress Election Elections Court Supreme
    """.split()
)


def anchors(names: frozenset[str], text: str = "") -> frozenset[str]:
    """The names that tell one event from another ("Gansu", "Derna"), not "Ministry" or "State",
    nor a first name `text` only gives before a surname ("Donald" of Donald Trump and Donald Tusk)."""
    return names - _GENERIC_NAMES - first_names(text)


_NAME_PAIR = re.compile(r"\b([A-Z][\w'’-]*)\s+(?=([A-Z][\w'’-]*))")
_NAME_ALONE = re.compile(r"\b([A-Z][\w'’-]*)(?!\s+[A-Z])")


@lru_cache(maxsize=4096)
def first_names(text: str) -> frozenset[str]:
    """Stems of capitalised words that only ever come before another distinctive name."""
    before, alone = set(), set()
    for match in _NAME_PAIR.finditer(text):
        if stem(match.group(2)) not in _GENERIC_NAMES:
            before.add(stem(match.group(1)))
    for match in _NAME_ALONE.finditer(text):
        alone.add(stem(match.group(1)))
    return frozenset(before - alone)


def _cased_brand(word: str) -> bool:
    """A name written in lower case with capitals inside: "iPhone", "eBay", the "andMe" of 23andMe."""
    return word[0].islower() and not word.islower()


def alike_names(a: str, b: str) -> bool:
    """Two stems of one place or people: "Lebanon" and "Lebanese", "Italy" and "Italian", "China"
    and "Chinese" differ only in an ending of at most two letters after a shared opening of five
    (four for a short name), so "Kharkiv" is not "Khartoum"."""
    if a == b:
        return True
    shared = len(os.path.commonprefix([a, b]))
    needed = 4 if min(len(a), len(b)) <= 5 else 5
    return shared >= needed and len(a) - shared <= 2 and len(b) - shared <= 2


def meet(names: set[str] | frozenset[str], others: set[str] | frozenset[str]) -> bool:
    """Whether any of `names` is alike one of `others` (a few words each: a place, a claim's names)."""
    return bool(names & others) or any(alike_names(a, b) for a in names for b in others)


# The languages of the copy the desk reads: country names as each writes them ("Liban", "Messico").
_COUNTRY_LANGUAGES = ("en", "es", "fr", "de", "it", "pt")


@cache
def _countries() -> dict[tuple[str, ...], str]:
    """Country names (as stems, word by word) to their ISO code, from CLDR via Babel."""
    from babel import Locale

    found: dict[tuple[str, ...], str] = {}
    for language in _COUNTRY_LANGUAGES:
        for code, name in Locale(language).territories.items():
            if len(code) == 2 and code.isalpha():  # countries, not "World" or "Latin America"
                found[tuple(stem(w) for w in _WORD.findall(name))] = code
    return found


@lru_cache(maxsize=4096)
def country_of(place: str) -> str | None:
    """ "Mexico", "Messico", "the United States" → "MX", "MX", "US"; a city or a province → None."""
    words = [w for w in _WORD.findall(place) if w.lower() not in {"the", "la", "le", "el", "der"}]
    return _countries().get(tuple(stem(w) for w in words))


@cache
def _country_words() -> dict[str, str]:
    """One-word country names as stems, in every language read, to their code ("brasil" → BR)."""
    return {key[0]: code for key, code in _countries().items() if len(key) == 1}


def as_countries(names: frozenset[str]) -> frozenset[str]:
    """The country codes of those names that are one-word country names: "Brazil" and the
    "Brasil" of a Portuguese report are one place."""
    words = _country_words()
    return frozenset(words[n] for n in names if n in words)


@lru_cache(maxsize=4096)
def countries_named(story_names: frozenset[str]) -> frozenset[str]:
    """The countries a story names (its names as stems; "Lebanese" names Lebanon, but a short
    name only itself: "Icela" of Rosa Icela Rodríguez is no Iceland)."""

    def named(part: str) -> bool:
        return part in story_names or (
            len(part) == 6 and any(len(name) == 6 and alike_names(part, name) for name in story_names)
        )

    return frozenset(code for key, code in _countries().items() if all(named(part) for part in key))


def capitalised(text: str) -> frozenset[str]:
    """Stems of every capitalised word, sentence openers too: a name, not the word ("Survey" of
    the U.S. Geological Survey is no "survey" of the damage)."""
    return frozenset(stem(w) for w in _WORD.findall(text) if w[0].isupper() or _cased_brand(w))


def names(text: str) -> frozenset[str]:
    """Stems of the proper names in a text (capitalised words not opening a sentence): places,
    parties, bodies. "Gansu", "Xinhua", "Kursk"."""
    found = set()
    for sentence in re.split(r"(?<=[.!?:\n])\s+", text):
        words = _WORD.findall(sentence)
        # A dateline's place opens its sentence: "BALASORE, June 4 -", "Kyiv, Ukraine (AP) -".
        dateline = re.match(r"\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s*[,:(]", sentence)
        for word in words if dateline else words[1:]:
            bare = re.sub(r"['’]s$", "", word)  # "Tuesday's"
            if word[0].isupper() and bare not in _CALENDAR and bare not in _NOT_NAMES and len(bare) > 2:
                found.add(stem(word))
        found.update(stem(w) for w in words if _cased_brand(w) and len(w) > 2)  # opening a sentence too
    return frozenset(found)


# A place named by a locative phrase: "in neighbouring Qinghai", "from the Kursk region".
PLACE = re.compile(
    r"\b(?:in|at|near|across|from|of|outside|inside|"
    # ... and in Spanish, Portuguese, French, German and Italian copy: "212 víctimas en Valencia".
    r"en|em|no|na|dans|im|nel|nella|nello|bei)\s+(?:the\s+|la\s+|le\s+|el\s+|der\s+|den\s+|dem\s+)?"
    r"(?:(?:neighbou?ring|nearby|northern|southern|eastern|western|central|north-?\w*|south-?\w*|"
    r"eastern|western|coastal|border|capital|city|province|state|region|district)\s+){0,2}"
    r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)


# Where the sentence itself says its figure is: "in Gansu province", "at Bahanaga".
_LOCATIVE = re.compile(r"\b(?:in|at|near|inside|outside)\s+(?:the\s+)?(?P<place>[A-Z][\w'’-]+)")


def own_places(sentence: str) -> frozenset[str]:
    return frozenset(
        stem(m.group("place")) for m in _LOCATIVE.finditer(sentence) if m.group("place") not in _CALENDAR | _NOT_NAMES
    )


def named_near(passage: str, start: int, claim_names: frozenset[str], reach: int = 60) -> bool:
    """One of the claim's names just before a figure, in its clause: "reaching Gansu, where 113 people died"."""
    head = passage[max(0, start - reach) : start]
    head = head[max(head.rfind(";"), head.rfind(". ")) + 1 :]
    return any(stem(w) in claim_names for w in _WORD.findall(head) if w[0].isupper())


def names_around(passage: str, start: int, end: int, wanted: frozenset[str], reach: int = 50) -> bool:
    """One of `wanted` names in a figure's clause, before or after it: "60 Jordanians",
    "two in Castilla-La Mancha", "in Valencia alone, 92"."""
    head = passage[max(0, start - reach) : start]
    head = head[max(head.rfind(";"), head.rfind(". "), head.rfind(",")) + 1 :]
    tail = passage[end : end + reach]
    tail = re.split(r"[;,]|\. |\d", tail, maxsplit=1)[0]
    return any(stem(w) in wanted for w in _WORD.findall(f"{head} {passage[start:end]} {tail}") if w[0].isupper())


def places_near(passage: str, start: int, end: int, reach: int = 70) -> list[tuple[int, str]]:
    """(distance, place) for the places named within `reach` characters of a figure, in its
    clause: "31 in neighbouring Qinghai" names Qinghai for 31."""
    found = []
    left = max(0, start - reach)
    for match in PLACE.finditer(passage, left, min(len(passage), end + reach)):
        between = passage[end : match.start()] if match.start() >= end else passage[match.end() : start]
        if re.search(r"[;]|\d", between):
            continue  # another clause or another figure in between: that place is theirs
        distance = match.start() - end if match.start() >= end else start - match.end()
        place = match.group("place")
        if re.split(r"['’]", place.split()[0])[0] in _CALENDAR:  # "in Friday's crash"
            continue
        if all(stem(w) in _GENERIC_NAMES for w in place.split()):
            continue  # "in the Assembly elections", "in the Senate": a body, not a place
        found.append((max(0, distance), place))
    return sorted(found)
