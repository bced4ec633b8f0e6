"""The story workspace: marked claims, suggestions, creating claims from selections, workflow."""

import itertools
import re

import pytest
from django.urls import reverse

from claims.models import Activity, Claim, ClaimSuggestion, Comment, Mention, Notification, Story
from tests.factories import ClaimFactory, StoryFactory
from tests.views.conftest import HTMX, assert_csp_clean, count_queries, story_with_claims


def url(story):
    return reverse("story_workspace", args=[story.pk])


def test_it_marks_every_claim_with_its_status_and_offsets(client, checker, story, claim):
    client.force_login(checker)
    html = client.get(url(story)).content.decode()
    mark = re.search(
        r'<mark class="claim-mark st-(\w+)" data-claim="(\d+)" data-status="(\w+)">'
        r'<a class="seg" data-start="(\d+)" data-end="(\d+)"',
        html,
    )
    assert mark, "no claim mark"
    assert int(mark.group(2)) == claim.pk and mark.group(3) == claim.status
    start, end = int(mark.group(4)), int(mark.group(5))
    assert story.body[start:end] == claim.text
    assert "[claim unverified]" in html  # status in words, not by colour alone
    assert 'aria-label="Legend"' in html


def test_the_text_runs_cover_the_whole_body_so_offsets_are_recoverable(client, checker, story, claim, suggestion):
    client.force_login(checker)
    html = client.get(url(story)).content.decode()
    runs = [(int(a), int(b)) for a, b in re.findall(r'class="seg[^"]*" data-start="(\d+)" data-end="(\d+)"', html)]
    assert runs[0][0] == 0 and runs[-1][1] == len(story.body)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(runs))


def test_it_shows_open_suggestions_distinctly(client, checker, story, suggestion):
    client.force_login(checker)
    html = client.get(url(story)).content.decode()
    assert f'data-suggestion="{suggestion.pk}"' in html
    assert 'class="seg suggestion"' in html
    assert reverse("suggestion_accept", args=[suggestion.pk]) in html


def test_it_opens_the_selected_claims_panel_without_javascript(client, checker, story, claim):
    client.force_login(checker)
    html = client.get(url(story) + f"?claim={claim.pk}").content.decode()
    assert f'id="claim-panel-{claim.pk}"' in html


def test_it_404s_for_a_missing_story(client, checker):
    client.force_login(checker)
    assert client.get(reverse("story_workspace", args=[999999])).status_code == 404


def test_it_sends_no_inline_styles_or_scripts(client, checker, story, claim, suggestion):
    client.force_login(checker)
    response = client.get(url(story) + f"?claim={claim.pk}")
    assert "Content-Security-Policy" in response.headers
    assert_csp_clean(response.content.decode())


def test_it_creates_a_claim_from_selected_offsets(client, checker, story, htmx):
    client.force_login(checker)
    start = story.body.index("The river")
    end = story.body.index(" on Tuesday")
    response = client.post(reverse("story_claim_create", args=[story.pk]), {"start": start, "end": end}, **htmx)
    assert response.status_code == 200
    mention = Mention.objects.get(story=story)
    assert (mention.start, mention.end) == (start, end)
    assert mention.claim.text == "The river peaked at 6.2 metres"
    assert f'id="claim-panel-{mention.claim_id}"' in response.content.decode()


def test_it_trims_whitespace_a_drag_selection_takes_along(client, checker, story, htmx):
    client.force_login(checker)
    start = story.body.index("About 1,200") - 1
    client.post(reverse("story_claim_create", args=[story.pk]), {"start": start, "end": start + 12}, **htmx)
    assert Mention.objects.get(story=story).quote == "About 1,200"


def test_it_creates_a_claim_from_quoted_words_without_javascript(client, checker, story):
    client.force_login(checker)
    response = client.post(
        reverse("story_claim_create", args=[story.pk]), {"quote": "About 1,200 homes were evacuated"}
    )
    claim = Claim.objects.get()
    assert response.status_code == 302
    assert response.url == f"{url(story)}?claim={claim.pk}"


def test_it_rerenders_with_a_message_for_words_not_in_the_story(client, checker, story, htmx):
    client.force_login(checker)
    response = client.post(reverse("story_claim_create", args=[story.pk]), {"quote": "not in the text"}, **htmx)
    assert response.status_code == 422
    assert "not in the story text" in response.content.decode()
    assert not Claim.objects.exists()


@pytest.mark.parametrize("data", [{"start": 5, "end": 99999}, {"start": 10, "end": 3}, {"start": "x", "end": "y"}, {}])
def test_it_refuses_bad_spans_without_a_500(client, checker, story, htmx, data):
    client.force_login(checker)
    response = client.post(reverse("story_claim_create", args=[story.pk]), data, **htmx)
    assert response.status_code == 422
    assert not Claim.objects.exists()


def test_reporter_cannot_mark_claims_on_someone_elses_story(client, story, editor, htmx):
    from tests.factories import StoryFactory, UserFactory

    other_reporter = UserFactory(username="rep2", role="Reporter")
    mine = StoryFactory(owner=editor)
    client.force_login(other_reporter)
    response = client.post(reverse("story_claim_create", args=[mine.pk]), {"start": 0, "end": 9}, **htmx)
    assert response.status_code == 403


def test_it_accepts_a_suggestion_with_its_claimant_and_quantity(client, checker, story, suggestion, htmx):
    client.force_login(checker)
    response = client.post(reverse("suggestion_accept", args=[suggestion.pk]), **htmx)
    assert response.status_code == 200
    claim = Claim.objects.get()
    assert claim.claimant.name == "environment agency"
    assert (claim.kind, claim.quantity_value, claim.quantity_unit) == ("quantity", 6.2, "metre")
    assert str(claim.as_of) == "2024-03-05"
    suggestion.refresh_from_db()
    assert suggestion.state == "accepted" and suggestion.claim == claim


def test_accepting_a_decided_suggestion_changes_nothing(client, checker, story, suggestion, htmx):
    client.force_login(checker)
    ClaimSuggestion.objects.filter(pk=suggestion.pk).update(state="dismissed")
    response = client.post(reverse("suggestion_accept", args=[suggestion.pk]), **htmx)
    assert response.status_code == 409
    assert not Claim.objects.exists()


def test_it_dismisses_a_suggestion_in_one_click(client, checker, story, suggestion):
    client.force_login(checker)
    response = client.post(reverse("suggestion_dismiss", args=[suggestion.pk]))
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.state == "dismissed"
    assert Activity.objects.filter(verb="dismissed suggestion").exists()


def test_editor_clearing_a_story_with_unreviewed_claims_is_asked_to_confirm(client, editor, story, claim, htmx):
    Story.objects.filter(pk=story.pk).update(state="in_review")
    client.force_login(editor)
    data = {"to_state": "cleared", "version": story.version}
    response = client.post(reverse("story_transition", args=[story.pk]), data, **htmx)
    assert response.status_code == 422
    assert "Clear this story anyway?" in response.content.decode()
    story.refresh_from_db()
    assert story.state == "in_review"

    data |= {"confirmed": "on", "reason": "Figure attributed to the council"}
    response = client.post(reverse("story_transition", args=[story.pk]), data, **htmx)
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.state == "cleared"
    logged = Activity.objects.get(verb="moved story to cleared")
    assert "Figure attributed to the council" in logged.reason


def test_a_reporter_sends_their_story_to_review_but_cannot_clear_it(client, reporter, story):
    client.force_login(reporter)
    response = client.post(reverse("story_transition", args=[story.pk]), {"to_state": "in_review", "version": 1})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.state == "in_review"
    response = client.post(reverse("story_transition", args=[story.pk]), {"to_state": "cleared", "version": 2})
    assert response.status_code == 403


def test_a_stale_workflow_button_reports_the_conflict(client, reporter, story, htmx):
    client.force_login(reporter)
    Story.objects.filter(pk=story.pk).update(version=5)
    response = client.post(
        reverse("story_transition", args=[story.pk]), {"to_state": "in_review", "version": 1}, **htmx
    )
    assert response.status_code == 409
    assert "Someone changed this story" in response.content.decode()


def test_concurrent_story_edits_show_theirs_and_keep_mine(client, reporter, editor, story, htmx):
    client.force_login(editor)
    client.post(
        reverse("story_edit", args=[story.pk]),
        {"version": 1, "headline": "Their headline", "body": story.body, "desk": "National", "byline": ""},
    )
    client.force_login(reporter)
    response = client.post(
        reverse("story_edit", args=[story.pk]),
        {"version": 1, "headline": "My headline", "body": story.body, "desk": "National", "byline": ""},
        **htmx,
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "someone else changed this" in html
    assert "Their headline" in html and 'value="My headline"' in html
    story.refresh_from_db()
    assert story.headline == "Their headline"


def test_story_comment_notifies_the_mentioned(client, reporter, checker, story, htmx):
    client.force_login(reporter)
    response = client.post(
        reverse("story_comment", args=[story.pk]), {"body": "@chk can you check the figure?"}, **htmx
    )
    assert response.status_code == 200
    comment = Comment.objects.get()
    assert list(comment.mentioned.all()) == [checker]
    assert Notification.objects.filter(recipient=checker, story=story).exists()


def test_workspace_queries_stay_constant_as_claims_grow(client, checker, reporter):
    client.force_login(checker)
    small = story_with_claims(reporter, 3)
    large = story_with_claims(reporter, 30)
    assert count_queries(client, url(small)) == count_queries(client, url(large))
    c_small = Mention.objects.filter(story=small).first().claim_id
    c_large = Mention.objects.filter(story=large).first().claim_id
    assert count_queries(client, url(small) + f"?claim={c_small}") == count_queries(
        client, url(large) + f"?claim={c_large}"
    )


def test_the_htmx_workspace_fragment_is_not_the_whole_page(client, checker, story, claim, htmx):
    client.force_login(checker)
    start = story.body.index("The river")
    response = client.post(reverse("story_claim_create", args=[story.pk]), {"start": start, "end": start + 9}, **htmx)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="workspace"')
    assert "<html" not in html


def test_claims_marked_earlier_in_another_story_are_reused(client, checker, story, reporter, htmx):
    from tests.factories import StoryFactory

    existing = ClaimFactory(text="About 1,200 homes were evacuated")
    other = StoryFactory(owner=reporter)
    Mention.objects.create(
        story=other,
        claim=existing,
        start=other.body.index("About"),
        end=other.body.index("About") + len(existing.text),
        quote=existing.text,
    )
    client.force_login(checker)
    client.post(reverse("story_claim_create", args=[story.pk]), {"quote": "About 1,200 homes were evacuated"}, **htmx)
    assert Claim.objects.count() == 1
    assert existing.mentions.count() == 2


def test_text_runs_count_characters_as_code_points_past_emoji_and_flags(client, checker, reporter):
    body = "🇺🇦 𝐀 😀 About 1,200 homes were evacuated"
    story = StoryFactory(owner=reporter, body=body)
    client.force_login(checker)
    html = client.get(story.get_absolute_url()).content.decode()
    at = body.index("About")
    assert at == 7  # code points; the browser counts 12 UTF-16 units
    assert f'data-start="0" data-end="{len(body)}"' in html
    response = client.post(
        reverse("story_claim_create", args=[story.pk]), {"start": at, "end": len(body), "quote": ""}, **HTMX
    )
    assert response.status_code == 200
    mention = Mention.objects.get(story=story)
    assert body[mention.start : mention.end] == "About 1,200 homes were evacuated"


def test_an_actions_notice_and_error_are_announced_in_the_pinned_region(client, editor, story, htmx):
    """The forms sit far down the workspace: what they did is shown pinned to the viewport (app.css
    .toasts), as a status for a notice and an alert for an error."""
    client.force_login(editor)
    html = client.post(reverse("story_comment", args=[story.pk]), {"body": "Checked with the desk."}, **htmx)
    toasts = re.search(r'<div class="toasts" data-toasts>(.*?)</div>', html.content.decode(), re.S)
    assert toasts and '<p class="notice toast" role="status">Comment added.</p>' in toasts.group(1)

    refused = client.post(reverse("story_transition", args=[story.pk]), {"to_state": "published", "version": 1}, **htmx)
    assert refused.status_code == 422
    toasts = re.search(r'<div class="toasts" data-toasts>(.*?)</div>', refused.content.decode(), re.S)
    assert toasts and 'class="error toast" role="alert"' in toasts.group(1)
    assert 'data-dismiss aria-label="Dismiss this message"' in toasts.group(1)


def test_the_panels_notice_is_pinned_too(client, checker, claim, story, htmx):
    from tests.views.test_claim_panel import edit_data

    client.force_login(checker)
    response = client.post(
        reverse("claim_edit", args=[claim.pk]), {**edit_data(claim, text="Changed text"), "story": story.pk}, **htmx
    )
    assert response.status_code == 200
    assert '<div class="toasts" data-toasts>' in response.content.decode()
    assert '<p class="notice toast" role="status">Claim saved.</p>' in response.content.decode()


def test_a_whole_workspace_redraw_keeps_the_claim_open_in_the_panel(client, editor, story, claim, htmx):
    client.force_login(editor)
    here = f"http://testserver{story.get_absolute_url()}?claim={claim.pk}"
    response = client.post(
        reverse("story_comment", args=[story.pk]), {"body": "Checked."}, HTTP_HX_CURRENT_URL=here, **htmx
    )
    assert f'id="claim-panel-{claim.pk}"' in response.content.decode()  # the panel, still open

    other = ClaimFactory(text="A claim of another story")
    elsewhere = f"http://testserver{story.get_absolute_url()}?claim={other.pk}"
    response = client.post(
        reverse("story_comment", args=[story.pk]), {"body": "Again."}, HTTP_HX_CURRENT_URL=elsewhere, **htmx
    )
    assert "claim-panel-" not in response.content.decode()  # only this story's claims
