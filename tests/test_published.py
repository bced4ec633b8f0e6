"""Reading a text's publication date from its opening, and refusing impossible publication times (pure)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from claims.published import FoundDate, find_published_date, publication_time_error

REFERENCE = date(2024, 12, 30)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("BEIJING, Dec 19 (Reuters) - China's exports rose 6.7%.", FoundDate(date(2024, 12, 19), "dateline")),
        ("KYIV, Aug 11 (Reuters) - Troops advanced.", FoundDate(date(2024, 8, 11), "dateline")),
        ("WASHINGTON, Aug. 11, 2024 /PRNewswire/ -- The firm said.", FoundDate(date(2024, 8, 11), "dateline")),
        ("Monday, 12 August 2024\nThe council said 1,200 homes flooded.", FoundDate(date(2024, 8, 12), "text")),
        ("Published Aug. 11, 2024. The council said.", FoundDate(date(2024, 8, 11), "text")),
        ("Posted 11 August 2024 by the press office.", FoundDate(date(2024, 8, 11), "text")),
        ("Updated 2024-08-11 10:00. Figures rose.", FoundDate(date(2024, 8, 11), "text")),
        # a weekday beside a date without its year pins the year
        ("Fighting spread on Sunday (Aug. 11) near Sudzha.", FoundDate(date(2024, 8, 11), "text")),
        # a weekday relative to nothing is not a date
        ("KYIV, Ukraine (AP) — Ukrainian troops advanced on Sunday.", None),
        # nor is a day without its year or weekday in running text
        ("LONDON — Prices rose on Aug. 3.", None),
        # impossible and future dates are not publication dates
        ("Filed 2024-02-30. Prices rose.", None),
        ("Embargoed until March 3, 2031.", None),
        ("No dates here at all.", None),
    ],
)
def test_it_reads_the_date_a_text_opens_with(text, expected):
    assert find_published_date(text, REFERENCE) == expected


def test_a_dateline_day_without_a_year_is_the_most_recent_one():
    assert find_published_date("KYIV, Aug 11 (Reuters) - x", date(2025, 1, 5)) == FoundDate(
        date(2024, 8, 11), "dateline"
    )


def test_without_a_reference_a_day_needs_its_year():
    assert find_published_date("BEIJING, Dec 19 (Reuters) - x") is None
    assert find_published_date("Aug. 11, 2024: x") == FoundDate(date(2024, 8, 11), "text")


def test_only_the_opening_lines_are_read():
    text = "Floods\nRain fell.\nMore rain fell.\nPosted 11 August 2024."
    assert find_published_date(text, REFERENCE) is None


NOW = datetime(2024, 8, 20, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    "value, problem",
    [
        (None, None),
        (datetime(2024, 8, 11, 9, tzinfo=UTC), None),
        (date(2024, 8, 11), None),
        (NOW + timedelta(hours=20), None),  # a time zone ahead, not a mistake
        (datetime(1899, 12, 31, tzinfo=UTC), "before 1900"),
        (datetime(1, 1, 1), "before 1900"),
        (NOW + timedelta(days=2), "future"),
        (datetime(9999, 12, 31, 23, tzinfo=UTC), "future"),
    ],
)
def test_it_refuses_impossible_publication_times(value, problem):
    error = publication_time_error(value, NOW)
    assert (error is None) if problem is None else (problem in error)
