"""Other fact-checkers on the desk's screens: the claim page, the source page, the public page."""

import pytest
from django.urls import reverse

from claims.models import Source
from tests.factories import ClaimFactory, SourceFactory
from tests.publishing.builders import approve, publish
from tests.reviews_in.helpers import review_on
from tests.views.conftest import assert_csp_clean, count_queries

pytestmark = pytest.mark.django_db


def test_the_claim_page_lists_which_fact_checkers_rated_it_with_their_rating_and_link(client, checker):
    claim = ClaimFactory(text="The city has planted 50,000 trees since 2020")
    review = review_on(claim, "Truth Meter", "Mostly True", stance="supports")
    rejected = review_on(claim, "Rumour Desk", "False", state="rejected")
    client.force_login(checker)
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "Other fact-checkers" in html and f'data-claim-review="{review.pk}"' in html
    assert '<strong>Truth Meter</strong>: <span class="rating-label">Mostly True</span>' in html
    assert f'href="{review.url}"' in html
    assert f'data-claim-review="{rejected.pk}"' not in html  # a rejected review no longer bears on it
    assert_csp_clean(html)


def test_the_claim_page_queries_do_not_grow_with_its_reviews(client, checker):
    client.force_login(checker)

    def claim_with(n):
        claim = ClaimFactory()
        for i in range(n):
            review_on(claim, f"Checker {i}", "False")
        return claim.get_absolute_url()

    assert count_queries(client, claim_with(2)) == count_queries(client, claim_with(12))


def test_the_source_page_shows_its_reviews_and_the_markup_it_could_not_read(client, checker):
    page = SourceFactory(claim_review_problems=["JSON-LD block 2 is not valid JSON (line 3, column 1): oops."])
    review = review_on(ClaimFactory(), "Checkpoint", "Incorrect", found_on=page)
    client.force_login(checker)
    html = client.get(page.get_absolute_url()).content.decode()
    assert "<strong>Checkpoint</strong> rated" in html and "“Incorrect”" in html
    assert "JSON-LD block 2 is not valid JSON" in html
    assert reverse("source_detail", args=[review.review_source_id]) in html
    own = client.get(review.review_source.get_absolute_url()).content.decode()
    assert f'data-claim-review="{review.pk}"' in own  # a review's own source shows the review too
    assert_csp_clean(html)


def test_the_source_page_queries_do_not_grow_with_its_reviews(client, checker):
    client.force_login(checker)

    def page_with(n):
        page = SourceFactory()
        for i in range(n):
            review_on(ClaimFactory(), f"Checker {i}", "False", found_on=page)
        return page.get_absolute_url()

    assert count_queries(client, page_with(2)) == count_queries(client, page_with(12))


def test_the_api_lists_a_source_s_reviews_with_constant_queries(
    client, checker, api_headers, django_assert_max_num_queries
):
    def page_with(n):
        page = SourceFactory()
        for i in range(n):
            review_on(ClaimFactory(), f"Checker {i}", "Pants on Fire", found_on=page)
        return page

    small, big = page_with(2), page_with(12)
    with django_assert_max_num_queries(12):
        assert len(client.get(f"/api/sources/{small.pk}", **api_headers(checker)).json()["claim_reviews"]) == 2
    with django_assert_max_num_queries(12):
        body = client.get(f"/api/sources/{big.pk}", **api_headers(checker)).json()
    assert len(body["claim_reviews"]) == 12
    assert body["claim_reviews"][0]["rating"]["alternate_name"] == "Pants on Fire"
    assert Source.objects.count() == 2 + 14


def test_the_public_fact_check_lists_accepted_reviews_as_related_fact_checks(client, checker, editor, claim, story):
    publish(story)  # the verdict is public once a published story mentions its claim
    accepted = review_on(claim, "Checkpoint", "Incorrect", state="accepted")
    suggested = review_on(claim, "Rumour Desk", "False")
    verdict = approve(claim, checker, editor)
    html = client.get(reverse("public_factcheck", args=[verdict.pk])).content.decode()
    assert "Related fact-checks" in html and f'href="{accepted.url}"' in html
    assert "Checkpoint: <strong>Incorrect</strong>" in html
    assert suggested.url not in html  # not yet accepted by the desk


def test_the_api_claim_lists_the_other_fact_checks_with_constant_queries(
    client, checker, api_headers, django_assert_max_num_queries
):
    def claim_with(n):
        claim = ClaimFactory()
        for i in range(n):
            review_on(claim, f"Checker {i}", "Half True", stance="context")
        review_on(claim, "Rejected Checker", "False", state="rejected")
        return claim

    small, big = claim_with(1), claim_with(10)
    with django_assert_max_num_queries(14):
        client.get(f"/api/claims/{small.pk}", **api_headers(checker))
    with django_assert_max_num_queries(14):
        body = client.get(f"/api/claims/{big.pk}", **api_headers(checker)).json()
    checks = body["other_fact_checks"]
    assert len(checks) == 10 and "Rejected Checker" not in {c["organisation"] for c in checks}
    assert checks[0]["rating"]["label"] == "Half True" and checks[0]["evidence_stance"] == "context"
    assert checks[0]["url"].startswith("https://checker")
