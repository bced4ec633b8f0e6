"""The desk loop in Chromium: writing a story, triage by keyboard, conflicts, approval, offsets."""

import re

import pytest
from playwright.sync_api import expect

from claims import services
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
    expect(page.locator(".claim-panel .facts")).to_contain_text("at least 76,000 people")
    mention = Mention.objects.get(story=story)
    assert story.body[mention.start : mention.end] == "Over 76,000 people were evacuated from the Kursk region"
    assert story.owner.username == "rep"

    # The second claim from the finder's suggestion, in one click.
    page.get_by_role("button", name=re.compile("^Accept suggestion: Russia's defense ministry")).click()
    expect(page.locator("mark.claim-mark")).to_have_count(2)
    expect(page.locator(".claim-panel .facts")).to_contain_text("14 drones")
    quotes = sorted(story.body[m.start : m.end] for m in Mention.objects.filter(story=story))
    assert quotes[1] == "Russia's defense ministry claimed to have destroyed 14 Ukrainian drones."
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


def test_a_selection_after_emoji_lands_on_the_right_words(open_page, people):
    body = (
        "🌊 Floods 🇺🇦 hit 𝐊𝐮𝐫𝐬𝐤 and 👨‍👩‍👧 families fled. "
        "About 1,200 homes were evacuated, 🙂 the council said. 𝔐ore 🇬🇧 rain came."
    )
    story = StoryFactory(owner=people["reporter"], body=body)
    page = open_page("rep")
    page.goto(page.url.rstrip("/") + story.get_absolute_url())
    # After emoji, a flag and a family (ZWJ); across mathematical letters; after more of each.
    for words in ("About 1,200 homes were evacuated", "hit 𝐊𝐮𝐫𝐬𝐤 and 👨‍👩‍👧 families", "rain came"):
        select_text(page, words)
        page.keyboard.press("c")
        expect(page.locator("mark.claim-mark", has_text=words)).to_have_count(1)
    quotes = sorted(body[m.start : m.end] for m in Mention.objects.filter(story=story))
    assert quotes == ["About 1,200 homes were evacuated", "hit 𝐊𝐮𝐫𝐬𝐤 and 👨‍👩‍👧 families", "rain came"]


def test_two_editors_conflict_and_neither_change_is_lost(open_page, people):
    from claims.permissions import EDITOR
    from tests.factories import UserFactory

    UserFactory(username="ed2", role=EDITOR)
    story = StoryFactory(owner=people["reporter"], headline="Floods: the river peaks")
    url = story.get_absolute_url()
    first, second = open_page("ed"), open_page("ed2")
    for page in (first, second):
        page.goto(page.url.rstrip("/") + url)
        page.locator("summary", has_text="Edit the story").click()

    first.get_by_label("Headline").fill("Floods: the river peaks at 6.2 m")
    first.get_by_role("button", name="Save story").click()
    expect(first.locator("#workspace")).to_contain_text("Story saved.")

    body = second.get_by_label("Body")
    body.fill(body.input_value() + " Roads reopened on Friday.")
    second.get_by_role("button", name="Save story").click()
    expect(second.locator("#workspace")).to_contain_text("Kept their headline")
    story.refresh_from_db()
    assert story.headline == "Floods: the river peaks at 6.2 m" and story.body.endswith("Roads reopened on Friday.")

    # The first editor, still on the older body, edits it too: a real conflict, shown and decided.
    if not first.locator("details[open] textarea[name=body]").count():
        first.locator("summary", has_text="Edit the story").click()
    first.get_by_label("Body").fill(first.get_by_label("Body").input_value().replace("About 1,200", "About 1,300"))
    first.get_by_role("button", name="Save story").click()
    conflict = first.locator(".conflict")
    expect(conflict).to_contain_text("Not saved")
    expect(conflict.locator("td.theirs mark.diff")).to_contain_text(["Roads"])
    first.get_by_role("button", name="Save story").click()  # without choosing: refused
    expect(first.locator("#workspace")).to_contain_text("Choose theirs or yours")
    story.refresh_from_db()
    assert "Roads reopened" in story.body and "1,300" not in story.body

    merged = first.get_by_label("Body")
    merged.fill(merged.input_value() + " Roads reopened on Friday.")
    first.get_by_label("Use mine (the form's value)").check()
    first.get_by_role("button", name="Save story").click()
    expect(first.locator("#workspace")).to_contain_text("Story saved.")
    story.refresh_from_db()
    assert "1,300" in story.body and story.body.endswith("Roads reopened on Friday.")
    assert story.headline == "Floods: the river peaks at 6.2 m"


def test_an_editor_approves_from_the_queue(open_page, people):
    from claims.models import Rating, Verification

    story = StoryFactory(owner=people["reporter"])
    start = story.body.index("About 1,200")
    claim, _m, _c = services.create_claim_from_span(story, people["checker"], start=start, end=start + 32)
    evidence = EvidenceFactory(claim=claim, source=SourceFactory(reliability="A", outlet="County council"))
    services.accept_evidence(evidence, people["checker"])
    services.draft_verification(
        claim,
        people["checker"],
        rating=Rating.objects.get(slug="true"),
        rationale="The council confirms it.",
        evidence=[Evidence.objects.get(pk=evidence.pk)],
    )
    bare = services.draft_verification(
        claim, people["checker"], rating=Rating.objects.get(slug="mostly_true"), rationale="No sources cited."
    )
    page = open_page("ed")
    expect(page.locator('[data-count="awaiting-approval"]')).to_have_text("2")
    page.get_by_role("link", name="Verdicts awaiting your approval").click()
    cited = page.locator("li[data-verdict]", has_text="The council confirms it.")
    expect(cited).to_contain_text("County council")
    cited.get_by_role("button", name="Approve verdict").click()
    expect(page.locator(".messages")).to_contain_text("approved")
    uncited = page.locator(f'li[data-verdict="{bare.pk}"]')
    expect(uncited).to_contain_text("Cites no evidence")
    uncited.get_by_role("button", name="Approve verdict").click()  # the browser asks for the tick first
    assert Verification.objects.get(pk=bare.pk).state == "draft"
    page.goto(page.url.split("/queue")[0] + "/")
    expect(page.locator('[data-count="awaiting-approval"]')).to_have_text("1")
    approved = Verification.objects.get(rationale="The council confirms it.")
    assert approved.state == "approved" and approved.approved_by.username == "ed"
