"""Figures as a desk reads them: "at least 76,000 people", not "at least 76000.0 person".

The claim finder stores a quantity's unit in the singular ("person", "metre", "kilometre per
hour"), as quantulum3 names it; these plain functions put the number in thousands and the
unit in the plural it takes. Used by the templates (claims.templatetags.figures) and charts.
"""

from __future__ import annotations

import math

# Plurals English does not make by adding -s; and units that never change.
IRREGULAR = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "foot": "feet",
    "tooth": "teeth",
    "mouse": "mice",
    "life": "lives",
    "knife": "knives",
    "wife": "wives",
    "thief": "thieves",
    "leaf": "leaves",
    "half": "halves",
    "calf": "calves",
    "shelf": "shelves",
    "wolf": "wolves",
    "criterion": "criteria",
    "phenomenon": "phenomena",
    "datum": "data",
}
INVARIANT = {
    "percent",
    "per cent",
    "%",
    "sheep",
    "fish",
    "deer",
    "aircraft",
    "hertz",
    "lux",
    "siemens",
    "celsius",
    "fahrenheit",
    "kelvin",
    "yen",
    "yuan",
    "renminbi",
    "baht",
    "won",
    "rand",
    "personnel",
    "staff",
    "police",
    "livestock",
    "cattle",
}
BOUND_WORDS = {"at_least": "at least", "at_most": "at most", "approx": "about"}


def number_text(value: float | int | None) -> str:
    """76000.0 → "76,000"; 6.25 → "6.25"; 1234.5678 → "1,234.57" (at most two decimals)."""
    if value is None:
        return ""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def plural_word(word: str) -> str:
    lower = word.lower()
    if lower in IRREGULAR:
        plural = IRREGULAR[lower]
        return plural.capitalize() if word[:1].isupper() else plural
    if lower in INVARIANT or lower in IRREGULAR.values() or not word[-1:].isalpha():
        return word
    if lower.endswith(("ss", "sh", "ch", "x", "z")):
        return word + "es"
    if lower.endswith("s"):  # already plural ("homes", "drones") or Latin-ish: leave it
        return word
    if lower.endswith("y") and lower[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def plural_unit(unit: str) -> str:
    """The unit for a count other than one: the counted noun takes the plural.

    "kilometre per hour" → "kilometres per hour", "degree Celsius" → "degrees Celsius",
    "US dollar" → "US dollars", "person" → "people".
    """
    unit = " ".join(unit.split())
    if not unit or unit.lower() in INVARIANT:
        return unit
    head, sep, tail = unit.partition(" per ")
    words = head.split(" ")
    # "degree Celsius", "square metre": the noun is first in the one, last in the other.
    at = 0 if words[0].lower() == "degree" else len(words) - 1
    words[at] = plural_word(words[at])
    return " ".join(words) + sep + tail


def figure_text(value: float | int | None, unit: str = "", bound: str = "") -> str:
    """A tracked figure as a sentence fragment: "at least 76,000 people", "6.2 metres", "1 person"."""
    if value is None:
        return ""
    number = number_text(value)
    unit = (unit or "").strip()
    if unit and float(value) not in (1.0, -1.0):
        unit = plural_unit(unit)
    parts = [BOUND_WORDS.get(bound or "", ""), number]
    if unit == "%":
        parts[-1] += "%"
    elif unit:
        parts.append(unit)
    return " ".join(p for p in parts if p)
