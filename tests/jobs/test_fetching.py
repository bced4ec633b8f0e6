"""Fetching pages from a real local HTTP server: limits, types, redirects, errors."""

import pytest

from claims import fetching
from claims.fetching import FetchError


def test_it_fetches_a_page_and_follows_redirects(allow_loopback, site):
    site.add("/old", status=301, headers={"Location": "/new"}, body="")
    site.add("/new", "<html><body><p>The new page</p></body></html>")
    page = fetching.fetch(site.url("/old"))
    assert page.status == 200 and page.url == site.url("/new") and "The new page" in page.text


def test_it_stops_after_too_many_redirects(allow_loopback, site):
    site.add("/loop", status=302, headers={"Location": "/loop"}, body="")
    with pytest.raises(FetchError, match="Too many redirects"):
        fetching.fetch(site.url("/loop"))
    assert site.hits("/loop") == fetching.MAX_REDIRECTS + 1


def test_a_404_is_a_permanent_failure(allow_loopback, site):
    with pytest.raises(FetchError) as caught:
        fetching.fetch(site.url("/missing"))
    assert caught.value.reason == "HTTP 404" and not caught.value.retryable


def test_a_503_may_pass_later(allow_loopback, site):
    site.add("/busy", "busy", status=503, content_type="text/plain")
    with pytest.raises(FetchError) as caught:
        fetching.fetch(site.url("/busy"))
    assert caught.value.reason == "HTTP 503" and caught.value.retryable


def test_it_refuses_content_that_is_not_a_page(allow_loopback, site):
    site.add("/archive.zip", b"PK\x03\x04", content_type="application/zip")
    with pytest.raises(FetchError, match=r"Not an HTML or text page \(application/zip\)"):
        fetching.fetch(site.url("/archive.zip"))


def test_it_refuses_a_page_over_the_size_cap_by_its_header(allow_loopback, site, settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_MAX_BYTES": 5 * 1024 * 1024}
    site.add("/huge", b"x" * (5 * 1024 * 1024 + 10))
    with pytest.raises(FetchError, match="Page larger than 5 MB"):
        fetching.fetch(site.url("/huge"))


def test_it_stops_reading_a_page_that_does_not_declare_its_size(allow_loopback, site, settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_MAX_BYTES": 1024}
    # No Content-Length: the body runs until the server closes the connection.
    site.add("/endless", b"<p>" + b"y" * 50_000, headers={"Content-Length": None})
    with pytest.raises(FetchError, match="Page larger than 1 KB"):
        fetching.fetch(site.url("/endless"))


def test_a_slow_server_times_out_and_may_pass_later(allow_loopback, site, settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_TIMEOUT": 0.3}
    site.add("/slow", "<p>late</p>", delay=1.5)
    with pytest.raises(FetchError) as caught:
        fetching.fetch(site.url("/slow"))
    assert caught.value.reason.startswith("Timed out") and caught.value.retryable


def test_a_closed_port_is_a_connection_error(allow_loopback, settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_ALLOW_PRIVATE": ["127.0.0.1/32"]}
    with pytest.raises(FetchError) as caught:
        fetching.fetch("http://127.0.0.1:9/")  # the discard port: nothing listens here
    assert caught.value.reason.startswith("Could not connect to 127.0.0.1") and caught.value.retryable
