"""The desk's polish in Chromium: a phone-wide screen, no CSP errors, notices where the person
works, and a claim page that redraws itself after an approval. One sign-in, three page loads."""

import pytest
from playwright.sync_api import expect

from claims import services
from claims.models import Evidence, Rating, Verification
from tests.factories import EvidenceFactory, SourceFactory, StoryFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def scroll_width(page) -> int:
    return page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]


def test_on_a_phone_the_desk_fits_refreshes_cleanly_and_the_claim_page_follows_an_approval(open_page, people):
    story = StoryFactory(owner=people["reporter"], headline="Floods: the river peaks at 6.2 metres on Tuesday")
    start = story.body.index("About 1,200")
    claim, _m, _c = services.create_claim_from_span(story, people["checker"], start=start, end=start + 32)
    evidence = EvidenceFactory(claim=claim, source=SourceFactory(reliability="A", outlet="County council"))
    services.accept_evidence(evidence, people["checker"])
    draft = services.draft_verification(
        claim,
        people["checker"],
        rating=Rating.objects.get(slug="true"),
        rationale="The county council confirms 1,200 homes.",
        evidence=[Evidence.objects.get(pk=evidence.pk)],
    )

    page = open_page("ed")
    page.set_viewport_size(PHONE)
    problems = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status == 404 else None)

    # The dashboard (after sign-in, re-laid out at phone width).
    expect(page.get_by_role("link", name="Verdicts awaiting your approval")).to_be_visible()
    assert scroll_width(page) <= PHONE["width"]

    # The workspace with the claim open; a whole-workspace refresh (a story comment) keeps it clean.
    base = page.url.rstrip("/")
    page.goto(f"{base}{story.get_absolute_url()}?claim={claim.pk}")
    expect(page.locator(".claim-panel")).to_have_attribute("data-claim", str(claim.pk))
    assert scroll_width(page) <= PHONE["width"]
    page.get_by_label("Comment on the story").fill("Council figures checked.")
    page.locator("form:has(#story_cm_body) button").click()
    notice = page.locator("[data-toasts] [role=status]")
    expect(notice).to_have_text("Comment added.")
    assert in_viewport(page, notice)  # where the person works, not at the top of the page
    expect(page.locator(".claim-panel")).to_have_attribute("data-claim", str(claim.pk))  # still open
    assert scroll_width(page) <= PHONE["width"]

    # The claim page: approving in the panel redraws the page's own column, without a reload.
    page.goto(f"{base}{claim.get_absolute_url()}")
    page.evaluate("window.__notReloaded = true")
    column = page.locator("#claim-main")
    expect(column).to_contain_text("No approved verdict yet.")
    assert scroll_width(page) <= PHONE["width"]
    page.locator("#panel").get_by_role("button", name="Approve verdict").click()
    expect(page.locator("[data-toasts] [role=status]")).to_have_text("Verdict approved.")
    expect(column).to_contain_text("The county council confirms 1,200 homes.")
    expect(column.locator(".badge").first).to_have_attribute("data-status", "supported")
    assert page.evaluate("window.__notReloaded") is True
    assert Verification.objects.get(pk=draft.pk).state == "approved"
    assert not problems, problems
