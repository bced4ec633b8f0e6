"""Feeds: new entries become sources exactly once; ETag/Last-Modified honoured; bad feeds recorded."""

import pytest

from claims import tasks
from claims.feeds import poll_feed
from claims.models import Feed, Source
from tests.jobs.conftest import Route, article

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Planet world news</title><link>https://planet.example/</link>
<item><title>Evacuations rise</title><link>{base}/a</link><guid>planet-a</guid>
<pubDate>Wed, 14 Aug 2024 10:00:00 GMT</pubDate><description>Evacuations rise in Kursk.</description></item>
<item><title>Shelters open</title><link>{base}/b</link><guid>planet-b</guid>
<pubDate>Thu, 15 Aug 2024 10:00:00 GMT</pubDate></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Governor</title><id>urn:gov</id><updated>2024-08-14T10:00:00Z</updated>
<entry><title>Statement</title><id>urn:gov:1</id><updated>2024-08-14T10:00:00Z</updated>
<summary>More than 121,000 people have been evacuated from the Kursk region, the governor said.</summary></entry>
</feed>"""
pytestmark = pytest.mark.django_db
PAGE = article(
    "Evacuations rise", ["More than 121,000 people have been evacuated from the Kursk region, officials said."]
)


@pytest.fixture
def feed_site(allow_loopback, site):
    base = site.url("")
    site.add("/a", PAGE)
    site.add(
        "/b", article("Shelters open", ["Temporary shelters opened in Kursk and neighbouring regions on Thursday."])
    )

    def conditional(headers):
        if headers.get("If-None-Match") == '"v1"':
            return Route(status=304, body=b"", content_type="")
        return None

    site.add(
        "/rss",
        RSS.format(base=base),
        content_type="application/rss+xml",
        headers={"ETag": '"v1"', "Last-Modified": "Wed, 14 Aug 2024 10:00:00 GMT"},
        respond=conditional,
    )
    return site


def test_new_entries_become_sources_once(feed_site, django_capture_on_commit_callbacks):
    feed = Feed.objects.create(url=feed_site.url("/rss"), outlet="Planet", reliability="B", kind="news_outlet")
    with django_capture_on_commit_callbacks(execute=True):
        assert poll_feed(feed.pk) == 2
    sources = Source.objects.filter(feed=feed).order_by("feed_entry_id")
    assert [s.feed_entry_id for s in sources] == ["planet-a", "planet-b"]
    assert all(s.outlet == "Planet" and s.reliability == "B" for s in sources)
    assert sources[0].published_at.isoformat() == "2024-08-14T10:00:00+00:00"
    assert sources[0].fetch_state == "fetched" and "121,000 people" in sources[0].text
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.last_modified.startswith("Wed, 14 Aug 2024")
    assert feed.title == "Planet world news" and feed.last_error == ""


def test_a_second_poll_sends_the_etag_and_adds_nothing(feed_site, django_capture_on_commit_callbacks):
    feed = Feed.objects.create(url=feed_site.url("/rss"))
    with django_capture_on_commit_callbacks(execute=True):
        poll_feed(feed.pk)
        assert poll_feed(feed.pk) == 0
    polls = [headers for path, headers in feed_site.requests if path == "/rss"]
    assert polls[-1].get("If-None-Match") == '"v1"'
    assert Source.objects.filter(feed=feed).count() == 2


def test_entries_already_seen_are_not_added_again_without_an_etag(feed_site, django_capture_on_commit_callbacks):
    feed = Feed.objects.create(url=feed_site.url("/rss"))
    with django_capture_on_commit_callbacks(execute=True):
        poll_feed(feed.pk)
        Feed.objects.filter(pk=feed.pk).update(etag="", last_modified="")
        assert poll_feed(feed.pk) == 0
    assert Source.objects.filter(feed=feed).count() == 2


def test_an_atom_entry_without_a_link_becomes_a_text_source(allow_loopback, site, django_capture_on_commit_callbacks):
    feed = Feed.objects.create(url=site.add("/atom", ATOM, content_type="application/atom+xml"))
    with django_capture_on_commit_callbacks(execute=True):
        assert poll_feed(feed.pk) == 1
    source = Source.objects.get(feed=feed)
    assert source.feed_entry_id == "urn:gov:1" and "121,000 people" in source.text


@pytest.mark.parametrize(
    "body, content_type, error",
    [
        ("<rss><channel><item><title>broken", "application/rss+xml", "Malformed feed"),
        ("this is not a feed at all", "application/xml", "Malformed feed"),
        (b"\x00\x01\x02", "application/xml", "Malformed feed"),
        ("<html><body>a web page</body></html>", "text/html", "Not a feed (text/html)"),
    ],
)
def test_a_malformed_feed_is_recorded_not_raised(allow_loopback, site, body, content_type, error):
    feed = Feed.objects.create(url=site.add("/bad", body, content_type=content_type))
    assert poll_feed(feed.pk) == 0
    feed.refresh_from_db()
    assert feed.last_error.startswith(error) and feed.last_polled_at is not None
    assert not Source.objects.filter(feed=feed).exists()


def test_an_unreachable_feed_is_recorded(settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_ALLOW_PRIVATE": []}
    feed = Feed.objects.create(url="http://10.0.0.9/rss")
    assert poll_feed(feed.pk) == 0
    assert Feed.objects.get(pk=feed.pk).last_error == "Refused: 10.0.0.9 is a private address (10.0.0.9)"


def test_beat_polls_only_active_feeds_that_are_due(feed_site, django_capture_on_commit_callbacks):
    due = Feed.objects.create(url=feed_site.url("/rss"))
    Feed.objects.create(url="https://planet.example/paused.xml", active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.poll_feeds() == 1
        assert tasks.poll_feeds() == 0  # just polled: not due again for poll_minutes
    assert Source.objects.filter(feed=due).count() == 2
