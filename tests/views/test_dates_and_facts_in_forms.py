"""The desk's forms: a claim's as-of date round-trips as ISO, stories take when and where they ran,
sources take a published date and show where their date came from; a selection gets its facts."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims import intake, services
from claims.models import Claim, Source, Story
from tests.views.conftest import HTMX

from .test_claim_panel import edit_data


def test_the_as_of_date_renders_as_iso_and_saving_keeps_it(client, checker, claim):
    Claim.objects.filter(pk=claim.pk).update(kind="quantity", quantity_value=1200, as_of=date(2024, 8, 11))
    claim.refresh_from_db()
    client.force_login(checker)
    html = client.get(reverse("claim_panel", args=[claim.pk]), **HTMX).content.decode()
    assert 'type="date"' in html and 'value="2024-08-11"' in html and "11/08/2024" not in html
    # what the browser sends back is what it was shown
    data = edit_data(claim, kind="quantity", quantity_value="1200", as_of="2024-08-11", priority=1)
    assert client.post(reverse("claim_edit", args=[claim.pk]), data, **HTMX).status_code == 200
    claim.refresh_from_db()
    assert (claim.as_of, claim.priority) == (date(2024, 8, 11), 1)
    data = edit_data(claim, kind="quantity", quantity_value="1300", quantity_bound="at_least", as_of="2024-08-14")
    assert client.post(reverse("claim_edit", args=[claim.pk]), data, **HTMX).status_code == 200
    claim.refresh_from_db()
    assert (claim.quantity_value, claim.quantity_bound, claim.as_of) == (1300, "at_least", date(2024, 8, 14))


def test_a_selection_in_the_desk_gets_its_figure_claimant_and_date(client, reporter, story):
    Story.objects.filter(pk=story.pk).update(published_at="2024-03-06T08:00:00Z")
    client.force_login(reporter)
    start = story.body.index("1,200 homes")
    response = client.post(reverse("story_claim_create", args=[story.pk]), {"start": start, "end": start + 11}, **HTMX)
    assert response.status_code == 200
    claim = Claim.objects.get()
    assert (claim.quantity_value, claim.quantity_unit, claim.quantity_bound) == (1200, "home", "approx")
    assert claim.claimant.name == "county council" and claim.as_of == date(2024, 3, 6)
    assert claim.context.endswith("About 1,200 homes were evacuated, according to the county council.")


def story_data(story, **overrides):
    data = {"version": story.version, "headline": story.headline, "byline": "", "desk": story.desk, "body": story.body}
    data.update(overrides)
    return data


def test_the_story_form_takes_when_and_where_it_ran(client, reporter, story, htmx):
    client.force_login(reporter)
    data = story_data(story, published_at="2024-08-11T10:15", published_url="https://news.example/floods")
    assert client.post(reverse("story_edit", args=[story.pk]), data, **htmx).status_code == 200
    story.refresh_from_db()
    assert story.published_at.isoformat() == "2024-08-11T10:15:00+00:00"
    assert story.published_url == "https://news.example/floods"
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'type="datetime-local"' in html and 'value="2024-08-11T10:15"' in html
    # saving it again as shown changes nothing
    again = client.post(
        reverse("story_edit", args=[story.pk]),
        story_data(story, published_at="2024-08-11T10:15", published_url=story.published_url),
        **htmx,
    )
    assert "Nothing changed." in again.content.decode()


def test_an_impossible_story_date_is_a_form_error(client, reporter, story, htmx):
    client.force_login(reporter)
    for value, message in (
        ("2024-02-30T10:00", "Enter a valid date/time"),
        ("1850-01-01T10:00", "before 1900"),
        ("2999-01-01T10:00", "in the future"),
    ):
        response = client.post(reverse("story_edit", args=[story.pk]), story_data(story, published_at=value), **htmx)
        assert response.status_code == 422 and message in response.content.decode(), value
    story.refresh_from_db()
    assert story.published_at is None and story.version == 1


def test_a_published_story_cannot_lose_its_time(reporter, editor, story):
    Story.objects.filter(pk=story.pk).update(state="published", published_at="2024-08-11T10:00:00Z")
    story.refresh_from_db()
    with pytest.raises(ValidationError):
        services.edit_story(story, editor, expected_version=story.version, published_at=None)


def test_the_source_form_takes_a_published_date_and_the_page_shows_its_origin(client, checker, claim, jobs):
    client.force_login(checker)
    with jobs(execute=True):
        response = client.post(
            reverse("claim_add_source", args=[claim.pk]),
            {
                "text": "The council said 1,200 homes flooded.",
                "kind": "official",
                "reliability": "B",
                "published_on": "2024-08-11",
            },
            **HTMX,
        )
    assert response.status_code == 200
    source = Source.objects.get()
    assert (source.published_at.date(), source.published_at_origin) == (date(2024, 8, 11), "given")
    page = client.get(source.get_absolute_url()).content.decode()
    assert "11 Aug 2024" in page and "typed in" in page


def test_a_future_source_date_is_a_form_error(client, checker, claim):
    client.force_login(checker)
    response = client.post(
        reverse("claim_add_source", args=[claim.pk]),
        {"text": "Rain.", "kind": "other", "reliability": "F", "published_on": "2999-01-01"},
        **HTMX,
    )
    assert response.status_code == 422 and "in the future" in response.content.decode()
    assert not Source.objects.exists()


def test_the_source_page_says_a_date_came_from_the_dateline(client, checker, jobs):
    with jobs(execute=True):
        source = intake.add_source(checker, text="KYIV, Aug 11 (Reuters) - Troops advanced on Sunday.")
    client.force_login(checker)
    page = client.get(source.get_absolute_url()).content.decode()
    assert "11 Aug 20" in page and "from the dateline" in page  # the most recent 11 August
