"""The activity log and notifications through the API."""

from claims.models import Notification

from .helpers import get, post


def test_activity_lists_a_claims_history(client, claim, checker, reporter, django_assert_max_num_queries):
    post(client, f"/api/claims/{claim.pk}/verifications", {"rating": "false", "rationale": "Wrong."}, checker)
    with django_assert_max_num_queries(6):
        data = get(client, "/api/activity", reporter, claim=claim.pk).json()
    assert data["count"] >= 1 and data["items"][0]["verb"] == "drafted verdict"
    assert all(item["claim"] == claim.pk for item in data["items"])


def test_activity_filters_by_story(client, story, reporter, claim):
    post(client, "/api/stories", {"headline": "Other", "body": "Text."}, reporter)
    data = get(client, "/api/activity", reporter, story=story.pk).json()
    assert all(item["story"] == story.pk for item in data["items"])


def test_notifications_are_mine_and_can_be_marked_read(client, reporter, checker, claim):
    mine = Notification.objects.create(recipient=reporter, message="Claim #1 is now refuted")
    theirs = Notification.objects.create(recipient=checker, message="Not yours")
    data = get(client, "/api/notifications", reporter).json()
    assert [n["id"] for n in data["items"]] == [mine.pk] and data["unread"] == 1
    assert post(client, f"/api/notifications/{theirs.pk}/read", {}, reporter).status_code == 404
    response = post(client, f"/api/notifications/{mine.pk}/read", {}, reporter)
    assert response.status_code == 200 and response.json()["read"] is True
    assert get(client, "/api/notifications", reporter, unread="true").json()["items"] == []
    assert get(client, "/api/notifications", reporter).json()["unread"] == 0


def test_mark_all_read(client, reporter):
    Notification.objects.create(recipient=reporter, message="a")
    Notification.objects.create(recipient=reporter, message="b")
    assert post(client, "/api/notifications/read", {}, reporter).json() == {"marked": 2}
