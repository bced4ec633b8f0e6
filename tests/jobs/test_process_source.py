"""Processing a source: fetch, extract, dedupe; every failure recorded on the source."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims import intake
from claims.models import Source
from claims.processing import process_source
from tests.jobs.conftest import Route, article

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


def test_a_page_is_fetched_with_its_text_and_metadata(allow_loopback, site, fake_dns, add):
    fake_dns["planet.example"] = ["127.0.0.1"]  # the page's own site, so its canonical address is believed
    site.add("/kursk", article("Evacuations rise in Kursk", PARAGRAPHS, canonical="https://planet.example/kursk"))
    source = add(url=f"http://planet.example:{site.port}/kursk")
    assert source.fetch_state == "fetched" and source.fetch_error == ""
    assert "121,000 people have been evacuated" in source.text and "All rights reserved" not in source.text
    assert source.title == "Evacuations rise in Kursk"
    assert source.outlet == "Daily Planet"
    assert source.published_at.date().isoformat() == "2024-08-14"
    assert source.canonical_url == "https://planet.example/kursk"
    assert len(source.content_hash) == 64 and source.fetched_at is not None


def test_what_the_desk_typed_wins_over_the_page_metadata(allow_loopback, site, add):
    url = site.add("/kursk", article("Evacuations rise in Kursk", PARAGRAPHS))
    source = add(url=url, title="Governor's update", outlet="Kursk governor")
    assert (source.title, source.outlet) == ("Governor's update", "Kursk governor")


def test_a_second_source_with_the_same_canonical_address_is_linked_not_fetched_again(allow_loopback, site, add):
    page = article("Evacuations rise in Kursk", PARAGRAPHS, canonical="https://planet.example/kursk")
    first = add(url=site.add("/kursk", page))
    second = add(url=site.add("/kursk?utm_source=feed", page))  # same page, tracking parameter
    assert second.fetch_state == "fetched"
    assert second.syndication_group_id == first.pk
    assert Source.objects.get(pk=first.pk).syndication_group_id == first.pk
    assert not second.evidence.exists()


def test_the_same_address_is_not_fetched_twice(allow_loopback, site, add):
    url = site.add("/kursk", article("Evacuations rise in Kursk", PARAGRAPHS))
    first = add(url=url)
    second = add(url=url)
    assert site.hits("/kursk") == 1
    assert second.text == first.text and second.syndication_group_id == first.pk


def test_pasted_text_with_the_same_content_is_linked_to_the_first(add):
    text = "The river peaked at 6.2 metres on Tuesday, the environment agency said in its evening update."
    first = add(text=text)
    second = add(text=text.upper())
    assert second.content_hash == first.content_hash and second.syndication_group_id == first.pk


@pytest.mark.parametrize(
    "route, reason",
    [
        ({"status": 404, "body": "gone"}, "HTTP 404"),
        ({"body": b"PK\x03\x04zip", "content_type": "application/zip"}, "Not an HTML or text page (application/zip)"),
        ({"body": "<html><body><nav>Home</nav></body></html>"}, "No readable text found on the page"),
        ({"body": b"\x00\xff\xfe<<<>>>\x00" * 10}, "No readable text found on the page"),
    ],
)
def test_failures_are_recorded_on_the_source(allow_loopback, site, add, route, reason):
    source = add(url=site.add("/bad", **route))
    assert source.fetch_state == "failed" and source.fetch_error == reason
    assert source.fetch_attempts == 1


def test_a_page_over_the_size_cap_fails_with_a_clear_reason(allow_loopback, site, add, settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_MAX_BYTES": 5 * 1024 * 1024}
    source = add(url=site.add("/huge", b"<p>" + b"a" * (6 * 1024 * 1024)))
    assert source.fetch_error == "Page larger than 5 MB"


def test_a_private_address_is_refused_and_recorded(add, settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_ALLOW_PRIVATE": []}
    source = add(url="http://10.0.0.5/internal")
    assert source.fetch_state == "failed"
    assert source.fetch_error == "Refused: 10.0.0.5 is a private address (10.0.0.5)"


def test_a_fetch_that_may_pass_later_is_recorded_and_retried_on_the_next_run(allow_loopback, site, add):
    site.add_sequence("/flaky", [Route(body="down", status=503), Route(body=article("Back", PARAGRAPHS))])
    source = add(url=site.url("/flaky"))  # in-process: the failure is recorded, not retried at once
    assert (source.fetch_state, source.fetch_error) == ("failed", "HTTP 503")
    process_source(source.pk)  # what the retry does
    source.refresh_from_db()
    assert source.fetch_state == "fetched" and source.fetch_attempts == 2


def test_processing_a_fetched_source_again_changes_nothing(add):
    source = add(text="The river peaked at 6.2 metres on Tuesday, the environment agency said.")
    fetched_at = source.fetched_at
    process_source(source.pk)
    source.refresh_from_db()
    assert source.fetched_at == fetched_at and source.fetch_attempts == 1


def test_an_uploaded_text_file_is_read(add, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("statement.txt", b"Over 76,000 people were evacuated, officials said.")
    source = add(file=upload)
    assert source.fetch_state == "fetched" and "76,000 people" in source.text


def test_an_uploaded_html_file_is_read(add, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("page.html", article("Evacuations", PARAGRAPHS).encode())
    source = add(file=upload)
    assert source.fetch_state == "fetched" and "121,000 people" in source.text


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("report.pdf", b"%PDF-1.7\n...", "Unsupported file type (PDF)"),
        ("sheet.xlsx", b"PK\x03\x04", "Unsupported file type (.xlsx)"),
    ],
)
def test_an_unsupported_upload_fails_clearly(add, settings, tmp_path, name, data, reason):
    settings.MEDIA_ROOT = tmp_path
    source = add(file=SimpleUploadedFile(name, data))
    assert source.fetch_state == "failed" and source.fetch_error.startswith(reason)


def test_a_matcher_failure_keeps_the_fetched_source_and_says_why(add, monkeypatch):
    from claims import matching
    from claims.models import Activity

    def broken(source, min_score=None):
        raise ValueError("odd text")

    monkeypatch.setattr(matching, "match_source", broken)
    source = add(text="Officials said 1,200 homes were evacuated after the river burst its banks.")
    assert source.fetch_state == "fetched" and source.text.startswith("Officials said")
    assert Activity.objects.filter(verb="could not match source", reason__contains="ValueError").exists()
