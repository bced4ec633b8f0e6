"""The names one claimant goes by, reduced to a key so that the desk keeps one claimant per body.

Pure functions (no Django). `name_key` maps "Russia's defense ministry", "the Russian Defence Ministry" and
"Ministry of Defence of Russia" to one key; "TASS", "Russia's TASS state news agency" and "TASS news agency" to
another; it keeps different bodies apart ("Russian ..." / "Ukrainian defence ministry", "UN refugee agency" /
"UN children's agency"). `split_acronym` separates "the UN refugee agency (UNHCR)" into its two names.
The word lists are in claimant_names.json.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

_WORDS = json.loads((Path(__file__).with_name("claimant_names.json")).read_text())
_COUNTRIES: dict[str, str] = _WORDS["countries"]
_COUNTRY_NAMES = set(_COUNTRIES.values())
_SPELLINGS: dict[str, str] = _WORDS["spellings"]
_DESCRIPTORS: list[str] = sorted(_WORDS["descriptors"], key=len, reverse=True)
_SUFFIXES = set(_WORDS["company_suffixes"])


def _phrase_pattern(phrases) -> re.Pattern:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w])")


_COUNTRY_RE = _phrase_pattern(_COUNTRIES)
_SPELLING_RE = _phrase_pattern(_SPELLINGS)
_DESCRIPTOR_ALTERNATIVES = "|".join(re.escape(d) for d in _DESCRIPTORS)
# Only at either end: "state broadcaster CCTV", "TASS news agency"; never inside a name ("Daily Mail").
_DESCRIPTOR_RE = re.compile(rf"^(?:(?:{_DESCRIPTOR_ALTERNATIVES})\s+)+|(?:\s+(?:{_DESCRIPTOR_ALTERNATIVES}))+$")
_ACRONYM = re.compile(r"^(?P<name>.*?\S)\s*\((?P<acronym>[A-Z][A-Za-z.&-]{1,11})\)$")


def split_acronym(name: str) -> tuple[str, str | None]:
    """ "the UN refugee agency (UNHCR)" -> ("the UN refugee agency", "UNHCR"); other names come back whole."""
    name = " ".join(name.split())
    match = _ACRONYM.match(name)
    if not match:
        return name, None
    return match.group("name"), match.group("acronym")


def name_key(name: str) -> str:
    """The comparison key of a claimant name ("" for a name with no words)."""
    text = unicodedata.normalize("NFKC", name or "").replace("’", "'").replace("‘", "'")
    text = split_acronym(text)[0].lower()
    text = re.sub(r"'s\b|s'(?=\s|$)", "", text)  # "Russia's" -> "russia", "the Kremlin's"
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    text = re.sub(r"^the\s+", "", text)
    for _ in range(2):  # "ministry of defence" -> "ministry of defense" -> "defense ministry"
        text = _SPELLING_RE.sub(lambda m: _SPELLINGS[m.group(0)], text)
    text = _COUNTRY_RE.sub(lambda m: _COUNTRIES[m.group(0)], text)
    described = _DESCRIPTOR_RE.sub(" ", text).strip()
    if described.strip():
        if described != text:
            # "Russia's TASS state news agency" is TASS: a country named only to describe an outlet goes too.
            words = described.split()
            if len(words) > 1 and words[0] in _COUNTRY_NAMES:
                described = " ".join(words[1:])
        text = described
    # "defense ministry of russia", "government of armenia" -> "russia defense ministry", "armenia government"
    of_country = re.fullmatch(r"(?P<body>.+?) of (?:the )?(?P<country>[a-z ]+)", text)
    if of_country and of_country.group("country") in _COUNTRY_NAMES:
        text = f"{of_country.group('country')} {of_country.group('body')}"
    tokens = re.findall(r"[a-z0-9]+(?:[.&-][a-z0-9]+)*", text)
    while len(tokens) > 1 and tokens[-1] in {s.rstrip(".") for s in _SUFFIXES}:
        tokens.pop()  # "Microsoft Corp" is Microsoft
    return " ".join(tokens)


def is_country(name: str) -> bool:
    """ "Pakistan", "the United Kingdom", "Pakistani": a country the word lists know."""
    lower = re.sub(r"^the\s+", "", name.strip().lower())
    return lower in _COUNTRY_NAMES or lower in _COUNTRIES


def search_words(key: str) -> list[str]:
    """Spellings of the key's most telling word, for narrowing the database search before comparing keys."""
    tokens = sorted(key.split(), key=len, reverse=True)
    if not tokens:
        return []
    word = tokens[0]
    variants = {word}
    variants |= {raw for raw, norm in _SPELLINGS.items() if norm == word and " " not in raw}
    variants |= {raw for raw, norm in _COUNTRIES.items() if norm == word and " " not in raw}
    return sorted(variants)
