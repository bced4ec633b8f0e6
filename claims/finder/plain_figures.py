"""Plain figures read without quantulum: "76,000 people", "14 drones", "four missiles", "9%", "$412 million".

quantulum3 costs milliseconds a call, and most figures in news copy are a number
before a counted noun, where all it tells us is "dimensionless". Here a stretch of
text is read directly when every number in it is plain; as soon as anything might
be a unit quantulum knows ("2.5 metres", "12 in", "$1.87 a share"), a range
("5% to 6%"), a fraction, a compound spelled number or an unusual character, we
return None and the caller asks quantulum, so answers never differ from its own.
`tests/finder/test_plain_figures.py` checks the two agree on every story sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Reading:
    """One figure as quantulum would report it: span in the text read, value, quantulum's unit name."""

    span: tuple[int, int]
    value: float
    unit: str


NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CURRENCIES = {"$": "dollar", "£": "pound sterling", "€": "euro"}
# Words quantulum turns into numbers when they sit next to another number or a unit.
_GLUE_WORDS = {"a", "an", "and", "&", "one"}
# Typography that is never part of a figure or a unit.
_SAFE_NON_ASCII = set("“”‘’—–…\u00a0")

_NUMBER = re.compile(
    r"(?P<currency>[$£€])?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s(?P<scale>thousand|million|billion|trillion)(?![\w-]))?"
    r"(?P<percent>%|\spercent(?![\w-]))?",
    re.IGNORECASE,
)
_WORD_AFTER = re.compile(r"([A-Za-z]+)(?![\w'’\"-])")
_CLOSING = re.compile(r"[,.;:!?)”’]*(?:\s|$)")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset, dict, frozenset, dict, re.Pattern, frozenset]:
    """Built once per process from quantulum's own unit lexicon and number words."""
    from quantulum3 import load
    from quantulum3 import regex as quantulum_regex
    from quantulum3._lang.en_US.load import COMMON_WORDS

    units = load.units("en_US")
    keys = {key.lower() for key in list(units.surfaces) + list(units.symbols)}
    single = frozenset(k for k in keys if " " not in k)
    first_words: dict[str, list[str]] = {}
    for key in keys:
        if " " in key:
            first_words.setdefault(key.split()[0], []).append(key)
    number_words = frozenset(word for word in quantulum_regex.numberwords("en_US") if word)
    common = {length: {w.lower() for w in words} for length, words in COMMON_WORDS.items()}
    words = "|".join(sorted((re.escape(w) for w in number_words), key=len, reverse=True))
    number_word = re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)
    # Units sharing a surface or symbol with another unit: quantulum picks one by the words around.
    ambiguous = frozenset(
        surface.lower()
        for table in (units.symbols, units.surfaces, units.surfaces_lower, units.symbols_lower)
        for surface, candidates in table.items()
        if len(candidates) > 1
    )
    return single, first_words, number_words, common, number_word, ambiguous


def read_figures(text: str, parse: Callable[[str], list[Reading]]) -> list[Reading]:
    """quantulum's readings of `text`: plain figures read here, the rest by `parse` (quantulum) on the
    stretch between the plain figures around them, or on the whole text when in doubt."""
    if any(ord(ch) > 127 and ch not in _SAFE_NON_ASCII for ch in text):
        return parse(text)
    number_word = _lexicon()[4]
    plain: list[Reading] = []
    hard: list[tuple[int, int]] = []
    cursor = 0
    tokens = sorted(
        [(m.start(), "digit") for m in re.finditer(r"[$£€]?\d", text)]
        + [(m.start(), m.group(0).lower()) for m in number_word.finditer(text)]
    )
    for start, token in tokens:
        if start < cursor:
            continue  # inside the figure just read ("3 million")
        if token == "digit":
            reading = _digits(text, start)
        elif token in _GLUE_WORDS:
            reading = _glue(text, start, token)
        else:
            reading = _spelled(text, start, token)
        if reading is None:
            cursor = start + max(len(token), len(re.match(r"\S*", text[start:]).group(0)))
            hard.append((start, cursor))
        elif reading.span[1] > reading.span[0]:
            plain.append(reading)
            cursor = reading.span[1]
        else:
            cursor = start + len(token)
    if any(_adjacent(text, r.span, span) or _adjacent(text, span, r.span) for span in hard for r in plain):
        return parse(text)  # "$412 million, a": quantulum reads the two together
    if any(quote in text[start : start + 40] for start, _ in hard for quote in "\"'"):
        return parse(text)  # quantulum trims quote marks by pairing them across the whole text
    found = list(plain)
    ambiguous = _lexicon()[5]
    for region_start, region_end in _regions(text, hard, plain):
        parsed = parse(text[region_start:region_end])
        if any(_ambiguous(text[region_start + r.span[0] : region_start + r.span[1]], ambiguous) for r in parsed):
            return parse(text)  # "pound", "C", "ton": quantulum weighs the words around to choose
        found += [Reading((r.span[0] + region_start, r.span[1] + region_start), r.value, r.unit) for r in parsed]
    found.sort(key=lambda r: r.span)
    for first, second in zip(found, found[1:]):
        if (
            first.span[1] > second.span[0]
            or (first in plain or second in plain)
            and (text[first.span[1] : second.span[0]].strip().lower() in {"", "to", "and", "or", "but"})
        ):
            return parse(text)  # quantulum merges ranges and shares units across "5 and 6%"
    return found


def _ambiguous(surface: str, ambiguous: frozenset) -> bool:
    """Whether a unit in `surface` is one quantulum chooses by context ("C": coulomb or Celsius)."""
    words = surface.lower()
    unit_part = re.sub(r"^[^A-Za-z]*\d[\d.,]*\s*", "", words).strip()
    tokens = re.findall(r"[^\W\d_]+|[^\w\s.,]", words)
    return (
        unit_part in ambiguous
        or any(token in ambiguous for token in tokens)
        or any(name in ambiguous for name in re.findall(r"[a-z]+(?: [a-z]+)+", words))
    )


def _adjacent(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    between = text[left[1] : right[0]]
    return left[1] <= right[0] and between.strip(" ,-").lower() in {"", "to", "and", "or", "but", "&"}


def _regions(text: str, hard: list[tuple[int, int]], plain: list[Reading]) -> list[tuple[int, int]]:
    """The stretch quantulum needs around each hard figure: a few words either side, never reaching
    into a plain figure."""
    regions: list[tuple[int, int]] = []
    for start, end in hard:
        left = max([r.span[1] for r in plain if r.span[1] <= start] + [_words_back(text, start, 4)])
        right = min([r.span[0] for r in plain if r.span[0] >= end] + [_words_on(text, end, 8)])
        if regions and left <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(right, regions[-1][1]))
        else:
            regions.append((left, right))
    return regions


def _words_back(text: str, start: int, count: int) -> int:
    """Where the `count`th word before `start` begins: quantulum looks three words back ("some", "between")."""
    starts = [m.start() for m in re.finditer(r"\S+", text[:start])]
    return starts[-count] if len(starts) >= count else 0


def _words_on(text: str, end: int, count: int) -> int:
    """Where the `count`th word after `end` ends: room for a unit of up to four parts ("kilometres per hour")."""
    ends = [m.end() for m in re.finditer(r"\S+", text[end : end + 200])]
    return end + ends[count - 1] if len(ends) >= count else len(text)


def _digits(text: str, start: int) -> Reading | None:
    match = _NUMBER.match(text, start)
    if not match or match.group("currency") is None and text[start] in _CURRENCIES:
        return None
    before = text[start - 1] if start else " "
    allowed_before = ' "“' if match.group("currency") else ' "“('
    if before not in allowed_before:
        return None  # "US$5", "(£3)", "-19", "A4"
    if _words_before(text, start, 1) in (["absolute"], ["minus"], ["negative"]):
        return None
    if match.group("scale") and set(_words_before(text, start, 3)) & {"several", "couple", "some"}:
        return None  # quantulum reads "some 1.5 million" as 1.5
    end = match.end()
    if not _ends_cleanly(text, end):
        return None
    value = float(match.group("number").replace(",", ""))
    if match.group("scale"):
        value = value * SCALES[match.group("scale").lower()]
    if match.group("percent") and match.group("currency"):
        return None
    if match.group("percent"):
        unit = "percentage"
    elif match.group("currency"):
        unit = _CURRENCIES[match.group("currency")]
    else:
        unit = "dimensionless"
    return Reading((start, end), value, unit)


def _spelled(text: str, start: int, word: str) -> Reading | None:
    if word not in NUMBER_WORDS:
        return None  # "hundred", "half", "thirds", "zero", "minus": quantulum's arithmetic
    end = start + len(word)
    # "heatwaves and two ...": quantulum drops a leading "and", unless a number comes before it too.
    before = re.sub(r"(?<!\w)(?:and|&)\s+$", "", text[:start], flags=re.IGNORECASE)
    if _touches_number(before, before=True):
        return None
    if set(_words_before(text, start, 3)) & {"several", "couple", "some"}:
        return None  # quantulum leaves "some four hundred" unread
    if _touches_number(text[end:], before=False) or not _ends_cleanly(text, end):
        return None
    return Reading((start, end), float(NUMBER_WORDS[word]), "dimensionless")


def _glue(text: str, start: int, word: str) -> Reading | None:
    """ "a", "an", "one", "and" alone read as nothing; next to a number or unit, quantulum decides."""
    end = start + len(word)
    if _touches_number(text[:start], before=True) or word != "and" and _spelled_next(text[end:]):
        return None
    # quantulum never reads a number word that a digit follows ("and 14 drones").
    if not re.match(r" [$£€]?\d", text[end:]) and not _ends_cleanly(text, end):
        return None
    return Reading((start, start), 0.0, "")


def _touches_number(side: str, *, before: bool) -> bool:
    """A number or number word right next to this one, across spaces, commas and hyphens."""
    number_word = _lexicon()[4]
    if before:
        piece = re.search(r"([$£€]?[\w&.]+)[,\s-]*$", side[-40:])
        token = piece.group(1).rstrip(".") if piece else ""
    else:
        piece = re.match(r"[,\s-]*([$£€]?[\w&]+)", side)
        token = piece.group(1) if piece else ""
    return bool(token) and (bool(re.search(r"\d", token)) or bool(number_word.fullmatch(token)))


def _spelled_next(side: str) -> bool:
    """A number word follows; a digit does not count ("a 14% rise": quantulum leaves the article alone)."""
    piece = re.match(r"[,\s-]*([$£€]|[\w&]+)", side)
    return bool(piece) and (piece.group(1) in _CURRENCIES or bool(_lexicon()[4].fullmatch(piece.group(1))))


def _ends_cleanly(text: str, end: int) -> bool:
    """What follows a figure cannot be a unit: a plain word, or punctuation then a space."""
    rest = text[end:]
    if not rest:
        return True
    if rest[0] == " ":
        match = _WORD_AFTER.match(rest, 1)
        if match and match.group(1) in {"and", "in"}:
            # "7% and hires", "2.1% in October": quantulum drops the word unless a number or unit follows.
            after = _WORD_AFTER.match(rest, match.end() + 1) if rest[match.end() : match.end() + 1] == " " else None
            return bool(after) and _plain_word(after.group(1))
        if match and match.group(1).lower() in _lexicon()[1]:
            # "11 new cases" is plain; "10 New Zealand dollars" is quantulum's.
            following = rest[1:].lower()
            if any(following.startswith(key) for key in _lexicon()[1][match.group(1).lower()]):
                return False
        return bool(match) and _plain_word(match.group(1))
    return bool(_CLOSING.match(rest)) and rest[0] not in "’"


def _plain_word(word: str) -> bool:
    """True when quantulum cannot read `word` as a unit after a number."""
    single, first_words, number_words, common, _, _ = _lexicon()
    lower = word.lower()
    if lower in single or lower in number_words or lower in {"per", "times"} or "x" in lower:
        return False  # "x" is quantulum's multiplication sign, even inside a word ("20 tax")
    if word[0] in "kKMBT" and _spells_units(lower[1:], single, 3):
        return False  # "14 Mr": quantulum reads a leading k, M, B or T as thousand, million ...
    # quantulum chains unit symbols ("n" + "ew") and then drops the chain when it spells a common word.
    return lower in common.get(len(lower), ()) or not _spells_units(lower, single, 4)


def _spells_units(word: str, keys: frozenset, pieces: int) -> bool:
    if not word:
        return True
    if pieces == 0:
        return False
    return any(word[:size] in keys and _spells_units(word[size:], keys, pieces - 1) for size in range(len(word), 0, -1))


def _words_before(text: str, start: int, count: int) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z]+", text[max(0, start - 40) : start])[-count:]]
