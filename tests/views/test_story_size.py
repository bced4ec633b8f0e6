"""Stories of any size: one body limit for desk and API, a ranked and capped suggestion list with
"show more", and a finder that stops at its time budget and says so."""

import json
import re

import pytest
from django.urls import reverse

from claims.finder import find_claims
from claims.finder.evaluate import load_stories
from claims.forms import StoryEditForm
from claims.models import STORY_BODY_MAX_CHARS, Activity, ClaimSuggestion, Story
from claims.suggestions import store_suggestions
from tests.conftest import bearer
from tests.factories import StoryFactory
from tests.views.conftest import assert_csp_clean


def long_body(words: int) -> str:
    bodies = [story["body"] for story in load_stories("unseen")]
    parts: list[str] = []
    while sum(len(p.split()) for p in parts) < words:
        parts.append(bodies[len(parts) % len(bodies)])
    return "\n\n".join(parts)


def edit(client, story, body, htmx):
    return client.post(
        reverse("story_edit", args=[story.pk]),
        {"version": story.version, "headline": story.headline, "body": body, "desk": story.desk, "byline": ""},
        **htmx,
    )


def test_the_desk_refuses_a_story_body_over_the_apis_limit_with_a_form_error(client, reporter, story, htmx):
    client.force_login(reporter)
    response = edit(client, story, "x" * (STORY_BODY_MAX_CHARS + 1), htmx)
    assert response.status_code == 422
    assert f"at most {STORY_BODY_MAX_CHARS:,} characters" in response.content.decode()
    story.refresh_from_db()
    assert len(story.body) < 1000


def test_the_desk_refuses_a_body_of_millions_of_characters(client, reporter, story, htmx):
    client.force_login(reporter)
    response = edit(client, story, "Word " * 1_120_000, htmx)  # 5.6 million characters
    assert response.status_code == 422
    story.refresh_from_db()
    assert len(story.body) < 1000


def test_a_body_at_the_limit_is_a_valid_edit():
    form = StoryEditForm({"version": 1, "headline": "H", "body": "x" * STORY_BODY_MAX_CHARS})
    assert form.is_valid(), form.errors


def test_the_api_refuses_a_story_body_over_the_same_limit(client, reporter):
    payload = {"headline": "Too long", "body": "x" * (STORY_BODY_MAX_CHARS + 1)}
    response = client.post("/api/stories", json.dumps(payload), content_type="application/json", **bearer(reporter))
    assert response.status_code == 422
    assert not Story.objects.filter(headline="Too long").exists()


def test_a_long_storys_suggestions_are_capped_at_about_three_per_hundred_words_best_first(reporter):
    body = long_body(3_000)
    story = StoryFactory(owner=reporter, body=body)
    everything = find_claims(body).suggestions
    cap = max(30, -(-3 * len(body.split()) // 100))
    assert len(everything) > cap  # the cap bites on this story

    store_suggestions(story)

    kept = list(ClaimSuggestion.objects.filter(story=story))
    assert len(kept) == cap
    lowest_kept = min(s.score for s in kept)
    kept_spans = {(s.start, s.end) for s in kept}
    assert all(s.score <= lowest_kept + 0.001 for s in everything if (s.start, s.end) not in kept_spans)


def test_a_short_story_keeps_every_suggestion(reporter):
    story = StoryFactory(owner=reporter)
    store_suggestions(story)
    assert ClaimSuggestion.objects.filter(story=story).count() == len(find_claims(story.body).suggestions)


def test_the_finder_that_runs_out_of_time_keeps_what_it_found_and_logs_where_it_stopped(reporter, settings):
    settings.FACTDESK = {**settings.FACTDESK, "FINDER_TIME_BUDGET_SECONDS": 0.0}
    story = StoryFactory(owner=reporter, body=long_body(600))
    first_sentence = store_suggestions(story)
    assert 0 < len(first_sentence) < len(find_claims(story.body).suggestions)
    logged = Activity.objects.get(story=story, verb="claim finder stopped early")
    assert logged.actor_label == "job:suggest_claims"
    assert logged.data["length"] == len(story.body) and 0 < logged.data["read_to"] < len(story.body)
    assert "s budget" in logged.reason


def test_a_finder_within_its_budget_logs_nothing(reporter):
    story = StoryFactory(owner=reporter)
    store_suggestions(story)
    assert not Activity.objects.filter(story=story, verb="claim finder stopped early").exists()


@pytest.fixture
def many_suggestions(reporter):
    """45 open suggestions whose scores do not follow reading order."""
    sentences = [f"Sentence {n} says {n} people left." for n in range(45)]
    story = StoryFactory(owner=reporter, body=" ".join(sentences))
    at = 0
    for n, text in enumerate(sentences):
        ClaimSuggestion.objects.create(
            story=story, text=text, start=at, end=at + len(text), score=round(0.5 + (n * 7 % 45) / 100, 3)
        )
        at += len(text) + 1
    return story


def listed(html: str) -> list[float]:
    return [float(x) for x in re.findall(r'<li data-suggestion="\d+">.*?score ([\d.]+)</span>', html, re.S)]


def test_the_workspace_lists_the_best_twenty_suggestions_and_a_show_more_link(client, checker, many_suggestions):
    client.force_login(checker)
    html = client.get(reverse("story_workspace", args=[many_suggestions.pk])).content.decode()
    scores = listed(html)
    best = sorted(ClaimSuggestion.objects.values_list("score", flat=True), reverse=True)
    assert scores == best[:20]
    assert "Show more suggestions" in html and "25 more" in html
    assert html.count('class="seg suggestion"') == 45  # every suggestion is still marked in the text
    assert_csp_clean(html)


def test_show_more_brings_the_next_page_then_ends(client, checker, many_suggestions, htmx):
    client.force_login(checker)
    more = reverse("story_suggestions_more", args=[many_suggestions.pk])
    best = sorted(ClaimSuggestion.objects.values_list("score", flat=True), reverse=True)
    second = client.get(more, {"offset": 20}, **htmx).content.decode()
    assert listed(second) == best[20:40]
    assert "<html" not in second and f"{more}?offset=40" in second
    last = client.get(more, {"offset": 40}, **htmx).content.decode()
    assert listed(last) == best[40:] and "Show more" not in last
    assert_csp_clean(second)


def test_show_more_without_javascript_lists_more_on_the_page(client, checker, many_suggestions):
    client.force_login(checker)
    html = client.get(reverse("story_workspace", args=[many_suggestions.pk]), {"more": 40}).content.decode()
    assert len(listed(html)) == 40


@pytest.mark.parametrize("offset", ["-1", "x", "9" * 40, ""])
def test_show_more_reads_odd_offsets_as_the_start(client, checker, many_suggestions, htmx, offset):
    client.force_login(checker)
    response = client.get(reverse("story_suggestions_more", args=[many_suggestions.pk]), {"offset": offset}, **htmx)
    assert response.status_code == 200


def test_the_admin_story_form_holds_the_same_limit(reporter):
    from claims.admin import StoryAdminForm

    data = {"headline": "H", "body": "x" * (STORY_BODY_MAX_CHARS + 1), "owner": reporter.pk, "state": "draft"}
    form = StoryAdminForm(data)
    assert not form.is_valid()
    assert f"at most {STORY_BODY_MAX_CHARS:,} characters" in form.errors["body"][0]
    assert StoryAdminForm({**data, "body": "x" * STORY_BODY_MAX_CHARS}).errors.get("body") is None


def _save_with_words_on_top(client, story, htmx) -> int:
    """Queries for one desk edit that puts a sentence above every claim mark."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    story.refresh_from_db()
    with CaptureQueriesContext(connection) as ctx:
        response = edit(client, story, "Update: roads reopened. " + story.body, htmx)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


def test_saving_a_story_moves_its_marks_in_a_constant_number_of_queries(client, editor, htmx):
    from claims.models import Mention
    from tests.views.conftest import story_with_claims

    client.force_login(editor)
    small, large = story_with_claims(editor, 3), story_with_claims(editor, 40)
    assert _save_with_words_on_top(client, small, htmx) == _save_with_words_on_top(client, large, htmx)
    for mention in Mention.objects.filter(story=large).select_related("story"):
        assert mention.story.body[mention.start : mention.end] == mention.quote
        assert mention.start >= len("Update: roads reopened. ")


def test_a_50000_word_story_fits_the_limit():
    assert len(long_body(50_000)) <= STORY_BODY_MAX_CHARS
