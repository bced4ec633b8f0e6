"""The dashboard: my claims, evidence waiting, stories to correct, activity, notifications."""

from django.urls import reverse

from claims.models import Claim, Notification, Story
from tests.factories import ClaimFactory, EvidenceFactory, StoryFactory
from tests.views.conftest import HTMX, assert_csp_clean, count_queries


def test_it_shows_useful_empty_states(client, checker):
    client.force_login(checker)
    html = client.get(reverse("dashboard")).content.decode()
    assert "No claims assigned to you" in html
    assert "You're all caught up." in html
    assert "No published story is contradicted" in html
    assert_csp_clean(html)


def test_it_counts_and_links_what_needs_me(client, checker, reporter, claim, evidence):
    Claim.objects.filter(pk=claim.pk).update(assignee=checker)
    flagged = StoryFactory(owner=reporter, state="published", published_at="2024-08-11T09:00Z")
    Story.objects.filter(pk=flagged.pk).update(needs_correction=True)
    Notification.objects.create(recipient=checker, message="Claim #1 is now refuted", url=claim.get_absolute_url())
    client.force_login(checker)
    response = client.get(reverse("dashboard"))
    ctx = response.context
    assert (ctx["my_claims_count"], ctx["waiting_count"], ctx["correction_count"], ctx["unread_count"]) == (1, 1, 1, 1)
    html = response.content.decode()
    assert claim.get_absolute_url() in html and flagged.get_absolute_url() in html
    assert "Claim #1 is now refuted" in html


def test_reporters_see_their_own_stories(client, reporter, editor, story):
    other = StoryFactory(owner=editor, headline="The editor's own story")
    client.force_login(reporter)
    html = client.get(reverse("dashboard")).content.decode()
    assert story.headline in html and other.headline not in html


def test_it_marks_notifications_read(client, checker, htmx):
    Notification.objects.create(recipient=checker, message="hello")
    client.force_login(checker)
    response = client.post(reverse("notifications_read"), **htmx)
    assert response.status_code == 200
    assert "all caught up" in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_marking_read_without_javascript_redirects(client, checker):
    client.force_login(checker)
    assert client.post(reverse("notifications_read")).status_code == 302


def test_dashboard_queries_stay_constant_as_rows_grow(client, checker, reporter):
    client.force_login(checker)

    def grow(n):
        for _ in range(n):
            claim = ClaimFactory(assignee=checker)
            EvidenceFactory(claim=claim)
            Notification.objects.create(recipient=checker, message="m", claim=claim)
            StoryFactory(owner=reporter)

    grow(3)
    few = count_queries(client, reverse("dashboard"))
    grow(27)
    assert count_queries(client, reverse("dashboard")) == few


def test_htmx_is_served_from_our_static_files(client, checker):
    client.force_login(checker)
    html = client.get(reverse("dashboard"), **HTMX).content.decode()
    assert "/static/vendor/htmx.min.js" in html and "unpkg" not in html and "cdn" not in html.lower()
