"""A source carrying ClaimReview, processed in-process: records, evidence, problems, duplicates."""

import json

import pytest

from claims import intake
from claims.models import ClaimReview, Evidence, Source
from tests.reviews_in.helpers import desk_claims, sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(reporter, checker):
    return desk_claims(reporter, checker)


@pytest.fixture
def add(checker, django_capture_on_commit_callbacks):
    def add(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            source = intake.add_source(checker, **kwargs)
        return Source.objects.get(pk=source.pk)

    return add


def test_a_pasted_graph_review_with_a_text_rating_contradicts_the_claim_it_rated(claims, add):
    source = add(text=sample("fullfact_like.json"))
    assert source.fetch_state == "fetched" and source.claim_review_problems == []
    review = ClaimReview.objects.get()
    assert (review.organisation, review.organisation_url) == ("Checkpoint", "https://checkpoint.example/")
    assert review.claim_author == "the health minister"
    assert review.claim_appearance == "https://broadcaster.example/politics/sunday-interview"
    assert review.rating_value == "" and review.rating_name.startswith("Incorrect.")
    evidence = Evidence.objects.select_related("source").get()
    assert evidence.claim_id == claims["waiting"].pk
    assert (evidence.stance, evidence.state) == ("contradicts", "suggested")
    assert evidence.matcher_reason.startswith("Checkpoint rated it “Incorrect. The waiting list grew")
    assert evidence.source == review.review_source
    assert (evidence.source.outlet, evidence.source.reliability) == ("Checkpoint", "C")


def test_a_fetched_page_review_supports_its_claim_and_the_page_prose_adds_no_second_stance(
    claims,
    add,
    allow_loopback,
    site,
):
    page = add(url=site.add("/riverton-trees", sample("politifact_like.html")))
    assert page.fetch_state == "fetched"
    review = ClaimReview.objects.get()
    assert review.claim_author == "Jane Doe" and review.claim_date.isoformat() == "2024-08-28"
    assert (review.rating_value, review.best_rating, review.worst_rating) == ("5", 6.0, 0.0)
    assert review.rating_name == "Mostly True"
    assert list(review.found_on.all()) == [page]
    evidence = Evidence.objects.get()
    assert evidence.claim_id == claims["trees"].pk and evidence.stance == "supports"
    assert "Truth Meter rated it “Mostly True” → supports" in evidence.matcher_reason
    assert not page.evidence.exists()


def test_a_review_without_a_claim_author_and_a_number_with_its_scale_is_read(claims, add, allow_loopback, site):
    add(url=site.add("/hot-water", sample("afp_like.html")))
    review = ClaimReview.objects.get()
    assert review.organisation == "Wire Fact Check" and review.claim_author == ""
    assert review.claim_appearance == "https://social.example/posts/987"
    evidence = Evidence.objects.get()
    assert evidence.claim_id == claims["hot_water"].pk and evidence.stance == "contradicts"
    assert "Wire Fact Check rated it “False”" in evidence.matcher_reason


def test_a_review_of_an_unrelated_claim_is_recorded_and_proposes_nothing(claims, add, allow_loopback, site):
    add(url=site.add("/shark", sample("snopes_like.html")))
    review = ClaimReview.objects.get()
    assert review.rating_label == "1 of 5" and review.stance == "contradicts"
    assert "0% of the way up its 1–5 scale" in review.stance_reason
    assert not Evidence.objects.exists()


def test_a_data_feed_records_each_review_and_names_the_one_it_could_not_read(claims, add):
    source = add(text=sample("datafeed.json"))
    assert source.fetch_state == "fetched"
    assert sorted(ClaimReview.objects.values_list("organisation", "rating_name")) == [
        ("Lead Check", "False"),
        ("Lead Check", "Pants on Fire"),
    ]
    assert source.claim_review_problems == [
        "ClaimReview https://leadcheck.example/2024/06/no-claim names no claim (no claimReviewed): skipped."
    ]
    evidence = Evidence.objects.get()  # the moon landing matches no claim of the desk's
    assert evidence.claim_id == claims["hot_water"].pk and evidence.stance == "contradicts"
    assert not source.evidence.exists()  # the feed's JSON itself is not matched as prose


def test_malformed_markup_is_recorded_on_the_source_without_failing_it(claims, add, allow_loopback, site):
    source = add(url=site.add("/bridge", sample("broken.html")))
    assert source.fetch_state == "fetched" and source.fetch_error == ""
    assert len(source.claim_review_problems) == 2
    assert source.claim_review_problems[0].startswith("JSON-LD block 1 is not valid JSON (line 2")
    assert "names no claim" in source.claim_review_problems[1]
    assert not ClaimReview.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        '{"@type": "ClaimReview", "claimReviewed": ',
        '[{"@type": "ClaimReview", "claimReviewed": {"nested": [1, 2]}, "reviewRating": "odd"}]',
        '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Not a review"}',
        '{"@type": "ClaimReview", "claimReviewed": "Hot water kills the coronavirus", "reviewRating": '
        '{"ratingValue": "NaN", "bestRating": true}, "datePublished": "yesterday", "author": 7}',
        '{"@type": "ClaimReview", "claimReviewed": "Tolls doubled", "datePublished": "0001-01-01T00:00:00+05:00", '
        '"url": "https://c.example/' + "x" * 3000 + '", "itemReviewed": {"datePublished": "99999-01-01"}}',
    ],
)
def test_odd_json_never_crashes_the_job(claims, add, text):
    source = add(text=text)
    assert source.fetch_state == "fetched"
    assert source.claim_review_problems or ClaimReview.objects.exists()


def test_the_same_review_arriving_twice_is_one_record(claims, add, allow_loopback, site):
    first = add(url=site.add("/hot-water", sample("afp_like.html")))
    # The same review again on another page, its address with a fragment.
    again = sample("afp_like.html").replace("doc.wire.com.ABC123", "doc.wire.com.ABC123#claim")
    second = add(url=site.add("/syndicated/hot-water", again.replace("<title>", "<title>Copy: ")))
    review = ClaimReview.objects.get()
    assert set(review.found_on.all()) == {first, second}
    assert Evidence.objects.count() == 1


def test_our_own_published_verdict_pasted_back_is_not_taken_for_another_fact_checker(claims, add, settings):
    ours = {
        "@type": "ClaimReview",
        "claimReviewed": "Drinking hot water kills the coronavirus",
        "author": {"@type": "Organization", "name": settings.FACTDESK["PUBLISHER_NAME"]},
        "reviewRating": {"ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "False"},
    }
    source = add(text=json.dumps(ours))
    assert not ClaimReview.objects.exists() and not Evidence.objects.exists()
    assert source.claim_review_problems == [
        "ClaimReview of “Drinking hot water kills the coronavirus” is our own published verdict: skipped."
    ]


def test_an_uploaded_json_file_of_reviews_is_read(claims, add, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    source = add(file=SimpleUploadedFile("checks.json", sample("datafeed.json").encode()))
    assert source.fetch_state == "fetched" and ClaimReview.objects.count() == 2
    other = add(file=SimpleUploadedFile("config.json", b'{"debug": true}'))
    assert other.fetch_state == "failed" and other.fetch_error == (
        "A JSON document, not a page: The document holds no ClaimReview."
    )


def test_a_fetched_json_ld_address_is_read_and_other_json_is_refused(claims, add, allow_loopback, site):
    graph = add(url=site.add("/review.jsonld", sample("fullfact_like.json"), content_type="application/ld+json"))
    assert graph.fetch_state == "fetched" and graph.claim_reviews.get().organisation == "Checkpoint"
    api = add(url=site.add("/api/status", '{"ok": true}', content_type="application/json"))
    assert api.fetch_state == "failed" and api.fetch_error.startswith("A JSON document, not a page")
