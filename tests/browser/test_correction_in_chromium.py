"""An editor corrects a flagged published story end to end in real Chromium, re-anchoring
the claim mark whose words the correction rewrites; the public log then shows the notice."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from claims import services
from claims.models import Claim, CorrectionNotice, Mention, Story
from tests.factories import SourceFactory, StoryFactory

pytestmark = pytest.mark.browser

BODY = (
    "Kursk, Aug 11 (Wire) - Regional officials said over 76,000 people had already been evacuated "
    "from border districts. The governor said shelters were full."
)
QUOTE = "over 76,000 people had already been evacuated"


@pytest.fixture
def flagged_story(people):
    story = StoryFactory(owner=people["reporter"], body=BODY, headline="Thousands leave border districts")
    start = BODY.index(QUOTE)
    claim, _m, _ = services.create_claim_from_span(story, people["checker"], start=start, end=start + len(QUOTE))
    Claim.objects.filter(pk=claim.pk).update(as_of=date(2024, 8, 11))
    Story.objects.filter(pk=story.pk).update(
        state="published", published_url="https://news.example/kursk", published_at=timezone.now() - timedelta(days=2)
    )
    source = SourceFactory(
        title="Evacuees now 121,000",
        text="More than 121,000 people have now left the region.",
        published_at=timezone.now() - timedelta(days=1),
        reliability="B",
    )
    evidence = services.add_evidence(claim, source, people["checker"], stance="updates", excerpt="121,000")
    services.accept_evidence(evidence, people["checker"])
    story.refresh_from_db()
    assert story.needs_correction
    return story, claim


def test_an_editor_corrects_a_flagged_story_and_reanchors_its_mark(open_page, live_server, flagged_story):
    story, claim = flagged_story
    page = open_page("ed")
    page.get_by_role("link", name="Corrections").first.click()
    expect(page.get_by_role("heading", name="Stories needing correction")).to_be_visible()
    page.get_by_role("link", name="Correct", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Why it is flagged"))).to_be_visible()

    body = page.get_by_label("Corrected text")
    body.fill(BODY.replace("over 76,000", "more than 121,000"))
    page.get_by_label("Notice readers will see").fill(
        "An earlier version gave 76,000 evacuees; the figure is now 121,000."
    )
    page.get_by_role("button", name="Publish correction").click()

    # The mark's words changed: the screen proposes the new words, keyboard-reachable.
    words = page.get_by_label(f"New words for claim #{claim.pk}")
    expect(words).to_have_value("more than 121,000 people had already been evacuated")
    expect(page.get_by_label("Re-anchor to these words:")).to_be_checked()
    page.get_by_role("button", name="Publish correction").click()

    expect(page.locator(".messages")).to_contain_text("Correction 1 published")
    expect(page.locator("#story-head")).to_contain_text("Corrected")
    expect(page.locator("mark.claim-mark")).to_contain_text("more than 121,000 people")

    story.refresh_from_db()
    mention = Mention.objects.get(story=story)
    assert story.state == "corrected" and not story.needs_correction
    assert story.body[mention.start : mention.end] == "more than 121,000 people had already been evacuated"
    assert CorrectionNotice.objects.get(story=story).sequence == 1

    page.goto(f"{live_server.url}/corrections/")
    expect(page.locator(".correction-log")).to_contain_text("Correction 1")
    expect(page.locator(".correction-log")).to_contain_text("the figure is now 121,000")
