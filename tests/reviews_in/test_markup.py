"""Finding ClaimReview in the shapes publishers ship it: pure functions over strings."""

import json

import pytest

from claims.reviews_in.markup import find_reviews
from tests.reviews_in.helpers import sample


def test_a_page_with_an_article_block_and_a_review_block_yields_the_review():
    found = find_reviews(sample("politifact_like.html"))
    [review] = found.reviews
    assert (review.organisation, review.claim_author, review.rating_name) == ("Truth Meter", "Jane Doe", "Mostly True")
    assert review.claim_appearance == "https://riverton.example/news/mayor-state-of-the-city"
    assert found.problems == [] and not found.is_document


def test_a_graph_resolves_the_organisation_by_its_id_and_keeps_every_appearance_first():
    [review] = find_reviews(sample("fullfact_like.json")).reviews
    assert review.organisation == "Checkpoint" and review.organisation_url == "https://checkpoint.example/"
    assert review.date_published.isoformat() == "2024-10-14T07:30:00+00:00"


def test_a_data_feed_yields_each_item_whether_a_list_or_one():
    found = find_reviews(sample("datafeed.json"))
    assert [r.claim_reviewed[:20] for r in found.reviews] == ["Hot drinks such as h", "The 1969 moon landin"]
    assert found.reviews[0].rating_name == "False" and found.reviews[0].rating_value == ""
    assert found.is_document


def test_a_type_given_as_a_list_or_a_full_address_is_a_claim_review():
    for kind in (["ClaimReview"], "http://schema.org/ClaimReview", "schema:ClaimReview"):
        doc = json.dumps({"@type": kind, "claimReviewed": "The river bridge cost 2 billion"})
        assert len(find_reviews(doc).reviews) == 1


def test_a_review_wrapped_in_a_web_page_and_a_block_in_an_html_comment_are_found():
    doc = {"@type": "WebPage", "mainEntity": {"@type": "ClaimReview", "claimReviewed": "Tolls doubled in 2023"}}
    html = f'<script type="application/ld+json"><!--\n{json.dumps(doc)}\n--></script>'
    assert find_reviews(html).reviews[0].claim_reviewed == "Tolls doubled in 2023"


def test_the_claim_may_be_named_by_the_item_reviewed_when_claim_reviewed_is_missing():
    doc = {"@type": "ClaimReview", "itemReviewed": {"@type": "Claim", "name": "Bridge tolls doubled"}}
    assert find_reviews(json.dumps(doc)).reviews[0].claim_reviewed == "Bridge tolls doubled"


def test_the_older_convention_of_the_claim_s_address_in_same_as_is_read():
    doc = {
        "@type": "ClaimReview",
        "claimReviewed": "Tolls doubled",
        "itemReviewed": {"@type": "CreativeWork", "author": "A. Senator", "sameAs": "https://news.example/speech"},
        "reviewRating": {"ratingValue": "Mostly False"},
    }
    [review] = find_reviews(json.dumps(doc)).reviews
    assert (review.claim_author, review.claim_appearance) == ("A. Senator", "https://news.example/speech")
    assert (review.rating_name, review.rating_value) == ("Mostly False", "")  # a word in ratingValue is its name


def test_microdata_is_named_as_not_read():
    html = '<div itemscope itemtype="https://schema.org/ClaimReview"><span itemprop="claimReviewed">X</span></div>'
    found = find_reviews(html)
    assert found.reviews == [] and found.problems == [
        "ClaimReview in microdata (itemtype) is not read: only JSON-LD is."
    ]


@pytest.mark.parametrize("text", ["[Reuters] The minister said on Monday…", "{Draft} notes from the desk", ""])
def test_prose_that_opens_with_a_bracket_is_not_taken_for_json(text):
    found = find_reviews(text)
    assert (found.reviews, found.problems, found.is_document) == ([], [], False)


def test_one_broken_block_keeps_the_good_one_and_names_itself():
    good = {"@type": "ClaimReview", "claimReviewed": "Tolls doubled", "url": "https://c.example/tolls"}
    html = f'<script type="application/ld+json">{{"@type": </script><script type="application/ld+json">{json.dumps(good)}</script>'
    found = find_reviews(html)
    assert [r.url for r in found.reviews] == ["https://c.example/tolls"]
    assert found.problems[0].startswith("JSON-LD block 1 is not valid JSON") and len(found.problems) == 2
    assert "has no reviewRating: recorded without a rating" in found.problems[1]


def test_a_review_twice_in_one_document_is_read_once():
    review = {"@type": "ClaimReview", "claimReviewed": "Tolls doubled", "url": "https://c.example/tolls/"}
    again = {**review, "url": "https://C.example/tolls#top"}
    assert len(find_reviews(json.dumps([review, again])).reviews) == 1


def test_deeply_nested_or_huge_documents_stop_at_their_limits():
    deep = '{"x": ' * 100_000 + '{"@type": "ClaimReview", "claimReviewed": "Deep"}' + "}" * 100_000
    found = find_reviews(deep)
    assert found.reviews == [] and found.problems == ["The document is not valid JSON: RecursionError."]
    nested = '{"x": ' * 30 + '{"@type": "ClaimReview", "claimReviewed": "Deep"}' + "}" * 30
    assert find_reviews(nested).reviews == []  # deeper than any publisher nests a review
    many = [
        {
            "@type": "ClaimReview",
            "claimReviewed": f"Claim {i}",
            "url": f"https://c.example/{i}",
            "reviewRating": {"ratingValue": 1},
        }
        for i in range(600)
    ]
    found = find_reviews(json.dumps(many))
    assert len(found.reviews) == 200
    assert found.problems == [
        "More than 200 ClaimReviews: the rest were not read (import large files with manage.py import_claim_reviews)."
    ]


@pytest.mark.parametrize("name", ["politifact_like.html", "fullfact_like.json", "afp_like.html", "datafeed.json"])
def test_a_review_written_back_as_json_ld_reads_the_same(name):
    for review in find_reviews(sample(name)).reviews:
        [again] = find_reviews(json.dumps(review.as_jsonld())).reviews
        assert again == review
