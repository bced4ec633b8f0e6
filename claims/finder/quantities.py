"""Quantities in news copy: value, counted noun or unit, bound and as-of date.

quantulum3 finds numbers and units; everything it gets wrong for news copy is
corrected here: it has no notion of bounds ("over", "nearly"), leaves counted
nouns as "dimensionless", reads years, dates, clock times, ages and ordinals as
quantities, and misreads a few units ("45.4C" as coulombs, "$1.87 a share" as
dollar-years, "112th" as tonne-hours).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, replace
from datetime import date

from claims.finder.dates import find_as_of
from claims.finder.plain_figures import Reading, read_figures

EXACT, AT_LEAST, AT_MOST, APPROX = "exact", "at_least", "at_most", "approx"


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    bound: str
    text: str
    start: int
    end: int
    as_of: date | None = None

    def describe(self) -> str:
        return self.text


_parser = None


def warm_up() -> None:
    """Load quantulum3 and the plain-figure lexicon once per process: the first parse takes over a second."""
    _quantulum().parse("76,000 people")
    _readings("76,000 people and 2.5 metres")


def _readings(text: str) -> list[Reading]:
    """Figures in `text`: plain ones read directly, quantulum only where a unit may be involved."""
    return read_figures(text, _quantulum_readings)


def _quantulum_readings(text: str) -> list[Reading]:
    return [Reading(tuple(parsed.span), float(parsed.value), parsed.unit.name) for parsed in _quantulum().parse(text)]


def _quantulum():
    global _parser
    if _parser is None:
        with warnings.catch_warnings():
            # The optional classifier only disambiguates rare units; news copy does without it.
            warnings.simplefilter("ignore")
            from quantulum3 import parser
        _parser = parser
    return _parser


# Bound phrases must sit right before the number ("over 76,000"), or right after it ("300 or more").
_BOUND_BEFORE = [
    (
        AT_LEAST,
        r"more than|over|at least|upwards of|in excess of|exceeding|above|no fewer than|"
        r"no less than|not less than|a minimum of|just over|well over|greater than",
    ),
    (
        AT_MOST,
        r"nearly|almost|up to|fewer than|less than|under|below|no more than|not more than|"
        r"as many as|as much as|at most|a maximum of|just under|just shy of|short of",
    ),
    (
        APPROX,
        r"about|around|roughly|approximately|some|an estimated|estimated|close to|circa|"
        r"approx\.",
    ),
]
_BOUND_BEFORE_RE = [(bound, re.compile(rf"\b(?:{words})\s*$", re.IGNORECASE)) for bound, words in _BOUND_BEFORE]
_BOUND_AFTER_RE = [
    (AT_LEAST, re.compile(r"^(?:\s+or more|\s+or above|-plus|\s+plus)\b", re.IGNORECASE)),
    (AT_MOST, re.compile(r"^(?:\s+or (?:fewer|less))\b", re.IGNORECASE)),
    (APPROX, re.compile(r"^(?:\s+or so|\s+odd)\b", re.IGNORECASE)),
]

_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b")
_CLOCK_AFTER = re.compile(r"^(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|GMT|UTC|BST|EST|CET|o'clock)\b|^:\d\d", re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"\d:\s*$")
_AGE_AFTER = re.compile(r"^-year-old|^\s*-?\s*years?[- ]old", re.IGNORECASE)
_AGE_APPOSITIVE = re.compile(r"(?:[A-Z][\w'’.-]+,\s*$|\baged\s+$)")
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b")
_DECADE_AFTER = re.compile(r"^'?s\b")
_NUMBER_LIKE = re.compile(r"\d")
_MAY_HOLD_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|billion|trillion|dozen|half|third|quarter|thirds|quarters|twice|once)\b",
    re.IGNORECASE,
)

# Vague amounts quantulum does not read at all: "several tens of", "dozens of", "tens of thousands of".
_SCALE = {
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
}
_VAGUE_RE = re.compile(
    r"\b(?:(?P<several>several|a few|a couple of)\s+)?(?P<scale>tens|dozens|scores|hundreds|thousands|millions|billions)"
    r"(?:\s+of\s+(?P<scale2>thousands|millions|billions))?\s+of\b",
    re.IGNORECASE,
)
# "Une trentaine de morts", "una decena de heridos", "uma centena de casas": about thirty, ten,
# a hundred. Left out: "cuarentena" and "quarantaine", which are mostly quarantine.
_ROUND_NOUNS = {
    10: "dizaine decena dezena decina",
    12: "douzaine docena dúzia dozzina",
    15: "quinzaine quincena quinzena quindicina",
    20: "vingtaine veintena vintena ventina",
    30: "trentaine treintena trintena trentina",
    50: "cinquantaine cincuentena cinquentena cinquantina",
    100: "centaine centenar centena centinaio",
    1000: "millier millar milhar migliaio",
}
ROUND_VALUE = {w: n for n, words in _ROUND_NOUNS.items() for w in words.split()}
_ROUND_RE = re.compile(
    r"\b(?:une|una|uma|un|um|une bonne|una buena)\s+(?P<noun>" + "|".join(ROUND_VALUE) + r")\s+(?:de|d'|di)\s*",
    re.IGNORECASE,
)
_TWICE_RE = re.compile(r"\b(?P<n>twice|thrice)\b", re.IGNORECASE)
_ONE_IN_RE = re.compile(r"\b(?P<n>one|1)\s+(?:in|out of)\s+(?:\w+)\b", re.IGNORECASE)
# quantulum skips "one": count it only before a noun ("One man died", "at least one camp").
_ONE_RE = re.compile(
    r"(?<![\w-])(?<!the )(?<!no )(?<!any )(?<!every )(?:one|a single)(?=\s+[a-z])(?!\s+of\b)", re.IGNORECASE
)

_FRACTIONS = {0.5: 50.0, 1 / 3: 100 / 3, 2 / 3: 200 / 3, 0.25: 25.0, 0.75: 75.0}
_FRACTION_WORD = re.compile(r"half|third|quarter", re.IGNORECASE)
# "half" is a share only when it is of something: "more than half of", "half the population".
_FRACTION_OF = re.compile(r"^\s+(?:of|the|a|an|their|its|his|her|our|all)\b", re.IGNORECASE)
_FRACTION_CUE = re.compile(
    r"\b(?:by|than|over|nearly|almost|about|around|roughly|some|fell|rose|cut|lost|gained)\s+$", re.IGNORECASE
)

_UNIT_NAMES = {
    "percentage": "percent",
    "per cent": "percent",  # British and South Asian copy
    "dollar": "US dollar",
    "united states dollar": "US dollar",
    "coulomb": "degree Celsius",  # "45.4C" in weather copy
    "count": "time",  # "five times more likely"
}

_NOUN_STOP = set(
    [
        "of",
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "nor",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "from",
        "with",
        "without",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "since",
        "during",
        "until",
        "within",
        "across",
        "against",
        "between",
        "among",
        "per",
        "than",
        "as",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "while",
        "if",
        "because",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "must",
        "can",
        "do",
        "does",
        "did",
        "said",
        "say",
        "says",
        "told",
        "this",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "there",
        "here",
        "already",
        "still",
        "now",
        "then",
        "also",
        "only",
        "just",
        "ever",
        "never",
        "not",
        "no",
        "so",
        "very",
        "more",
        "most",
        "less",
        "least",
        "about",
        "around",
        "ahead",
        "back",
        "away",
        "off",
        "up",
        "down",
        "out",
        "last",
        "next",
        "each",
        "every",
        "other",
        "others",
        "some",
        "such",
        "amid",
        "including",
    ]
)

_IRREGULAR_SINGULAR = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "police": "police",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "data": "data",
    "media": "media",
    "diabetes": "diabetes",
    "series": "series",
    "species": "species",
    "news": "news",
    "aircraft": "aircraft",
    "staff": "staff",
    "crises": "crisis",
    "analyses": "analysis",
    "kilometers": "kilometre",
    "meters": "metre",
}


def singular(noun: str) -> str:
    """Naive English singular for counted nouns ("missiles" -> "missile", "casualties" -> "casualty")."""
    lower = noun.lower()
    if lower in _IRREGULAR_SINGULAR:
        return _IRREGULAR_SINGULAR[lower]
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z)es$", lower):
        return lower[:-2]
    if lower.endswith("s") and not re.search(r"(?:ss|us|is)$", lower):
        return lower[:-1]
    return lower


# Small numbers in the words of Spanish, Portuguese, French, German and Italian copy. Left
# out: articles that are also "one" (un, uno, um, ein), and words that are English too
# ("once", and "sept" of "Sept. 8").
_FOREIGN_NUMBERS = {
    2: "dos dois duas deux zwei due",
    3: "tres três trois drei tre",
    4: "cuatro quatro quatre vier quattro",
    5: "cinco cinq fünf cinque",
    6: "seis sechs sei",
    7: "siete sete sieben sette",
    8: "ocho oito huit acht otto",
    9: "nueve nove neuf neun",
    10: "diez dez dix zehn dieci",
    11: "onze elf undici",
    12: "doce doze douze zwölf dodici",
}
_FOREIGN_NUMBER = re.compile(
    r"(?<![\w-])(?P<word>(?i:" + "|".join(w for words in _FOREIGN_NUMBERS.values() for w in words.split()) + r"))"
    r"(?=\s+(?P<next>[^\W\d_]))"
)
_VALUE_OF = {w: n for n, words in _FOREIGN_NUMBERS.items() for w in words.split()}


def _foreign_number_words(text: str) -> str:
    """ "Onze pessoas foram detidas" is 11 people: the word as digits, padded to its length so
    offsets hold (every word is at least as long as its digits)."""

    def digits(match: re.Match) -> str:
        word = match.group("word")
        if word[0].isupper() and match.group("next").isupper():
            return word  # "Otto Schmidt"; but "drei Tote", "Onze pessoas"
        if word.lower() == "dos" and re.search(r"[\d%]\s*$", text[: match.start()]):
            return word  # Portuguese "of the": "43,48% dos eleitores"
        return str(_VALUE_OF[word.lower()]).ljust(len(word))

    return _FOREIGN_NUMBER.sub(digits, text)


# "51,95 por ciento", "12 Prozent": the sign, padded to the words' length.
_PERCENT_WORDS = re.compile(r"(?<=\d)\s?(?:por ciento|por cento|pour cent|per cento|prozent)\b", re.IGNORECASE)


def readable_numbers(text: str) -> str:
    """Continental number formats, read as English ones (same length, so offsets hold):
    "6.408.844 votos" → 6,408,844; "51,95 %" → 51.95."""
    text = _foreign_number_words(text)
    text = _PERCENT_WORDS.sub(lambda m: "%".ljust(len(m.group(0))), text)
    text = re.sub(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,]\d)", lambda m: m.group(0).replace(".", ","), text)
    return re.sub(r"(?<=\d),(?=\d{1,2}(?!\d))", ".", text)


def parse_quantities(text: str, *, reference_date: date | None = None) -> list[Quantity]:
    """Every quantity stated in `text`, in reading order, with offsets into `text`."""
    as_of = find_as_of(text, reference_date)
    found: list[Quantity] = []
    masked = _masked_for_quantulum(text)
    for window_start, window_end in _number_windows(text):
        for reading in _readings(masked[window_start:window_end]):
            quantity = _from_reading(text, reading, offset=window_start)
            if quantity is not None:
                found.append(quantity)
    found.extend(_vague_quantities(text))
    found = [piece for quantity in _without_overlaps(found) for piece in _split_range(quantity)]
    if as_of is not None:
        found = [replace(q, as_of=as_of) for q in found]
    return sorted(found, key=lambda q: q.start)


# quantulum reads "a $48.6 billion budget" as 1 "dollar to the 4.86e+10": hide the article, keep offsets.
_ARTICLE_BEFORE_CURRENCY = re.compile(r"\b(?:a|an)\s+(?=[$£€¥])", re.IGNORECASE)
_RANGE = re.compile(
    r"^(?:between\s+)?(?P<low>[$£€]?\d[\d,.]*)(?:\s+(?:thousand|million|billion|trillion))?\s*%?\s*"
    r"(?:to|-|–|and)\s*(?P<high>[$£€]?\d[\d,.]*)",
    re.IGNORECASE,
)


# South Asian copy groups by lakhs: "1,20,000" is 120,000. Rewritten in the usual grouping,
# padded in front to keep offsets ("1,20,000" → " 120,000"); _from_reading takes the pad back.
_INDIAN_GROUPED = re.compile(r"(?<![\d,.])\d{1,2},(?:\d{2},)+\d{3}(?!\d|[.,]\d)")


def _masked_for_quantulum(text: str) -> str:
    text = _ARTICLE_BEFORE_CURRENCY.sub(lambda m: " " * len(m.group(0)), text)
    return _INDIAN_GROUPED.sub(lambda m: f"{int(m.group(0).replace(',', '')):,}".rjust(len(m.group(0))), text)


def _split_range(quantity: Quantity) -> list[Quantity]:
    """quantulum averages "5% to 6%" into 5.5; a range is a lower and an upper bound."""
    match = _RANGE.match(quantity.text)
    if not match or quantity.bound != EXACT:
        return [quantity]
    low, high = (_number(match.group(g)) for g in ("low", "high"))
    if low is None or high is None or not low < high:
        return [quantity]
    scale = quantity.value / ((low + high) / 2)  # "2 to 3 million" carries its multiplier on both ends
    return [
        replace(quantity, value=_tidy(low * scale), bound=AT_LEAST),
        replace(quantity, value=_tidy(high * scale), bound=AT_MOST),
    ]


def _number(surface: str) -> float | None:
    try:
        return float(surface.strip("$£€").replace(",", "").rstrip("."))
    except ValueError:
        return None


def _number_windows(text: str, reach: int = 45) -> list[tuple[int, int]]:
    """Stretches of text around each number, merged. quantulum's cost grows with the text it reads
    (~2 ms a sentence), and a number and its unit are never far apart."""
    windows: list[list[int]] = []
    for match in _MAY_HOLD_NUMBER.finditer(text):
        start = max(0, match.start() - reach)
        end = min(len(text), match.end() + reach)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [(start, end) for start, end in windows]


_SCALE_AFTER = re.compile(
    r"\s+(?P<scale>thousand|million|billion|trillion|"
    # Spanish, Portuguese, French, German, Italian: "8,5 millones de dispositivos", "1,6 milhão".
    r"mill(?:ones|ón|on)|milh(?:ões|ão)|millions|millionen|milliard(?:s|en|i)?|milion[ei]|mil)(?!\w)",
    re.IGNORECASE,
)
_SCALE_WORD = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mil": 1e3}
_SCALE_WORD |= dict.fromkeys("millones millón millon milhões milhão millions millionen milione milioni".split(), 1e6)
_SCALE_WORD |= dict.fromkeys("milliard milliards milliarden milliardi".split(), 1e9)
# "8.5M Windows devices": a capital M after a number is a million in headlines, never metres.
_MILLION_M = re.compile(r"\d[\d,.]*M$")
# The Indian numbering of South Asian copy: a lakh is 100,000, a crore ten million.
_INDIAN_SCALE = re.compile(r"(?P<number>\d[\d,]*(?:\.\d+)?)\s+(?P<scale>lakhs?|crores?)\b", re.IGNORECASE)
_INDIAN_SCALE_WORD = {"lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
# quantulum reads the Spanish and Portuguese thousand ("10 mil personas") as a thousandth of an inch.
_MIL = re.compile(r"\d\s+mil$", re.IGNORECASE)


_MAGNITUDE_AFTER = re.compile(r"\s*-?\s*magnitude\b", re.IGNORECASE)


def _from_reading(text: str, reading: Reading, offset: int = 0) -> Quantity | None:
    start, end = reading.span
    start, end = start + offset, end + offset
    grouped = _INDIAN_GROUPED.search(text, max(0, start - 12), end)
    if grouped and grouped.start() < start < grouped.end():
        start = grouped.start()
    surface = text[start:end]
    before, after = text[:start], text[end:]
    unit = reading.unit
    value = reading.value

    if _is_not_a_quantity(surface, before, after, value, unit):
        return None
    indian = _INDIAN_SCALE.match(text, start)
    if indian:
        # "2.5 lakh devotees", "1.47 crore voters": quantulum reads "lakh" as litres, kelvins and hours.
        value = float(indian.group("number").replace(",", "")) * _INDIAN_SCALE_WORD[indian.group("scale").lower()]
        end = indian.end()
        surface, after, unit = text[start:end], text[end:], "dimensionless"
    elif unit == "metre" and _MILLION_M.search(surface):
        value, unit = value * 1e6, "dimensionless"
    elif _MIL.search(surface):
        value, unit = value * 1e3, "dimensionless"
    # quantulum drops the scale after "some": "some 4.5 million people" is read as 4.5.
    scale = _SCALE_AFTER.match(after)
    if scale and re.fullmatch(r"[\d,.]+", surface.strip()):
        value *= _SCALE_WORD[scale.group("scale").lower()]
        end += scale.end()
        surface, after = text[start:end], text[end:]

    # quantulum folds the article in "$1.87 a share" or "10 a.m." into a per-year unit.
    if re.search(r"\s(?:a|an)$", surface) and unit != "year":
        end = start + len(surface) - len(surface.split()[-1]) - 1
        surface = text[start:end]
        unit = unit.split(" ")[0]
    if unit.startswith("dollar"):
        unit = "dollar"
    if surface.lower() in {"a year", "a month", "a week", "a day", "an hour", "a decade"}:
        # An article is a quantity only in "a year later"; in "4.5 million a year" it is a rate.
        if not re.match(r"^\s+(?:later|earlier|ago|after|before|late|early)\b", after):
            return None
    if unit in {"dimensionless", "count"} and _FRACTION_WORD.search(surface):
        if after.startswith("-") or re.search(r"\b(?:first|second|the other)\s+$", before, re.IGNORECASE):
            return None  # "half-time", "the first half"
        if not (_FRACTION_OF.match(after) or _FRACTION_CUE.search(before)):
            return None
        value, unit = _as_percent(value), "percent"
    elif unit == "percentage" and re.match(r"^\s*points?\b", after):
        point = re.match(r"^\s*points?\b", after)
        end += point.end()
        unit = "percentage point"
    elif unit == "percentage" and re.search(r"percentage$", surface):
        unit = "percentage point" if re.match(r"^\s*points?\b", after) else "percent"
    elif unit == "coulomb" and not re.search(r"\bcoulombs?\b", surface, re.IGNORECASE):
        unit = "degree Celsius"
    elif unit == "dimensionless" and re.search(
        r"\bmagnitude?(?:\s+(?:of|at|was|is|as|de))?\s*$", before, re.IGNORECASE
    ):
        unit = "magnitude"

    magnitude_after = _MAGNITUDE_AFTER.match(text, end)
    if unit in {"dimensionless", ""} and magnitude_after:
        unit, end = "magnitude", magnitude_after.end()  # "the 7.7 magnitude quake", "a 5.6-magnitude earthquake"

    unit = _UNIT_NAMES.get(unit, unit)
    # "150 plus houses", "300 or more people": the bound sits between the number and the noun it counts.
    bound_after = next((b for b, pattern in _BOUND_AFTER_RE if pattern.match(text[end:])), None)
    if unit in {"dimensionless", ""}:
        unit, end = _counted_noun(text, end, plural=value != 1)
    value = _tidy(value)

    bound, start, end = _bound(text, start, end)
    if bound == EXACT and bound_after:
        bound = bound_after
    return Quantity(value=value, unit=unit, bound=bound, text=text[start:end], start=start, end=end)


def _is_not_a_quantity(surface: str, before: str, after: str, value: float, unit: str) -> bool:
    digits_only = re.fullmatch(r"\d{4}", surface.strip())
    if (
        unit == "dimensionless"
        and re.search(r"\b(?:1[89]|20)\d\d\b(?!,)", surface)
        and not re.search(r"\d,\d", surface)
    ):
        return True  # years, or quantulum's average of "between 2022 and 2023"
    if digits_only and 1800 <= value <= 2100 and unit in {"dimensionless", "year"}:
        return True  # a year: "since 2022", "in 1999"
    if _DECADE_AFTER.match(after) and digits_only:
        return True  # "the 1990s"
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True  # "Aug. 12", "12 August"
    if _CLOCK_AFTER.match(after) or _CLOCK_BEFORE.search(before):
        return True  # "4:12 a.m."
    if unit == "year" and re.search(r"\d\s*a$", surface) and re.match(r"^\.?m\.?", after):
        return True  # quantulum reads "10 a.m." as ten years
    if (
        _AGE_AFTER.match(after)
        or re.match(r"^-old\b", after)
        or (_AGE_APPOSITIVE.search(before) and re.match(r"^\s*[,)]", after))
    ):
        return True  # "a 62-year-old", "Frost, 54, ..." and "aged 71"
    if _ORDINAL_AFTER.match(after) or re.search(r"\d(?:st|nd|rd|th)$", surface):
        return True  # "112th minute"
    if re.search(r"(?:^|[\d\s])(?:st|nd|rd|th)$", surface) and _NUMBER_LIKE.search(surface):
        return True  # "21 st", not "150,000 a month"
    if re.search(
        r"\b(?:type|level|category|phase|grade|article|section|chapter|no\.|number)\s*$", before, re.IGNORECASE
    ):
        return True  # labels, not amounts: "type 2 diabetes", "Article 5"
    if re.match(r"^-(?:\d|time|year|term|week|day|hour)", after) and unit in {"dimensionless"}:
        return True
    return False


def _as_percent(value: float) -> float:
    for fraction, percent in _FRACTIONS.items():
        if abs(value - fraction) < 1e-6:
            return percent
    return value * 100


def _tidy(value: float) -> float:
    rounded = round(value, 6)
    return float(round(rounded)) if abs(rounded - round(rounded)) < 1e-6 else rounded


# Letters of any language: "212 víctimas", "4 000 blessés" count victims and the injured.
# A word, or a brand that opens with digits ("14,000 23andMe accounts", "3M workers").
_WORD_AFTER = re.compile(r"^\s+((?:\d+(?=[^\W\d_]*[A-Z]))?[^\W\d_](?:[^\W\d_]|['’-])*)")


_PLURAL_WITHOUT_S = {
    "people",
    "men",
    "women",
    "children",
    "police",
    "aircraft",
    "staff",
    "troops",
    "cattle",
    "sheep",
    "fish",
    "personnel",
    "feet",
}


def _looks_plural(word: str) -> bool:
    lower = word.lower()
    return lower in _PLURAL_WITHOUT_S or (
        lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 2
    )


def _counted_noun(text: str, end: int, plural: bool = True) -> tuple[str, int]:
    """The noun a bare number counts: "14 Ukrainian drones" -> "drone"; "31 of the drones" too."""
    cursor = end
    of_phrase = re.match(r"^\s+of\s+(?:the|them|those|these|their|its|our)?\s*(?:\d[\d,.]*\s+)?", text[cursor:])
    if of_phrase:
        cursor += of_phrase.end() - 1  # keep one space before the next word
    words: list[tuple[str, int]] = []
    while len(words) < 5:
        match = _WORD_AFTER.match(text[cursor:])
        if not match:
            break
        word = match.group(1)
        if word.lower() in _NOUN_STOP or word.lower().endswith("ly"):
            break
        cursor += match.end()
        words.append((word, cursor))
    # After a plural number the first plural noun ends the phrase: "5,000 homes lost power" counts homes.
    if plural:
        for index, (word, word_end) in enumerate(words):
            following = words[index + 1][0] if index + 1 < len(words) else ""
            if not word[0].islower() and following[:1].islower() and _looks_plural(following):
                continue  # a name before the noun: "8.5 million Windows devices" counts devices
            if _looks_plural(word):
                words = words[: index + 1]
                break
    # A trailing participle is the verb, not the noun: "nine others wounded".
    while words and re.search(r"(?:ed|ing)$", words[-1][0]) and len(words) > 1:
        words.pop()
    if (
        not words
        or re.search(r"(?:ed|ing)$", words[-1][0])
        and len(words) == 1
        and words[0][0].lower() not in {"wounded", "injured", "dead"}
    ):
        return "", end
    head, head_end = words[-1]
    if head.lower() in {"others", "other", "more", "them"}:
        return "", end
    return singular(head), head_end


def _bound(text: str, start: int, end: int) -> tuple[str, int, int]:
    before = text[:start]
    for bound, pattern in _BOUND_BEFORE_RE:
        match = pattern.search(before)
        if match:
            return bound, match.start(), end
    after = text[end:]
    for bound, pattern in _BOUND_AFTER_RE:
        match = pattern.match(after)
        if match:
            return bound, start, end + match.end()
    return EXACT, start, end


def _vague_quantities(text: str) -> list[Quantity]:
    found = []
    for match in _VAGUE_RE.finditer(text):
        scale = _SCALE[match.group("scale").lower()]
        if match.group("scale2"):
            scale *= _SCALE[match.group("scale2").lower()]
        # "several tens" reads as about three tens; a bare plural ("hundreds of") means at least two.
        value, bound = (3 * scale, APPROX) if match.group("several") else (2 * scale, AT_LEAST)
        unit, end = _unit_after(text, match.end())
        found.append(Quantity(float(value), unit, bound, text[match.start() : end], match.start(), end))
    for match in _ROUND_RE.finditer(text):
        # "d'habitants": the elided article read as a space (same length, so offsets hold).
        spaced = text[: match.end() - 1] + " " + text[match.end() :] if text[match.end() - 1] in "'’" else text
        unit, end = _counted_noun(spaced, match.end() - 1)
        value = float(ROUND_VALUE[match.group("noun").lower()])
        found.append(Quantity(value, unit, APPROX, text[match.start() : end], match.start(), end))
    for match in _TWICE_RE.finditer(text):
        value = 2.0 if match.group("n").lower() == "twice" else 3.0
        found.append(Quantity(value, "time", EXACT, match.group(0), match.start(), match.end()))
    for match in _ONE_RE.finditer(text):
        unit, end = _counted_noun(text, match.end(), plural=False)
        if unit:
            bound, start, end = _bound(text, match.start(), end)
            found.append(Quantity(1.0, unit, bound, text[start:end], start, end))
    for match in _ONE_IN_RE.finditer(text):
        bound, start, end = _bound(text, match.start(), match.end())
        unit, _ = _counted_noun(text, match.end())
        found.append(Quantity(1.0, "", bound, text[start:end], start, end))
    return found


def _unit_after(text: str, end: int) -> tuple[str, int]:
    """Unit or counted noun after "several tens of": reuse quantulum on a stand-in number."""
    tail = text[end : end + 40]
    parsed = _readings("2" + tail)
    if parsed and parsed[0].span[0] == 0 and parsed[0].unit not in {"dimensionless", "count"}:
        unit = _UNIT_NAMES.get(parsed[0].unit, parsed[0].unit)
        return unit, end + parsed[0].span[1] - 1
    return _counted_noun(text, end)


def _without_overlaps(quantities: list[Quantity]) -> list[Quantity]:
    """Keep the longer reading where two readings cover the same words."""
    kept: list[Quantity] = []
    for quantity in sorted(quantities, key=lambda q: (q.start, -(q.end - q.start))):
        if kept and quantity.start < kept[-1].end:
            if (quantity.end - quantity.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = quantity
            continue
        kept.append(quantity)
    return kept
