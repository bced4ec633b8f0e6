"""GET /api/stories: paginated, filtered, for desk members."""

import pytest

from claims.models import Story
from tests.factories import StoryFactory

from .helpers import get


@pytest.fixture
def stories(reporter, editor):
    a = StoryFactory(owner=reporter, desk="National")
    b = StoryFactory(owner=reporter, desk="World", state="in_review")
    c = StoryFactory(owner=editor, desk="National")
    Story.objects.filter(pk=c.pk).update(state="published", published_at=a.created_at, needs_correction=True)
    return a, b, c


def test_it_lists_stories_newest_first_with_a_count(client, stories, reporter, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        data = get(client, "/api/stories", reporter).json()
    assert data["count"] == 3 and data["limit"] == 50 and data["offset"] == 0
    assert {s["id"] for s in data["items"]} == {s.pk for s in stories}
    assert {"headline", "state", "version", "fact_health", "owner"} <= set(data["items"][0])


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"state": "in_review"}, [1]),
        ({"desk": "national"}, [0, 2]),
        ({"needs_correction": "true"}, [2]),
        ({"needs_correction": "false"}, [0, 1]),
    ],
)
def test_it_filters(client, stories, reporter, params, expected):
    data = get(client, "/api/stories", reporter, **params).json()
    assert sorted(s["id"] for s in data["items"]) == sorted(stories[i].pk for i in expected)


def test_it_pages(client, stories, reporter):
    first = get(client, "/api/stories", reporter, limit=2).json()
    second = get(client, "/api/stories", reporter, limit=2, offset=2).json()
    assert len(first["items"]) == 2 and len(second["items"]) == 1 and first["count"] == 3
    assert not {s["id"] for s in first["items"]} & {s["id"] for s in second["items"]}


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 1000}, {"offset": -1}, {"state": "lost"}])
def test_bad_list_parameters_are_422(client, reporter, params):
    response = get(client, "/api/stories", reporter, **params)
    assert response.status_code == 422 and "detail" in response.json()


def test_the_list_needs_a_role(client, outsider, db):
    assert client.get("/api/stories").status_code == 401
    assert get(client, "/api/stories", outsider).status_code == 403


def test_an_absurd_story_id_is_not_a_server_error(client, reporter):
    assert get(client, f"/api/stories/{2**70}", reporter).status_code == 422
    assert get(client, f"/api/sources/{2**70}", reporter).status_code == 404
