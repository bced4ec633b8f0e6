"""The desk's evidence review: the stance control in the claim panel, bulk review on the source page,
and the matcher tiers screen for editors."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from claims import review, services
from claims.models import Activity, Evidence, MatcherSettings
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory
from tests.views.conftest import HTMX, assert_csp_clean, count_queries


def csrf_client(user) -> tuple[Client, str]:
    """A browser-like client that enforces CSRF, with the token read from a desk page."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    html = browser.get(reverse("dashboard")).content.decode()
    token = re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)
    return browser, token


# --- the stance control in the claim panel ----------------------------------------------


def test_the_panel_offers_a_stance_control_beside_accept_and_reject(client, checker, claim, evidence):
    client.force_login(checker)
    html = client.get(reverse("claim_panel", args=[claim.pk]), **HTMX).content.decode()
    stance_url = reverse("evidence_stance", args=[evidence.pk])
    assert f'hx-post="{stance_url}"' in html and f'action="{stance_url}"' in html
    assert f'<label for="stance-{evidence.pk}"' in html and f'<select id="stance-{evidence.pk}" name="stance">' in html
    assert '<option value="supports" selected>' in html
    assert html.index(stance_url) < html.index(reverse("evidence_reject", args=[evidence.pk]))
    assert_csp_clean(html)


def test_a_reporter_sees_no_stance_control(client, reporter, claim, evidence):
    client.force_login(reporter)
    html = client.get(reverse("claim_panel", args=[claim.pk]), **HTMX).content.decode()
    assert reverse("evidence_stance", args=[evidence.pk]) not in html


def test_a_checker_changes_a_stance_in_the_panel_with_csrf_on(checker, story, claim, evidence):
    browser, token = csrf_client(checker)
    url = reverse("evidence_stance", args=[evidence.pk])
    response = browser.post(url, {"stance": "updates", "story": story.pk}, HTTP_X_CSRFTOKEN=token, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stance changed from supports to updates." in html
    assert "proposed as supports; changed by chk" in html
    assert '<option value="updates" selected>' in html
    evidence.refresh_from_db()
    assert (evidence.stance, evidence.proposed_stance, evidence.stance_changed_by) == ("updates", "supports", checker)
    assert Activity.objects.filter(verb="changed stance from supports to updates", actor=checker).exists()


def test_a_stance_change_without_the_csrf_token_is_refused(checker, claim, evidence):
    browser, _ = csrf_client(checker)
    response = browser.post(reverse("evidence_stance", args=[evidence.pk]), {"stance": "updates"}, **HTMX)
    assert response.status_code == 403
    assert Evidence.objects.get(pk=evidence.pk).stance == "supports"


def test_a_plain_post_changes_the_stance_and_goes_back(client, checker, claim, evidence):
    client.force_login(checker)
    response = client.post(
        reverse("evidence_stance", args=[evidence.pk]), {"stance": "context", "next": claim.get_absolute_url()}
    )
    assert response.status_code == 302 and response.url == claim.get_absolute_url()
    assert Evidence.objects.get(pk=evidence.pk).stance == "context"


def test_a_bad_stance_is_shown_in_the_panel_not_a_500(client, checker, claim, evidence):
    client.force_login(checker)
    response = client.post(reverse("evidence_stance", args=[evidence.pk]), {"stance": "maybe"}, **HTMX)
    assert response.status_code == 422
    assert "Choose a stance" in response.content.decode()


def test_a_reporter_may_not_change_a_stance(client, reporter, claim, evidence):
    client.force_login(reporter)
    response = client.post(reverse("evidence_stance", args=[evidence.pk]), {"stance": "context"}, **HTMX)
    assert response.status_code == 403
    assert Evidence.objects.get(pk=evidence.pk).stance == "supports"


def test_accepting_a_second_stance_for_one_wire_story_shows_the_reason_in_the_panel(client, checker, claim):
    head = SourceFactory(outlet="Wire")
    services.accept_evidence(EvidenceFactory(claim=claim, source=head, stance="supports"), checker)
    copy = EvidenceFactory(claim=claim, source=SourceFactory(syndication_group=head), stance="contradicts")
    client.force_login(checker)
    response = client.post(reverse("evidence_accept", args=[copy.pk]), **HTMX)
    assert response.status_code == 409
    assert "Change the stance instead" in response.content.decode()
    assert Evidence.objects.get(pk=copy.pk).state == "suggested"


def test_the_panel_shows_machine_accepted_evidence(client, checker, claim):
    EvidenceFactory(claim=claim, state="accepted", machine_accepted=True, matcher_score=0.93)
    client.force_login(checker)
    html = client.get(reverse("claim_panel", args=[claim.pk]), **HTMX).content.decode()
    assert "accepted by the matcher" in html


def test_the_panel_queries_do_not_grow_with_changed_evidence(client, checker, editor, claim):
    client.force_login(checker)
    url = reverse("claim_panel", args=[claim.pk])

    def add_changed(n):
        for _ in range(n):
            evidence = EvidenceFactory(claim=claim, stance="contradicts")
            services.accept_evidence(evidence, editor)
            review.change_stance(evidence, editor, "updates")

    add_changed(1)
    few = count_queries(client, url, **HTMX)
    add_changed(4)
    assert count_queries(client, url, **HTMX) == few


# --- bulk review on the source page -------------------------------------------------------


def test_the_source_page_offers_accept_all_and_reject_all_to_checkers(client, checker, reporter):
    source = SourceFactory()
    for _ in range(2):
        EvidenceFactory(claim=ClaimFactory(), source=source)
    client.force_login(checker)
    html = client.get(source.get_absolute_url()).content.decode()
    assert "Accept all 2 suggestions from this source" in html and "Reject all 2 suggestions" in html
    assert reverse("source_accept_all", args=[source.pk]) in html
    assert html.count("csrfmiddlewaretoken") >= 3  # sign out, and both bulk forms
    assert_csp_clean(html)
    client.force_login(reporter)
    assert "Accept all" not in client.get(source.get_absolute_url()).content.decode()


def test_accept_all_on_the_source_page_reports_accepted_and_skipped(checker, claim):
    head = SourceFactory(outlet="Wire")
    services.accept_evidence(EvidenceFactory(claim=claim, source=head, stance="supports"), checker)
    copy = SourceFactory(syndication_group=head)
    clash = EvidenceFactory(claim=claim, source=copy, stance="contradicts")
    EvidenceFactory(claim=ClaimFactory(), source=copy)
    browser, token = csrf_client(checker)
    response = browser.post(reverse("source_accept_all", args=[copy.pk]), {"csrfmiddlewaretoken": token}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and response.redirect_chain[-1][0] == copy.get_absolute_url()
    assert "Accepted 1 suggestion from this source." in html
    assert f"Skipped evidence #{clash.pk}" in html and "Change the stance instead" in html


def test_reject_all_on_the_source_page_needs_the_csrf_token_and_a_checker(checker, reporter):
    source = SourceFactory()
    evidence = EvidenceFactory(claim=ClaimFactory(), source=source)
    browser, token = csrf_client(checker)
    url = reverse("source_reject_all", args=[source.pk])
    assert browser.post(url).status_code == 403
    assert Evidence.objects.get(pk=evidence.pk).state == "suggested"
    as_reporter, reporter_token = csrf_client(reporter)
    assert as_reporter.post(url, {"csrfmiddlewaretoken": reporter_token}).status_code == 403
    assert browser.post(url, {"csrfmiddlewaretoken": token}).status_code == 302
    assert Evidence.objects.get(pk=evidence.pk).state == "rejected"


def test_the_source_page_queries_do_not_grow_with_its_evidence(client, checker):
    source = SourceFactory()
    EvidenceFactory(claim=ClaimFactory(), source=source)
    client.force_login(checker)
    few = count_queries(client, source.get_absolute_url())
    for _ in range(5):
        EvidenceFactory(claim=ClaimFactory(), source=source, state="accepted", machine_accepted=True)
    assert count_queries(client, source.get_absolute_url()) == few


# --- the matcher tiers screen ---------------------------------------------------------------


def test_an_editor_reaches_the_tiers_from_the_dashboard_and_a_checker_does_not(client, editor, checker):
    client.force_login(editor)
    assert reverse("matcher_settings") in client.get(reverse("dashboard")).content.decode()
    client.force_login(checker)
    assert reverse("matcher_settings") not in client.get(reverse("dashboard")).content.decode()


def test_an_editor_saves_the_tiers_with_csrf_on(editor):
    browser, token = csrf_client(editor)
    url = reverse("matcher_settings")
    html = browser.get(url).content.decode()
    assert 'name="suggest_threshold"' in html and 'value="0.4"' in html and 'name="confirm_enabled"' in html
    assert_csp_clean(html)
    data = {"suggest_threshold": "0.5", "confirm_threshold": "0.9", "confirm_enabled": "on"}
    assert browser.post(url, data).status_code == 403  # no token
    response = browser.post(url, {**data, "csrfmiddlewaretoken": token}, follow=True)
    assert response.status_code == 200 and "Matcher tiers saved." in response.content.decode()
    tiers = MatcherSettings.current()
    assert (tiers.suggest_threshold, tiers.confirm_threshold, tiers.confirm_enabled, tiers.updated_by) == (
        0.5,
        0.9,
        True,
        editor,
    )
    assert Activity.objects.filter(verb="changed matcher tiers", actor=editor).exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"suggest_threshold": "0.9", "confirm_threshold": "0.5"}, "at least the suggestion threshold"),
        ({"suggest_threshold": "1.5", "confirm_threshold": "0.9"}, "less than or equal to 1"),
        ({"suggest_threshold": "-1", "confirm_threshold": "0.9"}, "greater than or equal to 0"),
        ({"suggest_threshold": "nan", "confirm_threshold": "0.9"}, "Enter a number"),
        ({"suggest_threshold": "", "confirm_threshold": "0.9"}, "This field is required"),
    ],
)
def test_bad_tiers_are_re_rendered_with_a_message(client, editor, data, message):
    client.force_login(editor)
    response = client.post(reverse("matcher_settings"), data)
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html and "The tiers were not saved" in html
    assert f'value="{data["confirm_threshold"]}"' in html  # what the editor typed stays
    assert not MatcherSettings.objects.exists()


def test_the_tiers_screen_is_403_for_checkers_and_reporters(client, checker, reporter):
    for user in (checker, reporter):
        client.force_login(user)
        assert client.get(reverse("matcher_settings")).status_code == 403
        response = client.post(reverse("matcher_settings"), {"suggest_threshold": "0", "confirm_threshold": "0"})
        assert response.status_code == 403
    assert not MatcherSettings.objects.exists()


def test_the_tiers_screen_answers_in_a_fixed_number_of_queries(client, editor):
    client.force_login(editor)
    url = reverse("matcher_settings")
    before = count_queries(client, url)
    review.save_matcher_settings(editor, suggest_threshold=0.3, confirm_threshold=0.8, confirm_enabled=True)
    assert count_queries(client, url) == before
    assert before <= 5
