"""When something was published: the date a text's opening states, and whether a typed time is plausible.

Pure functions (no database): processing reads a source's date with them, the claim facts a
story's, and the API and forms refuse impossible publication times with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from claims.finder.dates import _DAY_MONTH, _MONTH_DAY, _MONTH_NUMBERS, _WEEKDAYS

DATELINE, TEXT = "dateline", "text"  # the DateOrigin values this reader gives

EARLIEST_YEAR = 1900
# Clocks and time zones differ: a time up to a day ahead is a time zone, not a mistake.
FUTURE_SLACK = timedelta(days=1)

# A wire dateline opens a line: "BEIJING, Dec 19 (Reuters) - ", "KYIV, Ukraine (AP) — ",
# "WASHINGTON, Aug. 11, 2024 /PRNewswire/ -- ", "LONDON — ". The place is in capitals.
_DATELINE = re.compile(
    r"^(?P<head>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+)*(?:,[^\n]{0,70}?|\s*\([^)\n]{1,40}\)[^\n]{0,30}?)?)"
    r"\s+[-—–]{1,2}\s"
)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-2]\d|3[01])\b")
_WEEKDAY_BEFORE = re.compile(
    r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[\s,(]*(?:the\s+)?$"
)
OPENING_LINES = 3
OPENING_CHARS = 1000


@dataclass(frozen=True)
class FoundDate:
    day: date
    origin: str  # DATELINE or TEXT


def find_published_date(text: str, reference: date | None = None) -> FoundDate | None:
    """The publication date a text's opening states: its dateline's, else a full date in its first lines.

    A date without a year takes it from `reference` (the most recent such day, never more than
    a day after it); in running text a date needs its year or its weekday ("on Sunday (Aug. 11)")
    to count, and a weekday alone ("on Sunday") never does.
    """
    lines = [line.strip() for line in text[: OPENING_CHARS * 2].splitlines() if line.strip()][:OPENING_LINES]
    for line in lines:
        match = _DATELINE.match(line)
        if match:
            found = _first_date(match.group("head"), reference, need_year_or_weekday=False)
            if found:
                return FoundDate(found, DATELINE)
    found = _first_date("\n".join(lines)[:OPENING_CHARS], reference, need_year_or_weekday=True)
    return FoundDate(found, TEXT) if found else None


def _first_date(text: str, reference: date | None, *, need_year_or_weekday: bool) -> date | None:
    candidates: list[tuple[int, date]] = []
    for match in _ISO.finditer(text):
        found = _valid(int(match.group("year")), int(match.group("month")), int(match.group("day")), reference)
        if found:
            candidates.append((match.start(), found))
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for match in pattern.finditer(text):
            weekday = _WEEKDAY_BEFORE.search(text[max(0, match.start() - 16) : match.start()])
            if need_year_or_weekday and not (match.group("year") or weekday):
                continue
            found = _calendar_date(match, weekday.group("weekday") if weekday else None, reference)
            if found:
                candidates.append((match.start(), found))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _calendar_date(match: re.Match, weekday: str | None, reference: date | None) -> date | None:
    month = _MONTH_NUMBERS[match.group("month")[:3].lower()]
    day = int(match.group("day"))
    if match.group("year"):
        return _valid(int(match.group("year")), month, day, reference)
    if reference is None:
        return None
    latest = reference + FUTURE_SLACK
    years = [y for y in range(latest.year, latest.year - 8, -1) if (d := _valid(y, month, day, None)) and d <= latest]
    if weekday:
        # The weekday pins the year: Sunday, Aug. 11 was in 2024.
        wanted = _WEEKDAYS.index(weekday.lower())
        pinned = [y for y in years if date(y, month, day).weekday() == wanted]
        years = pinned or years
    return date(years[0], month, day) if years else None


def _valid(year: int, month: int, day: int, reference: date | None) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:  # "Feb. 30"
        return None
    if found.year < EARLIEST_YEAR or (reference is not None and found > reference + FUTURE_SLACK):
        return None
    return found


def publication_time_error(value: datetime | date | None, now: datetime) -> str | None:
    """Why `value` cannot be a publication time, or None when it can. `now` is aware."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(), tzinfo=now.tzinfo)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=now.tzinfo)
    if value.year < EARLIEST_YEAR:
        return f"A publication date before {EARLIEST_YEAR} is not plausible; check the year."
    if value.year > now.year + 1 or value > now + FUTURE_SLACK:  # the year first: year 9999 overflows a shift
        return "The publication date is in the future; check the date."
    return None
