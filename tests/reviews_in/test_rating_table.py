"""Editors change how other fact-checkers' ratings are read, on the desk's matcher screen."""

import pytest
from django.urls import reverse

from claims import intake
from claims.models import Activity, ClaimReview, Evidence, MatcherSettings
from tests.reviews_in.helpers import desk_claims, sample
from tests.views.conftest import assert_csp_clean

pytestmark = pytest.mark.django_db
URL = reverse("matcher_review_table")


def test_the_matcher_screen_shows_the_default_table_to_editors(client, editor):
    client.force_login(editor)
    html = client.get(reverse("matcher_settings")).content.decode()
    assert 'action="/matcher/reviews/"' in html and "pants on fire = contradicts" in html
    assert "mostly true = supports" in html and 'name="default_grade"' in html
    assert_csp_clean(html)


def test_an_editor_saves_the_table_and_new_reviews_are_read_with_it(
    client, editor, reporter, checker, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    response = client.post(
        URL,
        {"stances": "Mostly True = context\nfalse = contradicts", "grades": "Truth Meter = B", "default_grade": "D"},
    )
    assert response.status_code == 302
    tiers = MatcherSettings.current()
    assert tiers.review_stances == {"mostly true": "context", "false": "contradicts"}
    assert (tiers.reviewer_grades, tiers.reviewer_default_grade, tiers.updated_by) == (
        {"Truth Meter": "B"},
        "D",
        editor,
    )
    entry = Activity.objects.get(verb="changed the rating table")
    assert entry.actor == editor and "mostly true" in entry.reason

    claims = desk_claims(reporter, checker)
    with django_capture_on_commit_callbacks(execute=True):
        intake.add_source(checker, text=sample("politifact_like.html"))
    review = ClaimReview.objects.get()
    assert review.stance == "context" and review.review_source.reliability == "B"
    evidence = Evidence.objects.get()
    assert evidence.claim_id == claims["trees"].pk and evidence.stance == "context"
    assert "Truth Meter rated it “Mostly True” → context (rating table)" in evidence.matcher_reason


def test_ignore_records_the_review_without_evidence(
    client, editor, reporter, checker, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    assert client.post(URL, {"stances": "mostly true = ignore", "default_grade": "C"}).status_code == 302
    desk_claims(reporter, checker)
    with django_capture_on_commit_callbacks(execute=True):
        intake.add_source(checker, text=sample("politifact_like.html"))
    assert ClaimReview.objects.get().stance == "ignore" and not Evidence.objects.exists()


def test_a_blank_table_means_the_defaults(client, editor):
    client.force_login(editor)
    client.post(URL, {"stances": "mostly true = ignore", "default_grade": "C"})
    assert client.post(URL, {"stances": "  ", "default_grade": "C"}).status_code == 302
    tiers = MatcherSettings.current()
    assert tiers.review_stances is None and tiers.rating_table()["pants on fire"] == "contradicts"


def test_bad_lines_are_refused_line_by_line_and_nothing_is_saved(client, editor):
    client.force_login(editor)
    response = client.post(
        URL, {"stances": "false = contradicts\nfalse = perhaps", "grades": "X = Z", "default_grade": "C"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Line 2: “perhaps” is not a stance" in html and "Line 1: “Z” is not a grade" in html
    assert not MatcherSettings.objects.exists()


def test_a_checker_may_not_change_the_table(client, checker):
    client.force_login(checker)
    assert client.post(URL, {"stances": "false = supports", "default_grade": "C"}).status_code == 403
    assert not MatcherSettings.objects.exists()


def test_the_table_refuses_get(client, editor):
    client.force_login(editor)
    assert client.get(URL).status_code == 405


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.post(URL, {"stances": "false = supports"})
    assert response.status_code == 302 and "login" in response["Location"]
