"""Compressed answers from a real local server: gzip and deflate pages and feeds are read,
a decompression bomb is refused by its decompressed size and nothing of it is stored."""

import gzip
import zlib

import pytest

from claims import fetching, intake
from claims.feeds import poll_feed
from claims.fetching import FetchError
from claims.models import Feed, Source
from tests.jobs.conftest import article

PARAGRAPHS = [
    "More than 121,000 people have been evacuated from the Kursk region, the acting governor said on Wednesday.",
    "The figure rose sharply over the week as fighting spread to new border districts.",
]
RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Planet world news</title><link>https://planet.example/</link>
<item><title>Evacuations rise</title><link>{base}/a</link><guid>planet-a</guid>
<pubDate>Wed, 14 Aug 2024 10:00:00 GMT</pubDate></item>
</channel></rss>"""


@pytest.fixture
def add(checker, django_capture_on_commit_callbacks):
    def add(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            source = intake.add_source(checker, **kwargs)
        return Source.objects.get(pk=source.pk)

    return add


def test_a_gzip_page_is_read_as_its_text(allow_loopback, site, add):
    url = site.add(
        "/kursk", gzip.compress(article("Evacuations rise", PARAGRAPHS).encode()), headers={"Content-Encoding": "gzip"}
    )
    source = add(url=url)
    assert (source.fetch_state, source.fetch_error) == ("fetched", "")
    assert "121,000 people have been evacuated" in source.text and source.title == "Evacuations rise"


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS], ids=["zlib-wrapped", "raw"])
def test_a_deflate_page_is_read_whether_wrapped_or_raw(allow_loopback, site, wbits):
    packer = zlib.compressobj(wbits=wbits)
    body = packer.compress(b"<html><body><p>Deflated page text.</p></body></html>") + packer.flush()
    page = fetching.fetch(site.add("/d", body, headers={"Content-Encoding": "deflate"}))
    assert b"Deflated page text." in page.body


def test_the_fetcher_asks_only_for_encodings_it_decodes(allow_loopback, site):
    fetching.fetch(site.add("/plain", "<p>plain</p>"))
    assert site.requests[-1][1]["Accept-Encoding"] == "gzip, deflate"


@pytest.mark.django_db
def test_a_gzip_feed_is_polled(allow_loopback, site, django_capture_on_commit_callbacks):
    site.add("/a", article("Evacuations rise", PARAGRAPHS))
    rss = gzip.compress(RSS.format(base=site.url("")).encode())
    site.add("/rss", rss, content_type="application/rss+xml", headers={"Content-Encoding": "gzip"})
    feed = Feed.objects.create(url=site.url("/rss"), outlet="Planet", reliability="B", kind="news_outlet")
    with django_capture_on_commit_callbacks(execute=True):
        assert poll_feed(feed.pk) == 1
    feed.refresh_from_db()
    assert feed.last_error == ""
    assert "121,000 people" in Source.objects.get(feed=feed).text


def test_a_gzip_bomb_is_refused_by_its_decompressed_size_and_not_stored(allow_loopback, site, add, settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_MAX_BYTES": 1024 * 1024}
    bomb = gzip.compress(b"<p>" + b"a" * (16 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 32 * 1024  # well under the cap on the wire
    source = add(url=site.add("/bomb", bomb, headers={"Content-Encoding": "gzip"}))
    assert source.fetch_state == "failed"
    assert source.fetch_error == "Page larger than 1 MB once decompressed"
    assert source.text == "" and source.content_hash == ""


def test_a_corrupt_gzip_body_fails_with_a_reason(allow_loopback, site):
    with pytest.raises(FetchError) as caught:
        fetching.fetch(site.add("/broken", b"\x1f\x8b\x08\x00not gzip at all", headers={"Content-Encoding": "gzip"}))
    assert caught.value.reason.startswith("Could not decompress the page (gzip") and not caught.value.retryable


def test_an_encoding_the_fetcher_did_not_ask_for_is_refused(allow_loopback, site):
    with pytest.raises(FetchError) as caught:
        fetching.fetch(site.add("/br", b"\x0b\x02\x80hello\x03", headers={"Content-Encoding": "br"}))
    assert caught.value.reason == "Unsupported content encoding (br)"
