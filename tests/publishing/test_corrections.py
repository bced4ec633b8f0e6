"""Correcting a published story: notices numbered per story, marks re-anchored or unmarked,
the flag cleared only when every flagged claim is named, and re-raised by a newer source."""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from claims import corrections, services
from claims.models import Activity, Claim, CorrectionNotice, Mention, Notification, Story, Webhook, WebhookDelivery
from tests.factories import SourceFactory, StoryFactory

BODY = (
    "Kursk, Aug 11 (Wire) - Regional officials said over 76,000 people had already been evacuated "
    "from border districts. The governor said shelters were full."
)
QUOTE = "over 76,000 people had already been evacuated"


@pytest.fixture
def published(reporter, checker):
    """A published story whose 76,000 claim is marked and dated 11 August 2024."""
    story = StoryFactory(owner=reporter, body=BODY, headline="Thousands leave border districts")
    start = BODY.index(QUOTE)
    claim, _m, _ = services.create_claim_from_span(story, checker, start=start, end=start + len(QUOTE))
    Claim.objects.filter(pk=claim.pk).update(as_of=date(2024, 8, 11))
    Story.objects.filter(pk=story.pk).update(
        state=Story.State.PUBLISHED,
        published_url="https://news.example/kursk",
        published_at=timezone.now() - timedelta(days=3),
    )
    story.refresh_from_db()
    claim.refresh_from_db()
    return story, claim


def overtake(claim, checker, figure: str, day: date):
    """A later report with a larger figure, accepted as `updates`."""
    source = SourceFactory(
        title=f"Evacuees now {figure}",
        text=f"More than {figure} people have now left the region.",
        published_at=timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 12)),
        reliability="B",
    )
    evidence = services.add_evidence(claim, source, checker, stance="updates", excerpt=f"More than {figure}")
    services.accept_evidence(evidence, checker)
    claim.refresh_from_db()
    return evidence


@pytest.fixture
def flagged(published, checker, django_capture_on_commit_callbacks):
    story, claim = published
    with django_capture_on_commit_callbacks(execute=True):
        overtake(claim, checker, "121,000", date(2024, 8, 14))
    story.refresh_from_db()
    claim.refresh_from_db()
    assert claim.status == "outdated" and story.needs_correction and story.flagged_at
    return story, claim


def test_an_overtaken_figure_flags_the_published_story_and_tells_its_owner(flagged, reporter):
    story, claim = flagged
    assert Activity.objects.filter(story=story, verb="flagged for correction").count() == 1
    assert Notification.objects.filter(recipient=reporter, story=story, message__contains="needs a correction").exists()


def test_an_editor_corrects_the_text_reanchors_the_mark_and_the_flag_clears(
    flagged, editor, django_capture_on_commit_callbacks
):
    story, claim = flagged
    new_body = BODY.replace("over 76,000", "more than 121,000")
    [affected] = corrections.affected_marks(story, new_body)
    assert (
        new_body[affected.proposed[0] : affected.proposed[1]] == "more than 121,000 people had already been evacuated"
    )
    mention = affected.mention
    with django_capture_on_commit_callbacks(execute=True):  # the claim's refresh runs after commit
        notice = corrections.correct_story(
            story,
            editor,
            expected_version=story.version,
            kind="correction",
            text="An earlier version gave 76,000 evacuees; officials now say more than 121,000.",
            claims=[claim.pk],
            body=new_body,
            anchors={mention.pk: affected.proposed},
        )
    story.refresh_from_db()
    claim.refresh_from_db()
    assert notice.sequence == 1 and notice.state == "published" and notice.approved_by == editor
    assert story.state == "corrected" and not story.needs_correction and story.flagged_at is None
    assert story.body == new_body
    mention.refresh_from_db()
    assert mention.quote == "more than 121,000 people had already been evacuated"
    assert new_body[mention.start : mention.end] == mention.quote
    # The claim made only here now says what the story says, re-read and dated today.
    assert claim.text == mention.quote and claim.quantity_value == 121000 and claim.as_of == timezone.localdate()
    assert claim.status != "outdated"
    assert Activity.objects.filter(claim=claim, verb="re-anchored claim").exists()


def test_an_edit_that_rewrites_marked_words_needs_a_decision_for_each_mark(flagged, editor):
    story, claim = flagged
    with pytest.raises(ValidationError, match="Re-anchor or unmark"):
        corrections.correct_story(
            story,
            editor,
            expected_version=story.version,
            kind="correction",
            text="Fixed the figure.",
            claims=[claim.pk],
            body=BODY.replace("over 76,000", "more than 121,000"),
        )
    story.refresh_from_db()
    assert story.body == BODY and story.state == "published" and not CorrectionNotice.objects.exists()


def test_a_mark_can_be_unmarked_instead(flagged, editor):
    story, claim = flagged
    mention = Mention.objects.get(story=story)
    corrections.correct_story(
        story,
        editor,
        expected_version=story.version,
        kind="retraction",
        text="We withdrew the evacuation figure.",
        claims=[claim.pk],
        body=BODY.replace(" over 76,000 people had already been evacuated from border districts", " people left"),
        anchors={mention.pk: corrections.UNMARK},
    )
    assert not Mention.objects.filter(story=story).exists()
    story.refresh_from_db()
    assert story.state == "corrected" and not story.needs_correction


def test_a_notice_that_leaves_a_flagged_claim_out_keeps_the_flag(flagged, editor, checker):
    story, claim = flagged
    other = "The governor said shelters were full."
    start = story.body.index(other)
    services.create_claim_from_span(story, checker, start=start, end=start + len(other) - 1)
    notice = corrections.write_notice(story, editor, kind="clarification", text="We clarified the shelters.", claims=[])
    story.refresh_from_db()
    assert notice.sequence == 1 and story.state == "corrected" and story.needs_correction
    second = corrections.write_notice(story, editor, kind="update", text="Figure since revised.", claims=[claim.pk])
    story.refresh_from_db()
    assert second.sequence == 2 and not story.needs_correction


def test_a_second_overtaking_source_flags_a_corrected_story_again(
    flagged, editor, checker, django_capture_on_commit_callbacks
):
    story, claim = flagged
    corrections.write_notice(story, editor, kind="update", text="The figure has since risen.", claims=[claim.pk])
    story.refresh_from_db()
    assert story.state == "corrected" and not story.needs_correction
    with django_capture_on_commit_callbacks(execute=True):
        overtake(claim, checker, "150,000", date(2024, 8, 20))
    story.refresh_from_db()
    assert story.needs_correction and story.state == "corrected"
    assert Activity.objects.filter(story=story, verb="flagged for correction").count() == 2


def test_an_owner_drafts_a_notice_that_waits_for_an_editor(flagged, reporter, editor):
    story, claim = flagged
    notice = corrections.write_notice(story, reporter, kind="correction", text="Figure fixed.", claims=[claim.pk])
    story.refresh_from_db()
    assert notice.state == "pending" and story.state == "published" and story.needs_correction
    corrections.approve_notice(notice, editor)
    notice.refresh_from_db()
    story.refresh_from_db()
    assert notice.state == "published" and notice.approved_by == editor
    assert story.state == "corrected" and not story.needs_correction


def test_checkers_and_other_reporters_cannot_correct(flagged, checker, db):
    story, _claim = flagged
    from claims.permissions import REPORTER
    from tests.factories import UserFactory

    for person in (checker, UserFactory(username="rep2", role=REPORTER)):
        with pytest.raises(PermissionDenied):
            corrections.write_notice(story, person, kind="correction", text="x")


def test_a_draft_story_is_not_corrected_by_a_notice(story, editor):
    with pytest.raises(ValidationError, match="Only a published story"):
        corrections.write_notice(story, editor, kind="correction", text="x")


def test_corrected_is_not_a_button(flagged, editor):
    story, _claim = flagged
    with pytest.raises(ValidationError, match="correction notice"):
        services.transition_story(story, editor, "corrected", expected_version=story.version)


def test_a_claim_not_in_the_story_cannot_be_named(flagged, editor):
    from tests.factories import ClaimFactory

    story, _claim = flagged
    with pytest.raises(ValidationError, match="not marked"):
        corrections.write_notice(story, editor, kind="correction", text="x", claims=[ClaimFactory().pk])


# --- through the API ----------------------------------------------------------------


def test_the_api_writes_a_numbered_notice(client, flagged, editor, api_headers):
    story, claim = flagged
    url = f"/api/stories/{story.pk}/corrections"
    body = {"kind": "correction", "text": "The figure is now 121,000.", "claims": [claim.pk]}
    first = client.post(url, body, content_type="application/json", **api_headers(editor))
    assert first.status_code == 201, first.content
    data = first.json()
    assert data["sequence"] == 1 and data["state"] == "published" and data["claims"] == [claim.pk]
    assert data["story_state"] == "corrected" and data["needs_correction"] is False
    second = client.post(
        url, {"kind": "clarification", "text": "Also: dates."}, content_type="application/json", **api_headers(editor)
    )
    assert second.status_code == 201 and second.json()["sequence"] == 2
    listed = client.get(url, **api_headers(editor)).json()
    assert [n["sequence"] for n in listed] == [1, 2]
    shown = client.get(f"/api/stories/{story.pk}", **api_headers(editor)).json()
    assert shown["state"] == "corrected" and [n["kind"] for n in shown["corrections"]] == [
        "correction",
        "clarification",
    ]


@pytest.mark.parametrize(
    "body, code",
    [
        ({"kind": "erratum", "text": "x"}, 422),
        ({"kind": "correction", "text": ""}, 422),
        ({"kind": "correction"}, 422),
        ({"kind": "correction", "text": "x", "claims": [999999]}, 400),
    ],
)
def test_bad_notices_get_a_clear_4xx(client, flagged, editor, api_headers, body, code):
    story, _claim = flagged
    response = client.post(
        f"/api/stories/{story.pk}/corrections", body, content_type="application/json", **api_headers(editor)
    )
    assert response.status_code == code and "detail" in response.json()
    assert not CorrectionNotice.objects.exists()


def test_a_checker_gets_403_from_the_corrections_api(client, flagged, checker, api_headers):
    story, _claim = flagged
    response = client.post(
        f"/api/stories/{story.pk}/corrections",
        {"kind": "correction", "text": "x"},
        content_type="application/json",
        **api_headers(checker),
    )
    assert response.status_code == 403


# --- through the desk --------------------------------------------------------------


def test_the_desk_corrects_a_flagged_story_in_two_steps(client, flagged, editor):
    story, claim = flagged
    client.force_login(editor)
    url = reverse("story_correct", args=[story.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Why it is flagged" in page.content.decode()
    new_body = BODY.replace("over 76,000", "more than 121,000")
    form = {
        "version": story.version,
        "kind": "correction",
        "text": "An earlier version gave 76,000; the figure is now 121,000.",
        "claims": [claim.pk],
        "body": new_body,
    }
    first = client.post(url, form)
    html = first.content.decode()
    assert first.status_code == 422 and "Claim marks on words you changed" in html
    mention = Mention.objects.get(story=story)
    assert f'name="words-{mention.pk}" value="more than 121,000 people had already been evacuated"' in html
    form |= {
        f"anchor-{mention.pk}": "reanchor",
        f"words-{mention.pk}": "more than 121,000 people had already been evacuated",
    }
    done = client.post(url, form)
    assert done.status_code == 302
    story.refresh_from_db()
    assert story.state == "corrected" and not story.needs_correction
    mention.refresh_from_db()
    assert mention.quote.startswith("more than 121,000")


def test_the_desk_queue_lists_flagged_stories_oldest_first(
    client, flagged, editor, reporter, django_assert_max_num_queries
):
    story, _claim = flagged
    older = StoryFactory(owner=reporter, headline="An older flag")
    Story.objects.filter(pk=older.pk).update(
        state="published",
        published_at=timezone.now(),
        needs_correction=True,
        flagged_at=story.flagged_at - timedelta(days=1),
    )
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("correction_queue")).content.decode()
    assert html.index("An older flag") < html.index(story.headline)


def test_the_correction_screen_is_refused_to_checkers(client, flagged, checker):
    story, _claim = flagged
    client.force_login(checker)
    assert client.get(reverse("story_correct", args=[story.pk])).status_code == 403


# --- webhooks -------------------------------------------------------------------------


def test_both_story_events_are_delivered_signed(
    published, checker, editor, settings, django_capture_on_commit_callbacks
):
    from .test_webhooks import Receiver

    settings.FACTDESK = {**settings.FACTDESK, "FETCH_ALLOW_PRIVATE": True}
    story, claim = published
    receiver = Receiver("s3cret")
    try:
        Webhook.objects.create(url=receiver.url, secret="s3cret")
        with django_capture_on_commit_callbacks(execute=True):
            overtake(claim, checker, "121,000", date(2024, 8, 14))
        with django_capture_on_commit_callbacks(execute=True):
            corrections.write_notice(story, editor, kind="correction", text="Now 121,000.", claims=[claim.pk])
    finally:
        receiver.close()
    story_events = [r for r in receiver.received if r["event"].startswith("story.")]
    assert [r["event"] for r in story_events] == ["story.needs_correction", "story.corrected"]
    assert all(r["valid"] for r in story_events)
    corrected = json.loads(story_events[1]["body"])
    assert corrected["correction"]["sequence"] == 1 and corrected["correction"]["claims"] == [claim.pk]
    assert corrected["story"]["state"] == "corrected" and corrected["story"]["needs_correction"] is False
    assert WebhookDelivery.objects.filter(event__startswith="story.", state="delivered").count() == 2


# --- public surfaces ----------------------------------------------------------------


def test_the_notice_is_public_in_the_log_the_feed_and_the_json_ld(client, flagged, checker, editor, editor2):
    from .builders import approve
    from .test_public_pages import ld_json

    story, claim = flagged
    old = approve(claim, checker, editor, rating="true", rationale="Officials gave 76,000.")
    verdict = approve(claim, checker, editor2, rating="misleading", rationale="Since overtaken: 121,000 left.")
    notice = corrections.write_notice(
        story, editor, kind="correction", text="We first gave 76,000 evacuees; it is now 121,000.", claims=[claim.pk]
    )
    log = client.get(reverse("public_corrections")).content.decode()
    assert "Correction 1" in log and "it is now 121,000" in log and "https://news.example/kursk" in log
    assert reverse("public_factcheck", args=[verdict.pk]) in log

    feed = client.get(reverse("public_corrections_feed"))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    assert "Correction 1: Thousands leave border districts" in feed.content.decode()

    page = client.get(verdict.get_absolute_url()).content.decode()
    assert "We first gave 76,000 evacuees" in page and "Verdict history" in page and "Officials gave 76,000." in page
    _nonce, data = ld_json(page)
    [comment] = data["correction"]
    assert comment["@type"] == "CorrectionComment" and comment["text"] == notice.text
    assert comment["datePublished"] == notice.published_at.isoformat()
    assert data["dateModified"] == notice.published_at.isoformat()
    api = client.get(f"/api/claims/{claim.pk}/claimreview").json()
    assert api["correction"][0]["text"] == notice.text and api["dateModified"] == data["dateModified"]
    assert client.get(old.get_absolute_url()).status_code == 302


def test_a_pending_notice_is_not_public(client, flagged, reporter):
    story, claim = flagged
    corrections.write_notice(
        story, reporter, kind="correction", text="Draft wording, not yet approved.", claims=[claim.pk]
    )
    assert "Draft wording" not in client.get(reverse("public_corrections")).content.decode()
    assert "Draft wording" not in client.get(reverse("public_corrections_feed")).content.decode()


def test_the_log_pages_and_keeps_its_queries_flat(client, reporter, editor, django_assert_max_num_queries):
    for n in range(23):
        s = StoryFactory(owner=reporter, headline=f"Story {n}")
        Story.objects.filter(pk=s.pk).update(
            state="published", published_at=timezone.now(), published_url="https://n.example/"
        )
        s.refresh_from_db()
        corrections.write_notice(s, editor, kind="clarification", text=f"Notice {n}")
    with django_assert_max_num_queries(6):
        first = client.get(reverse("public_corrections")).content.decode()
    assert "Notice 22" in first and "Notice 0<" not in first and "Page 1 of 2" in first
    assert "Notice 0" in client.get(reverse("public_corrections") + "?page=2").content.decode()
