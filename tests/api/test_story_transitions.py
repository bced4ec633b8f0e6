"""POST /api/stories/{id}/transition: the desk's workflow rules through the API."""

import pytest

from claims.models import Activity, Claim, Story


def move(client, story, user, api_headers, **body):
    return client.post(
        f"/api/stories/{story.pk}/transition", body, content_type="application/json", **api_headers(user)
    )


def test_the_owner_sends_a_story_to_review(client, story, reporter, api_headers):
    response = move(client, story, reporter, api_headers, state="in_review")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "in_review"
    assert Activity.objects.filter(story=story, verb="moved story to in_review").exists()


def test_only_editors_clear(client, story, reporter, checker, api_headers):
    Story.objects.filter(pk=story.pk).update(state="in_review")
    for person in (reporter, checker):
        assert move(client, story, person, api_headers, state="cleared").status_code == 403
    story.refresh_from_db()
    assert story.state == "in_review"


def test_clearing_with_open_warnings_needs_a_reason(client, story, claim, editor, api_headers):
    Story.objects.filter(pk=story.pk).update(state="in_review")
    Claim.objects.filter(pk=claim.pk).update(status="refuted")
    refused = move(client, story, editor, api_headers, state="cleared")
    assert refused.status_code == 400 and "reason" in refused.json()["detail"]
    done = move(
        client, story, editor, api_headers, state="cleared", reason="The refuted figure is quoted, not asserted."
    )
    assert done.status_code == 200 and done.json()["state"] == "cleared"
    logged = Activity.objects.get(story=story, verb="moved story to cleared")
    assert logged.reason.startswith("The refuted figure is quoted, not asserted.") and "(confirmed)" in logged.reason


def test_publishing_takes_the_url_and_time(client, story, editor, api_headers):
    Story.objects.filter(pk=story.pk).update(state="cleared")
    missing = move(client, story, editor, api_headers, state="published")
    assert missing.status_code == 400 and "address" in str(missing.json()["detail"]["published_url"])
    done = move(
        client,
        story,
        editor,
        api_headers,
        state="published",
        published_url="https://news.example/floods",
        published_at="2024-08-11T09:30:00Z",
    )
    assert done.status_code == 200, done.content
    data = done.json()
    assert data["state"] == "published" and data["published_url"] == "https://news.example/floods"
    assert data["published_at"].startswith("2024-08-11T09:30")


@pytest.mark.parametrize(
    "body",
    [
        {"state": "published", "published_url": "not a url"},
        {"state": "published", "published_url": "https://news.example/x", "published_at": "3024-01-01T00:00:00Z"},
        {"state": "published", "published_url": "https://news.example/x", "published_at": "yesterday"},
        {"state": "archived"},
        {},
    ],
)
def test_bad_transitions_are_422_and_change_nothing(client, story, editor, api_headers, body):
    Story.objects.filter(pk=story.pk).update(state="cleared")
    response = move(client, story, editor, api_headers, **body)
    assert response.status_code == 422 and "detail" in response.json()
    story.refresh_from_db()
    assert story.state == "cleared"


def test_a_stale_version_is_409(client, story, reporter, api_headers):
    response = move(client, story, reporter, api_headers, state="in_review", expected_version=story.version + 5)
    assert response.status_code == 409
    story.refresh_from_db()
    assert story.state == "draft"


def test_corrected_is_refused_with_the_way_to_get_there(client, story, editor, api_headers):
    Story.objects.filter(pk=story.pk).update(state="published", published_at="2024-08-11T09:30:00Z")
    response = move(client, story, editor, api_headers, state="corrected")
    assert response.status_code == 400 and "correction notice" in response.json()["detail"]


def test_a_skipped_step_is_refused(client, story, editor, api_headers):
    response = move(client, story, editor, api_headers, state="published", published_url="https://news.example/x")
    assert response.status_code == 400
    story.refresh_from_db()
    assert story.state == "draft"


def test_an_unknown_story_is_404(client, editor, api_headers):
    response = client.post(
        "/api/stories/99999/transition", {"state": "in_review"}, content_type="application/json", **api_headers(editor)
    )
    assert response.status_code == 404


def test_anonymous_is_refused(client, story):
    response = client.post(
        f"/api/stories/{story.pk}/transition", {"state": "in_review"}, content_type="application/json"
    )
    assert response.status_code in (401, 403)
