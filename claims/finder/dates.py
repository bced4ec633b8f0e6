"""Explicit dates in a sentence ("as of Aug. 12", "on Tuesday", "by March 3, 2024").

Hand-rolled rather than dateparser: news copy uses a handful of forms, and
this runs on every sentence of every story, so it has to cost microseconds.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTH_NUMBERS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_RELATIVE_DAY = re.compile(r"\b(?P<word>today|yesterday)\b", re.IGNORECASE)
# A date after these words says when a figure held; it wins over other dates in the sentence.
_AS_OF_CUE = re.compile(r"\b(?:as of|as at|by|through|until|on)\s*$", re.IGNORECASE)


def find_as_of(text: str, reference_date: date | None = None) -> date | None:
    """The date a sentence's figures refer to, or None when it names no day."""
    candidates: list[tuple[int, bool, date]] = []
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for match in pattern.finditer(text):
            if _names_an_event(text, match):
                continue
            found = _calendar_date(match, reference_date)
            if found:
                candidates.append((match.start(), _cued(text, match.start()), found))
    if reference_date is not None:
        for match in _WEEKDAY.finditer(text):
            if _names_an_event(text, match):
                continue
            candidates.append((match.start(), _cued(text, match.start()), _last_weekday(match, reference_date)))
        for match in _RELATIVE_DAY.finditer(text):
            days_back = 0 if match.group("word").lower() == "today" else 1
            candidates.append((match.start(), _cued(text, match.start()), reference_date - timedelta(days=days_back)))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (not c[1], c[0]))
    return candidates[0][2]


# "the June 2 crash", "Friday's attack": the date names the event, not when a figure held.
_BEFORE_EVENT = re.compile(r"\bthe\s+$", re.IGNORECASE)
_EVENT_NOUN = re.compile(
    r"(?:\s+|['’]s\s+)(?:[a-z][\w-]*\s+){0,2}?(?:crash|collapse|attack|attacks|blast|explosion|bombing|"
    r"quake|earthquake|derailment|disaster|flood|floods|fire|storm|landslide|election|vote|shooting|raid|strike|strikes|"
    r"offensive|incursion|accident|tragedy|eruption|cyclone|hurricane|typhoon)\b"
)


def _names_an_event(text: str, match: re.Match) -> bool:
    if not _EVENT_NOUN.match(text, match.end()):
        return False
    return bool(_BEFORE_EVENT.search(text[: match.start()])) or text[match.end() : match.end() + 1] in "'’"


def _cued(text: str, start: int) -> bool:
    return bool(_AS_OF_CUE.search(text[:start]))


def _calendar_date(match: re.Match, reference_date: date | None) -> date | None:
    month = _MONTH_NUMBERS[match.group("month")[:3].lower()]
    day = int(match.group("day"))
    if match.group("year"):
        year = int(match.group("year"))
    elif reference_date is not None:
        year = reference_date.year
    else:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    # Without a year, copy means the most recent such day, give or take a scheduled date soon after.
    if not match.group("year") and reference_date and found > reference_date + timedelta(days=183):
        found = found.replace(year=year - 1)
    return found


def _last_weekday(match: re.Match, reference_date: date) -> date:
    """News copy names the most recent such weekday: "on Tuesday" in a Thursday story."""
    wanted = _WEEKDAYS.index(match.group("weekday").lower())
    return reference_date - timedelta(days=(reference_date.weekday() - wanted) % 7)
