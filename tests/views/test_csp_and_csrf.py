"""Craft checks across every screen: the strict CSP holds, and CSRF guards every POST."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.views.conftest import HTMX, assert_csp_clean


@pytest.fixture
def pages(story, claim, suggestion, evidence, draft, claimant):
    return [
        reverse("dashboard"),
        story.get_absolute_url(),
        f"{story.get_absolute_url()}?claim={claim.pk}",
        claim.get_absolute_url(),
        claimant.get_absolute_url(),
        evidence.source.get_absolute_url(),
        reverse("claim_queue"),
        reverse("suggestion_queue"),
        reverse("source_queue"),
        reverse("password_change"),
    ]


def test_no_page_uses_inline_styles_or_scripts(client, editor, pages):
    client.force_login(editor)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert_csp_clean(response.content.decode())


def test_htmx_fragments_are_csp_clean_too(client, editor, story, claim):
    client.force_login(editor)
    for url in [reverse("claim_panel", args=[claim.pk]), reverse("story_live", args=[story.pk]) + "?since=old"]:
        assert_csp_clean(client.get(url, **HTMX).content.decode())


def test_every_page_carries_the_csrf_token_for_htmx(client, editor, story):
    client.force_login(editor)
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in html


@pytest.mark.parametrize(
    "name,key",
    [
        ("story_claim_create", "story"),
        ("evidence_accept", "evidence"),
        ("claim_edit", "claim"),
        ("claim_queue_bulk", None),
        ("notifications_read", None),
    ],
)
def test_a_post_without_the_csrf_token_is_refused(editor, story, claim, evidence, name, key):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor)
    target = {"story": story.pk, "claim": claim.pk, "evidence": evidence.pk}
    url = reverse(name, args=[target[key]] if key else [])
    assert csrf_client.post(url, {"quote": "About"}, **HTMX).status_code == 403
    evidence.refresh_from_db()
    assert evidence.state == "suggested"


def test_a_post_with_the_token_header_is_accepted(editor, evidence):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor)
    csrf_client.get(reverse("dashboard"))
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(reverse("evidence_accept", args=[evidence.pk]), HTTP_X_CSRFTOKEN=token, **HTMX)
    assert response.status_code == 200


def test_pages_link_the_favicon_and_favicon_ico_finds_it(client, editor):
    client.force_login(editor)
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.svg"
    from django.contrib.staticfiles import finders

    assert finders.find("favicon.svg")
