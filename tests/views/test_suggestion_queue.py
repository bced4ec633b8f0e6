"""The suggestion queue: desks dismiss dozens of the finder's suggestions at once."""

from django.urls import reverse

from claims.models import ClaimSuggestion, DeskMembership
from tests.factories import StoryFactory
from tests.views.conftest import count_queries


def make(story, n):
    return [ClaimSuggestion.objects.create(story=story, text=f"s{i}", start=i, end=i + 1) for i in range(n)]


def test_it_lists_open_suggestions(client, checker, story, suggestion):
    client.force_login(checker)
    html = client.get(reverse("suggestion_queue")).content.decode()
    assert suggestion.text[:60] in html


def test_it_bulk_dismisses(client, checker, story):
    rows = make(story, 5)
    client.force_login(checker)
    response = client.post(reverse("suggestion_bulk_dismiss"), {"suggestions": [r.pk for r in rows[:4]]}, follow=True)
    assert "4 suggestions dismissed." in response.content.decode()
    assert ClaimSuggestion.objects.filter(state="dismissed").count() == 4


def test_a_reporter_cannot_dismiss_suggestions_on_others_stories(client, reporter, editor):
    rows = make(StoryFactory(owner=editor), 2)
    client.force_login(reporter)
    response = client.post(reverse("suggestion_bulk_dismiss"), {"suggestions": [r.pk for r in rows]})
    assert response.status_code == 403
    assert ClaimSuggestion.objects.filter(state="open").count() == 2


def test_it_filters_by_desk(client, checker, reporter):
    # Desk membership: the checker works on both desks (checkers see only their desks' stories).
    DeskMembership.objects.bulk_create([DeskMembership(user=checker, desk=d) for d in ("World", "City")])
    make(StoryFactory(owner=reporter, desk="World"), 2)
    make(StoryFactory(owner=reporter, desk="City"), 3)
    client.force_login(checker)
    assert client.get(reverse("suggestion_queue"), {"desk": "city"}).context["page"].paginator.count == 3


def test_queries_stay_constant(client, checker, reporter):
    client.force_login(checker)
    for _ in range(3):
        make(StoryFactory(owner=reporter), 1)
    few = count_queries(client, reverse("suggestion_queue"))
    for _ in range(27):
        make(StoryFactory(owner=reporter), 1)
    assert count_queries(client, reverse("suggestion_queue")) == few
