"""Two people editing one story: nothing either of them changed is lost or silently reverted."""

from django.urls import reverse

from claims.forms import StoryEditForm
from claims.models import Story

from .conftest import HTMX


def opened(story) -> dict:
    """The edit form's values as a person opening it now would send them back."""
    initial = StoryEditForm.initial_for(story)
    initial["published_at"] = ""
    initial["published_url"] = initial["published_url"] or ""
    return initial


def save(client, story, data):
    return client.post(reverse("story_edit", args=[story.pk]), data, **HTMX)


def test_edits_to_different_fields_are_both_kept(client, reporter, editor, story):
    mine, theirs = opened(story), opened(story)
    client.force_login(editor)
    save(client, story, {**theirs, "headline": "Their headline"})
    client.force_login(reporter)
    response = save(client, story, {**mine, "desk": "Local"})
    assert response.status_code == 200, response.content[:500]
    story.refresh_from_db()
    assert (story.headline, story.desk) == ("Their headline", "Local")


def test_both_changing_the_body_shows_their_words_highlighted_and_saves_nothing(client, reporter, editor, story):
    mine, theirs = opened(story), opened(story)
    client.force_login(editor)
    save(client, story, {**theirs, "body": story.body.replace("About 1,200 homes", "About 1,300 homes")})
    client.force_login(reporter)
    response = save(client, story, {**mine, "body": story.body + " Roads reopened."})
    html = response.content.decode()
    assert response.status_code == 409
    assert '<mark class="diff">1,300</mark>' in html
    assert '<mark class="diff">Roads</mark>' in html or "Roads reopened." in html
    assert 'name="choose_body"' in html and 'name="conflicted" value="body"' in html
    assert Story.objects.get(pk=story.pk).body.count("1,300") == 1


def test_saving_again_after_a_conflict_requires_a_choice_per_field(client, reporter, editor, story):
    mine, theirs = opened(story), opened(story)
    client.force_login(editor)
    save(client, story, {**theirs, "headline": "Their headline"})
    client.force_login(reporter)
    save(client, story, {**mine, "headline": "My headline"})
    current = Story.objects.get(pk=story.pk)
    again = {
        **mine,
        "headline": "My headline",
        "version": current.version,
        "base": StoryEditForm.initial_for(current)["base"],
        "conflicted": "headline",
    }
    response = save(client, story, again)
    assert response.status_code == 422
    assert b"Choose theirs or yours" in response.content
    assert Story.objects.get(pk=story.pk).headline == "Their headline"

    response = save(client, story, {**again, "choose_headline": "theirs"})
    assert Story.objects.get(pk=story.pk).headline == "Their headline"
    response = save(
        client, story, {**again, "choose_headline": "mine", "version": Story.objects.get(pk=story.pk).version}
    )
    assert response.status_code == 200
    assert Story.objects.get(pk=story.pk).headline == "My headline"


def test_a_textarea_newline_is_not_an_edit(client, reporter, story):
    Story.objects.filter(pk=story.pk).update(body="Line one.\nAbout 1,200 homes were evacuated")
    story.refresh_from_db()
    client.force_login(reporter)
    data = opened(story)
    data["body"] = data["body"].replace("\n", "\r\n")
    response = save(client, story, data)
    assert b"Nothing changed" in response.content


def test_a_reporters_edit_to_a_cleared_story_sends_it_back_to_review(client, reporter, story):
    from claims.models import Activity

    Story.objects.filter(pk=story.pk).update(state="cleared")
    story.refresh_from_db()
    client.force_login(reporter)
    response = save(client, story, {**opened(story), "headline": "A new angle"})
    assert response.status_code == 200
    assert b"in review again" in response.content
    story.refresh_from_db()
    assert (story.headline, story.state) == ("A new angle", "in_review")
    assert Activity.objects.filter(story=story, verb="moved story to in_review").exists()


def test_an_editors_edit_keeps_a_cleared_story_cleared(client, editor, story):
    Story.objects.filter(pk=story.pk).update(state="cleared")
    story.refresh_from_db()
    client.force_login(editor)
    save(client, story, {**opened(story), "headline": "Tightened"})
    story.refresh_from_db()
    assert (story.headline, story.state) == ("Tightened", "cleared")


def test_a_reporter_cannot_rewrite_a_published_story(client, reporter, story):
    from django.utils import timezone

    from claims import services

    Story.objects.filter(pk=story.pk).update(state="published", published_at=timezone.now())
    story.refresh_from_db()
    client.force_login(reporter)
    assert b"Edit the story" not in client.get(story.get_absolute_url()).content
    response = save(client, story, {**opened(story), "headline": "Quiet rewrite"})
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.headline != "Quiet rewrite" and story.state == "published"
    import pytest
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match="correction workflow"):
        services.edit_story(story, reporter, expected_version=story.version, headline="x")
