"""The public fact-check pages: approved verdicts only, with their JSON-LD."""

import json
import re

from django.urls import reverse

from claims import services
from claims.models import Rating
from tests.factories import ClaimFactory

from .builders import approve, publish, publish_alone


def ld_json(html: str) -> tuple[str, dict]:
    match = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.DOTALL)
    assert match, "no JSON-LD script"
    return match.group(1), json.loads(match.group(2))


def test_anyone_can_read_an_approved_fact_check(client, verdict, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(verdict.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert verdict.claim.text in html and "County council" in html
    assert "False" in html and 'fill="#c0392b"' in html
    assert "The council&#x27;s own figure is 800." in html
    assert "Council minutes" in html and "https://gazette.example/minutes" in html
    assert "https://news.example/river-floods" in html


def test_the_page_carries_the_claimreview_with_the_csp_nonce(client, verdict):
    response = client.get(verdict.get_absolute_url())
    nonce, data = ld_json(response.content.decode())
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert data["@type"] == "ClaimReview" and data["url"] == f"http://testserver/fact-checks/{verdict.pk}/"
    assert data["reviewRating"]["alternateName"] == "False"


def test_a_claim_with_script_tags_cannot_break_out_of_the_json_ld(client, claim, story, checker, editor):
    claim.text = 'He said "</script><script>alert(1)</script>" twice'
    claim.save()
    publish(story)
    verdict = approve(claim, checker, editor)
    html = client.get(verdict.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    _nonce, data = ld_json(html)
    assert "</script><script>alert(1)</script>" in data["itemReviewed"]["text"]


def test_drafts_are_404_for_everyone_outside(client, claim, checker):
    draft = services.draft_verification(claim, checker, rating=Rating.objects.get(slug="true"), rationale="Right.")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("public_index")).content.decode().count(claim.text) == 0


def test_a_superseded_verdict_redirects_to_the_current_one(client, verdict, checker, editor2):
    newer = approve(verdict.claim, checker, editor2, rating="misleading", rationale="Partly right.")
    response = client.get(verdict.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == newer.get_absolute_url()
    page = client.get(newer.get_absolute_url()).content.decode()
    assert "Verdict history" in page and "Misleading" in page


def test_the_index_lists_published_fact_checks_in_pages(client, checker, editor, django_assert_max_num_queries):
    for _ in range(23):
        verdict = approve(ClaimFactory(), checker, editor)
        publish_alone(verdict, editor)
    with django_assert_max_num_queries(4):
        first = client.get(reverse("public_index"))
    assert first.status_code == 200 and len(re.findall(r'href="/fact-checks/\d+/"', first.content.decode())) == 20
    second = client.get(reverse("public_index") + "?page=2").content.decode()
    assert len(re.findall(r'href="/fact-checks/\d+/"', second)) == 3
    assert client.get(reverse("public_index") + "?page=banana").status_code == 200


def test_the_atom_feed_lists_fact_checks(client, verdict):
    response = client.get(reverse("public_feed"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<feed" in body and f"/fact-checks/{verdict.pk}/" in body and "False: About 1,200" in body


def test_the_rating_scale_page_maps_numbers_to_labels(client, db):
    html = client.get(reverse("public_ratings")).content.decode()
    for value, label in [(5, "True"), (4, "Mostly true"), (3, "Misleading"), (2, "Mostly false"), (1, "False")]:
        assert re.search(rf"<td>{value}</td>\s*<td>.*?{label}</td>", html, re.DOTALL), label
    assert "Unverifiable" in html and "Not a point on the numeric scale" in html


def test_public_pages_refuse_post(client, verdict):
    assert client.post(verdict.get_absolute_url()).status_code == 405
    assert client.post(reverse("public_feed")).status_code == 405
