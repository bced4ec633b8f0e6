"""The claim queue: filters, search, sort, pagination and bulk triage."""

from django.conf import settings
from django.urls import reverse

from claims.models import Claim, Claimant, Mention
from tests.factories import ClaimFactory, StoryFactory
from tests.views.conftest import HTMX, assert_csp_clean, count_queries

URL = reverse("claim_queue")


def texts(response):
    return [c.text for c in response.context["page"]]


def test_it_lists_claims_with_their_stories(client, checker, story, claim):
    client.force_login(checker)
    response = client.get(URL)
    html = response.content.decode()
    assert texts(response) == [claim.text]
    assert f'href="{story.get_absolute_url()}?claim={claim.pk}"' in html
    assert_csp_clean(html)


def test_it_filters_by_status_assignee_claimant_story_and_desk(client, checker, reporter, story, claim):
    other_story = StoryFactory(owner=reporter, desk="World", body="Ninety-eight drones were shot down overnight.")
    other = ClaimFactory(
        text="Ninety-eight drones were shot down",
        assignee=checker,
        status="refuted",
        claimant=Claimant.objects.create(name="Ministry"),
    )
    Mention.objects.create(story=other_story, claim=other, start=0, end=34, quote=other.text)
    client.force_login(checker)
    assert texts(client.get(URL, {"status": "refuted"})) == [other.text]
    assert texts(client.get(URL, {"assignee": "chk"})) == [other.text]
    assert texts(client.get(URL, {"assignee": "none"})) == [claim.text]
    assert texts(client.get(URL, {"claimant": other.claimant_id})) == [other.text]
    assert texts(client.get(URL, {"story": story.pk})) == [claim.text]
    assert texts(client.get(URL, {"desk": "world"})) == [other.text]


def test_it_ignores_nonsense_filters_instead_of_failing(client, checker, claim):
    client.force_login(checker)
    response = client.get(URL, {"status": "bogus", "claimant": "x", "page": "999", "sort": "drop table"})
    assert response.status_code == 200


def test_search_uses_the_databases_own_path(client, checker, claim):
    """Full-text search on PostgreSQL, substring match on SQLite; CI runs the suite on both."""
    client.force_login(checker)
    ClaimFactory(text="Ninety-eight drones were shot down")
    if settings.IS_POSTGRES:
        # Stemming: "evacuation" finds "evacuated"; websearch syntax excludes with a minus.
        assert texts(client.get(URL, {"q": "home evacuation"})) == [claim.text]
        assert texts(client.get(URL, {"q": "drones -homes"})) == ["Ninety-eight drones were shot down"]
        assert client.get(URL).context["search_mode"] == "full-text"
    else:
        assert texts(client.get(URL, {"q": "homes were evac"})) == [claim.text]
        assert client.get(URL).context["search_mode"] == "contains"


def test_it_sorts_by_priority(client, checker):
    ClaimFactory(text="low one", priority=3)
    ClaimFactory(text="high one", priority=1)
    client.force_login(checker)
    assert texts(client.get(URL, {"sort": "priority"})) == ["high one", "low one"]


def test_it_paginates(client, checker):
    for i in range(30):
        ClaimFactory(text=f"Claim number {i}")
    client.force_login(checker)
    first = client.get(URL)
    assert len(texts(first)) == 25
    assert len(texts(client.get(URL, {"page": 2}))) == 5
    assert "page=2" in first.content.decode()


def test_htmx_filtering_returns_only_the_results(client, checker, claim):
    client.force_login(checker)
    html = client.get(URL, {"status": "unverified"}, **HTMX).content.decode()
    assert html.lstrip().startswith('<div id="results">')


def test_checker_bulk_assigns_and_sets_priority(client, checker, editor):
    claims = [ClaimFactory() for _ in range(5)]
    client.force_login(checker)
    ids = [c.pk for c in claims[:3]]
    response = client.post(
        reverse("claim_queue_bulk"),
        {"claims": ids, "action": "assign", "assignee": editor.pk, "next": URL + "?status=unverified"},
    )
    assert response.status_code == 302 and response.url == URL + "?status=unverified"
    assert Claim.objects.filter(assignee=editor).count() == 3
    client.post(reverse("claim_queue_bulk"), {"claims": ids, "action": "priority", "priority": 1})
    assert set(Claim.objects.filter(priority=1).values_list("pk", flat=True)) == set(ids)


def test_bulk_without_a_selection_explains(client, checker):
    client.force_login(checker)
    response = client.post(reverse("claim_queue_bulk"), {"action": "assign"}, follow=True)
    assert "Tick some claims" in response.content.decode()


def test_reporter_cannot_bulk_assign(client, reporter):
    claim = ClaimFactory()
    client.force_login(reporter)
    assert client.post(reverse("claim_queue_bulk"), {"claims": [claim.pk], "action": "assign"}).status_code == 403


def test_queue_queries_stay_constant_as_rows_grow(client, checker, reporter):
    client.force_login(checker)

    def grow(n):
        for i in range(n):
            story = StoryFactory(owner=reporter)
            claim = ClaimFactory(
                assignee=checker, claimant=Claimant.objects.create(name=f"C{Claimant.objects.count()}")
            )
            Mention.objects.create(story=story, claim=claim, start=0, end=5, quote="The r")

    grow(3)
    few = count_queries(client, URL)
    grow(27)
    assert count_queries(client, URL) == few
