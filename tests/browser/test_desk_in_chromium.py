"""The desk in a real browser: selection → claim, suggestions, live status, edit conflicts."""

import re

import pytest
from playwright.sync_api import expect

from claims import services
from claims.models import Claim, ClaimSuggestion, Evidence, Mention, Source
from tests.factories import StoryFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def story(people):
    return StoryFactory(owner=people["reporter"], headline="Floods: the river peaks")


def select_text(page, words):
    """Select `words` inside the story text the way a mouse drag would."""
    page.evaluate(
        """(words) => {
          const body = document.getElementById('story-body');
          const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode())) {
            const at = node.data.indexOf(words);
            if (at >= 0) {
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + words.length);
              const sel = window.getSelection();
              sel.removeAllRanges();
              sel.addRange(range);
              return;
            }
          }
          throw new Error('words not found: ' + words);
        }""",
        words,
    )


def test_sign_in_open_a_story_and_create_a_claim_from_a_selection(open_page, live_server, story):
    page = open_page("chk")
    expect(page.get_by_role("heading", name=re.compile("Good to see you"))).to_be_visible()
    page.get_by_role("link", name="Floods: the river peaks").first.click()
    expect(page.locator("#story-body")).to_be_visible()

    select_text(page, "About 1,200 homes were evacuated")
    page.keyboard.press("c")
    mark = page.locator("mark.claim-mark")
    expect(mark).to_have_count(1)
    expect(mark).to_have_attribute("data-status", re.compile(r"unverified|checking"))
    expect(page.locator(".claim-panel")).to_contain_text("About 1,200 homes were evacuated")

    mention = Mention.objects.get(story=story)
    assert story.body[mention.start : mention.end] == "About 1,200 homes were evacuated"


def test_accept_a_suggestion_in_one_click(open_page, story):
    text = "The river peaked at 6.2 metres on Tuesday, the environment agency said."
    suggestion = ClaimSuggestion.objects.create(
        story=story, text=text, start=0, end=len(text), claimant_name="environment agency", score=0.9
    )
    page = open_page("chk")
    page.goto(page.url.rstrip("/") + story.get_absolute_url())
    expect(page.locator(f'[data-suggestion="{suggestion.pk}"].seg')).to_be_visible()
    page.get_by_role("button", name=re.compile("^Accept suggestion")).click()
    expect(page.locator("mark.claim-mark")).to_have_count(1)
    expect(page.locator("#suggestions")).to_contain_text("No open suggestions")
    claim = Claim.objects.get()
    assert claim.claimant.name == "environment agency"


def test_add_a_pasted_source_and_watch_the_status_change_without_reload(open_page, people, story):
    start = story.body.index("About 1,200")
    claim, _m, _c = services.create_claim_from_span(story, people["checker"], start=start, end=start + 32)
    page = open_page("chk")
    page.goto(page.url.rstrip("/") + story.get_absolute_url())
    page.evaluate("window.__notReloaded = true")

    page.keyboard.press("j")  # next claim: opens it in the side panel
    panel = page.locator(".claim-panel")
    expect(panel).to_contain_text(f"Claim #{claim.pk}")
    panel.locator("summary", has_text="Add a source").click()
    panel.get_by_label("…or paste its text").fill("The county council confirmed about 1,200 homes were evacuated.")
    panel.get_by_label("Outlet").fill("County council")
    panel.get_by_label("Reliability").select_option("A")
    panel.get_by_label("Evidence").select_option("supports")
    panel.get_by_role("button", name="Add source").click()
    expect(page.locator(".claim-panel")).to_contain_text("Source added and linked as evidence")
    expect(page.locator(".claim-panel [data-fetch-state=fetched]").first).to_be_visible()

    mark = page.locator(f'mark[data-claim="{claim.pk}"]')
    expect(mark).to_have_attribute("data-status", "checking")  # suggested evidence awaits review
    source = Source.objects.get()
    evidence = Evidence.objects.get(source=source)

    # Someone else accepts the evidence (here: the service, as a job or a colleague would).
    services.accept_evidence(evidence, people["editor"])
    expect(mark).to_have_attribute("data-status", "supported", timeout=15000)
    expect(page.locator('#health [data-count="supported"]')).to_have_text("1")
    expect(page.locator("#panel-status")).to_have_text("Supported")
    assert page.evaluate("window.__notReloaded") is True


def test_two_people_saving_one_claim_the_second_sees_the_conflict(open_page, people, story):
    start = story.body.index("About 1,200")
    claim, _m, _c = services.create_claim_from_span(story, people["checker"], start=start, end=start + 32)
    url = f"{story.get_absolute_url()}?claim={claim.pk}"
    first, second = open_page("ed"), open_page("chk")
    for page in (first, second):
        page.goto(page.url.rstrip("/") + url)
        page.locator(".claim-panel summary", has_text="Edit claim").click()

    first.locator(".claim-edit textarea[name=text]").fill("About 1,200 homes were evacuated overnight")
    first.get_by_role("button", name="Save claim").click()
    expect(first.locator(".claim-panel")).to_contain_text("Claim saved.")

    second.locator(".claim-edit textarea[name=text]").fill("Some 1,200 households were evacuated")
    second.get_by_role("button", name="Save claim").click()
    conflict = second.locator(".conflict")
    expect(conflict).to_contain_text("Not saved: someone else changed this")
    expect(conflict).to_contain_text("About 1,200 homes were evacuated overnight")  # theirs
    expect(conflict).to_contain_text("Some 1,200 households were evacuated")  # mine
    expect(second.locator(".claim-edit textarea[name=text]")).to_have_value("Some 1,200 households were evacuated")
    claim.refresh_from_db()
    assert claim.text == "About 1,200 homes were evacuated overnight"


def test_keyboard_help_opens_with_question_mark(open_page):
    page = open_page("rep")
    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_visible()
    expect(page.locator("#help")).to_contain_text("Create a claim from the selected story text")
