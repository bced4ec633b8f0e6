"""ClaimReview in bulk: a feed polled like RSS, and a file imported by a management command."""

import json

import pytest
from django.core.management import CommandError, call_command

from claims.feeds import poll_feed
from claims.models import ClaimReview, Evidence, Feed, Source
from tests.jobs.conftest import Route
from tests.reviews_in.helpers import desk_claims, sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(reporter, checker):
    return desk_claims(reporter, checker)


def clean_feed() -> str:
    """The sample feed without its broken item."""
    feed = json.loads(sample("datafeed.json"))
    feed["dataFeedElement"] = feed["dataFeedElement"][:2]
    return json.dumps(feed)


@pytest.fixture
def review_feed(allow_loopback, site):
    def conditional(headers):
        return Route(status=304, body=b"", content_type="") if headers.get("If-None-Match") == '"v1"' else None

    url = site.add(
        "/factchecks.json",
        sample("datafeed.json"),
        content_type="application/ld+json",
        headers={"ETag": '"v1"'},
        respond=conditional,
    )
    return Feed.objects.create(url=url, title="Lead Check feed", outlet="Lead Check", format=Feed.Format.CLAIMREVIEW)


def test_a_claimreview_feed_queues_its_new_reviews_as_one_source_and_they_are_matched(
    claims, review_feed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert poll_feed(review_feed.pk) == 2
    source = Source.objects.get(feed=review_feed)
    assert source.fetch_state == "fetched" and source.title == "2 fact-checks from Lead Check feed"
    assert ClaimReview.objects.count() == 2
    assert Evidence.objects.get().claim_id == claims["hot_water"].pk
    feed = Feed.objects.get(pk=review_feed.pk)
    assert feed.etag == ""  # a feed with a problem is fetched whole next time, as a broken RSS feed is
    assert (
        feed.last_error
        == "ClaimReview https://leadcheck.example/2024/06/no-claim names no claim (no claimReviewed): skipped."
    )


def test_polling_again_adds_nothing_whether_unchanged_or_already_recorded(
    claims, review_feed, site, django_capture_on_commit_callbacks
):
    site.routes["/factchecks.json"].body = clean_feed()
    with django_capture_on_commit_callbacks(execute=True):
        assert poll_feed(review_feed.pk) == 2
    assert Feed.objects.get(pk=review_feed.pk).etag == '"v1"'
    with django_capture_on_commit_callbacks(execute=True):
        assert poll_feed(review_feed.pk) == 0  # 304: not modified
    assert site.requests[-1][1].get("If-None-Match") == '"v1"'
    Feed.objects.filter(pk=review_feed.pk).update(etag="")
    with django_capture_on_commit_callbacks(execute=True):
        assert poll_feed(review_feed.pk) == 0  # fetched again: every review already on record
    assert Source.objects.filter(feed=review_feed).count() == 1 and ClaimReview.objects.count() == 2


def test_a_poll_before_the_job_ran_queues_nothing_twice(claims, review_feed):
    assert poll_feed(review_feed.pk) == 2  # its source job has not run (no commit in this test)
    Feed.objects.filter(pk=review_feed.pk).update(etag="")
    assert poll_feed(review_feed.pk) == 0
    assert Source.objects.filter(feed=review_feed).count() == 1


def test_a_feed_without_reviews_records_why(allow_loopback, site):
    url = site.add("/empty.json", '{"@type": "DataFeed", "dataFeedElement": []}', content_type="application/json")
    feed = Feed.objects.create(url=url, format=Feed.Format.CLAIMREVIEW)
    assert poll_feed(feed.pk) == 0
    assert Feed.objects.get(pk=feed.pk).last_error == "The document holds no ClaimReview."


def test_an_rss_feed_still_refuses_json(allow_loopback, site):
    url = site.add("/feed.json", sample("datafeed.json"), content_type="application/ld+json")
    feed = Feed.objects.create(url=url)
    assert poll_feed(feed.pk) == 0
    assert "Not a feed (application/ld+json)" in Feed.objects.get(pk=feed.pk).last_error


def test_the_import_command_records_and_matches_a_file_and_skips_what_it_knows(claims, tmp_path, capsys):
    path = tmp_path / "reviews.json"
    path.write_text(sample("datafeed.json"))
    call_command("import_claim_reviews", str(path), "--now")
    out, err = capsys.readouterr()
    assert "3 reviews read" not in out and "2 reviews read, 2 new in 1 source (processed)" in out
    assert "names no claim" in err
    assert ClaimReview.objects.count() == 2 and Evidence.objects.get().claim_id == claims["hot_water"].pk
    call_command("import_claim_reviews", str(path), "--now")
    assert "2 reviews read, 0 new in 0 sources (processed), 2 already on record." in capsys.readouterr().out
    assert ClaimReview.objects.count() == 2


def test_the_import_command_reads_json_lines(claims, tmp_path, capsys):
    lines = [json.loads(sample("fullfact_like.json")), {"@type": "ClaimReview", "claimReviewed": "Tolls doubled"}]
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines))
    call_command("import_claim_reviews", str(path), "--now", "--outlet", "Checkers network")
    assert sorted(ClaimReview.objects.values_list("organisation", flat=True)) == ["Checkers network", "Checkpoint"]


def test_the_import_command_refuses_a_file_without_reviews(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Nothing to see here.")
    with pytest.raises(CommandError, match="No ClaimReview in the file"):
        call_command("import_claim_reviews", str(path))
    with pytest.raises(CommandError, match="No file at"):
        call_command("import_claim_reviews", str(tmp_path / "missing.json"))
