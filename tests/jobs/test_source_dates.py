"""A source's publication date and where it came from: typed, the feed, the page's metadata,
else its dateline or a date in its first paragraph."""

from datetime import UTC, date, datetime

import pytest

from claims import intake
from claims.models import Feed, Source
from tests.jobs.conftest import article

PARAGRAPHS = [
    "More than 121,000 people have been evacuated from the Kursk region, the acting governor said on Wednesday.",
    "The figure rose sharply over the week as fighting spread to new border districts.",
]


@pytest.fixture
def add(checker, django_capture_on_commit_callbacks):
    def add(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            source = intake.add_source(checker, **kwargs)
        return Source.objects.get(pk=source.pk)

    return add


def test_a_pasted_source_with_a_dateline_is_dated_by_it(add):
    source = add(text="BEIJING, Dec 19 (Reuters) - China's exports rose 6.7% in November, customs data showed.")
    assert source.fetch_state == "fetched"
    assert (source.published_at.month, source.published_at.day, source.published_at_origin) == (12, 19, "dateline")


def test_a_pasted_source_with_a_full_date_in_its_first_paragraph_is_dated_by_it(add):
    source = add(text="Monday, 12 August 2024\nThe council said 1,200 homes were evacuated.")
    assert (source.published_at.date(), source.published_at_origin) == (date(2024, 8, 12), "text")


def test_a_weekday_alone_dates_nothing(add):
    source = add(text="KYIV, Ukraine (AP) — Ukrainian troops advanced on Sunday, officials said.")
    assert (source.published_at, source.published_at_origin) == (None, "")


def test_a_typed_date_wins_over_the_dateline(add):
    source = add(text="BEIJING, Dec 19 (Reuters) - Exports rose.", published_at=datetime(2024, 12, 20, tzinfo=UTC))
    assert (source.published_at.date(), source.published_at_origin) == (date(2024, 12, 20), "given")


def test_a_fetched_page_is_dated_by_its_metadata(allow_loopback, site, add):
    source = add(url=site.add("/kursk", article("Evacuations rise in Kursk", PARAGRAPHS)))
    assert (source.published_at.date(), source.published_at_origin) == (date(2024, 8, 14), "metadata")


def test_a_second_fetch_of_the_same_address_keeps_the_first_ones_origin(allow_loopback, site, add):
    url = site.add("/kursk", article("Evacuations rise in Kursk", PARAGRAPHS))
    add(url=url)
    again = add(url=url)
    assert again.published_at_origin == "metadata"


def test_a_feed_entry_is_dated_by_the_feed_and_an_impossible_feed_date_is_dropped(db):
    feed = Feed.objects.create(url="https://planet.example/rss", outlet="Planet")
    dated = intake.add_source(
        None, text="Rain fell.", feed=feed, feed_entry_id="a", published_at=datetime(2024, 8, 14, tzinfo=UTC)
    )
    odd = intake.add_source(
        None, text="Rain fell.", feed=feed, feed_entry_id="b", published_at=datetime(2999, 1, 1, tzinfo=UTC)
    )
    assert (dated.published_at_origin, odd.published_at, odd.published_at_origin) == ("feed", None, "")
