"""The desk loop in Chromium: writing a story, triage by keyboard, conflicts, approval, offsets."""

import pytest
from playwright.sync_api import expect

from claims.models import Evidence, Mention, Story
from tests.browser.test_desk_in_chromium import select_text
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory, StoryFactory

pytestmark = pytest.mark.browser


def watch_console(page) -> list[str]:
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def test_a_reporter_writes_a_story_and_marks_claims(open_page, live_server):
    page = open_page("rep")
    errors = watch_console(page)
    page.get_by_role("link", name="New story").first.click()
    page.get_by_label("Headline").fill("Kursk: evacuations grow")
    page.get_by_label("Body").fill(
        "Over 76,000 people were evacuated from the Kursk region, according to TASS. "
        "Russia's defense ministry claimed to have destroyed 14 Ukrainian drones."
    )
    page.get_by_label("Desk").fill("World")
    page.get_by_role("button", name="File story").click()
    expect(page.locator("#story-body")).to_be_visible()
    story = Story.objects.get()
    assert page.url.endswith(story.get_absolute_url())
    expect(page.locator("#suggestions .suggestion-list li").first).to_be_visible()

    select_text(page, "Over 76,000 people were evacuated from the Kursk region")
    page.keyboard.press("c")
    expect(page.locator("mark.claim-mark")).to_have_count(1)
    mention = Mention.objects.get(story=story)
    assert story.body[mention.start : mention.end] == "Over 76,000 people were evacuated from the Kursk region"
    assert story.owner.username == "rep"
    assert not [e for e in errors if "Content Security Policy" in e or "htmx" in e], errors


def test_a_checker_triages_ten_evidence_items_by_keyboard(open_page, people):
    sentences = [
        "The river peaked at 6.2 metres on Tuesday.",
        "About 1,200 homes were evacuated overnight.",
        "Three bridges were closed by the county council.",
        "Rainfall reached 140 millimetres in two days.",
        "The army sent 300 soldiers to help.",
    ]
    story = StoryFactory(owner=people["reporter"], body=" ".join(sentences))
    claims, evidence = [], []
    for i, sentence in enumerate(sentences):
        start = story.body.index(sentence)
        claim = ClaimFactory(text=sentence, created_by=people["checker"])
        Mention.objects.create(story=story, claim=claim, start=start, end=start + len(sentence), quote=sentence)
        claims.append(claim)
        for k in range(2):
            evidence.append(
                EvidenceFactory(claim=claim, source=SourceFactory(outlet=f"Outlet {i}-{k}", reliability="B"))
            )
    page = open_page("chk")
    errors = watch_console(page)
    page.goto(page.url.rstrip("/") + story.get_absolute_url())
    page.evaluate("window.__notReloaded = true")

    decisions = []
    for i in range(5):
        page.keyboard.press("j")
        claim = claims[i]
        expect(page.locator(".claim-panel")).to_have_attribute("data-claim", str(claim.pk))
        assert page.evaluate("window.__notReloaded") is True, (i, "j", decisions)
        for k, key in enumerate(("a", "r")):
            focused = page.locator("#panel .evidence[data-state=suggested]").first
            expect(focused).to_be_focused()
            pk = int(focused.get_attribute("data-evidence"))
            page.keyboard.press(key)
            expect(page.locator(f'#panel .evidence[data-evidence="{pk}"]')).to_have_attribute(
                "data-state", "accepted" if key == "a" else "rejected"
            )
            assert page.evaluate("window.__notReloaded") is True, (i, key, decisions)
            decisions.append((pk, "accepted" if key == "a" else "rejected"))

    assert len(decisions) == 10
    for pk, state in decisions:
        assert Evidence.objects.get(pk=pk).state == state
    assert page.evaluate("window.__notReloaded") is True
    assert not [e for e in errors if "targetError" in e or "htmx" in e.lower()], errors
