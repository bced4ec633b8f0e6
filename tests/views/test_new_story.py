"""The new-story screen: reporters and up write or paste a story; it opens in its workspace."""

import pytest

from claims.filing import split_pasted
from claims.models import Activity, ClaimSuggestion, OutboxJob, Story

URL = "/stories/new/"


def test_the_dashboard_links_to_the_new_story_screen(client, reporter):
    client.force_login(reporter)
    html = client.get("/").content.decode()
    assert 'href="/stories/new/"' in html


def test_a_reporter_files_a_story_and_lands_in_its_workspace_with_suggestions(client, reporter, jobs):
    client.force_login(reporter)
    assert client.get(URL).status_code == 200
    body = "Officials said 1,200 homes were evacuated on Tuesday, the county council said. It rained."
    with jobs(execute=True):
        response = client.post(
            URL,
            {
                "new-headline": "  Floods:  river peaks ",
                "new-body": body,
                "new-desk": "Local",
                "new-byline": "Ann Reporter",
                "new-published_url": "https://news.example/floods",
                "new-published_at": "2024-03-05T10:30",
            },
        )
    story = Story.objects.get()
    assert response.status_code == 302 and response["Location"] == story.get_absolute_url()
    assert (story.headline, story.owner, story.desk, story.byline) == (
        "Floods: river peaks",
        reporter,
        "Local",
        "Ann Reporter",
    )
    assert story.published_at.isoformat().startswith("2024-03-05T10:30")
    assert Activity.objects.filter(story=story, verb="filed story").exists()
    # In-process jobs ran after commit: the finder has already suggested the checkable sentence.
    assert ClaimSuggestion.objects.filter(story=story).exists()
    assert OutboxJob.objects.filter(task="claims.tasks.suggest_claims_for_story", done_at__isnull=False).exists()


def test_the_workspace_shows_progress_while_the_finder_is_still_reading(client, reporter, story):
    OutboxJob.objects.create(
        task="claims.tasks.suggest_claims_for_story",
        args=[story.pk],
        key=f"claims.tasks.suggest_claims_for_story:{story.pk}",
    )
    client.force_login(reporter)
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'data-finder="running"' in html and "No open suggestions" not in html


def test_pasted_plain_text_becomes_headline_byline_and_body(client, reporter):
    client.force_login(reporter)
    text = "Kursk incursion widens\r\nBy Jane Wire\r\n\r\nOver 76,000 people were evacuated, according to TASS.\r\nMore later."
    response = client.post(URL, {"paste-text": text})
    story = Story.objects.get()
    assert response.status_code == 302
    assert story.headline == "Kursk incursion widens" and story.byline == "Jane Wire"
    assert story.body == "Over 76,000 people were evacuated, according to TASS.\nMore later."


def test_wire_copy_without_a_headline_gets_its_first_sentence():
    parts = split_pasted("President Zelenskiy confirmed the incursion. Russia evacuated 76,000 people.")
    assert parts["headline"] == "President Zelenskiy confirmed the incursion."
    assert parts["body"].startswith("President Zelenskiy")


def test_a_paste_with_only_a_headline_shows_the_form_with_an_error(client, reporter):
    client.force_login(reporter)
    response = client.post(URL, {"paste-text": "Just a headline"})
    assert response.status_code == 422
    assert b"Just a headline" in response.content and b"This field is required" in response.content
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"new-headline": "", "new-body": "x"},
        {"new-headline": "h", "new-body": "   "},
        {"new-headline": "h", "new-body": "x", "new-published_at": "1066-10-14T09:00"},
        {"new-headline": "h" * 301, "new-body": "x"},
        {"new-headline": "h", "new-body": "x", "new-published_url": "javascript:alert(1)"},
    ],
)
def test_bad_input_is_a_form_error_not_a_500(client, reporter, data):
    client.force_login(reporter)
    response = client.post(URL, data)
    assert response.status_code == 422
    assert not Story.objects.exists()


def test_people_without_a_newsroom_role_cannot_file(client, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"new-headline": "h", "new-body": "b"}).status_code == 403
    assert not Story.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_other_methods(client, reporter):
    client.force_login(reporter)
    assert client.put(URL).status_code == 405
