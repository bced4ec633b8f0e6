"""Another fact-checker's rating → the stance its review takes on a claim. Pure functions.

The table maps rating labels to stances (ratings.toml holds the defaults, editors keep the
live one in MatcherSettings); a numeric rating with no label the table knows is read on its
own best/worst scale. Organisations get the desk's reliability grade from another editable
table, with a default (C: fairly reliable).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .markup import Review, number

SUPPORTS, CONTRADICTS, CONTEXT, IGNORE = "supports", "contradicts", "context", "ignore"
STANCES = (SUPPORTS, CONTRADICTS, CONTEXT, IGNORE)
GRADES = "ABCDEF"
DEFAULT_GRADE = "C"
# schema.org's defaults when a rating gives no scale.
SCALE = (1.0, 5.0)


@cache
def defaults() -> dict:
    return tomllib.loads(Path(__file__).with_name("ratings.toml").read_text())


def default_table() -> dict[str, str]:
    return {normal(label): stance for stance, labels in defaults()["stances"].items() for label in labels}


def normal(label: str) -> str:
    """A label as the table compares it: lower case, words only ("Pants on Fire!" → "pants on fire")."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", label.replace("’", "'").replace("'", "").lower()).split())


@dataclass(frozen=True)
class Reading:
    stance: str
    why: str  # how the stance was read: "rating table", "0% of the way up its 1–5 scale"


def stance_for(review: Review, table: dict[str, str]) -> Reading:
    """The stance a review's rating gives: its label through the table, else its number on its scale."""
    labels = [review.rating_name, review.rating_value if number(review.rating_value) is None else ""]
    for label in filter(None, labels):
        key = normal(label)
        if key in table:
            return Reading(table[key], "rating table")
        hit = _phrase_in(key, table)
        if hit:
            return Reading(table[hit], f"reads as “{hit}” in the rating table")
    numeric = _numeric(review)
    if numeric is not None:
        return numeric
    if not (review.rating_name or review.rating_value):
        return Reading(CONTEXT, "no rating given")
    return Reading(CONTEXT, "not in the rating table")


def _phrase_in(key: str, table: dict[str, str]) -> str | None:
    """The table's label a longer rating opens with or contains: earliest, then longest
    ("half true" before "true" in "half true, but…"; "not true" before "true")."""
    best = None
    for label in table:
        match = re.search(rf"(?<!\w){re.escape(label)}(?!\w)", key)
        if match and (best is None or (match.start(), -len(label)) < best[0]):
            best = ((match.start(), -len(label)), label)
    return best[1] if best else None


def _numeric(review: Review) -> Reading | None:
    value = number(review.rating_value)
    if value is None:
        return None
    worst = review.worst_rating if review.worst_rating is not None else SCALE[0]
    best = review.best_rating if review.best_rating is not None else SCALE[1]
    if best == worst or not min(best, worst) <= value <= max(best, worst):
        return Reading(CONTEXT, f"{value:g} is off its {worst:g}–{best:g} scale")
    share = (value - worst) / (best - worst)
    bands = defaults()["numeric"]
    if share <= bands["contradicts_at_most"]:
        stance = CONTRADICTS
    elif share >= bands["supports_at_least"]:
        stance = SUPPORTS
    else:
        stance = CONTEXT
    return Reading(stance, f"{share:.0%} of the way up its {worst:g}–{best:g} scale")


def grade_for(organisation: str, grades: dict[str, str], default: str = DEFAULT_GRADE) -> str:
    wanted = " ".join(organisation.lower().split())
    for name, grade in grades.items():
        if " ".join(name.lower().split()) == wanted:
            return grade
    return default


# --- the editors' text form: one "label = stance" (or "organisation = grade") a line --------


def parse_lines(text: str, allowed: tuple[str, ...] | str, what: str) -> tuple[dict[str, str], list[str]]:
    """({key: value}, errors) from lines like "pants on fire = contradicts"; blank lines and # comments skipped."""
    table: dict[str, str] = {}
    errors: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.rpartition("=")
        key, value = key.strip(), value.strip()
        if what == "stance":
            key, value = normal(key), value.lower()
        else:
            value = value.upper()
        if not sep or not key:
            errors.append(f"Line {n}: write “{'label = stance' if what == 'stance' else 'organisation = grade'}”.")
        elif value not in allowed:
            errors.append(f"Line {n}: “{value[:30]}” is not a {what} (use {', '.join(allowed)}).")
        elif len(key) > 200:
            errors.append(f"Line {n}: keep it under 200 characters.")
        else:
            table[key] = value
    return table, errors


def as_lines(table: dict[str, str]) -> str:
    return "\n".join(f"{key} = {value}" for key, value in table.items())
