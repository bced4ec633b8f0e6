"""The admin's claim add form goes through the service: a story span gets its mention and its
parsed facts; a plain text claim gets its facts from its own words."""

from datetime import date

from django.urls import reverse

from claims.models import Activity, Claim, Mention
from tests.factories import StoryFactory

ADD = reverse("admin:claims_claim_add")


def form(**overrides):
    data = {
        "text": "",
        "kind": "other",
        "priority": "2",
        "quantity_bound": "",
        "mentions-TOTAL_FORMS": "0",
        "mentions-INITIAL_FORMS": "0",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "verifications-TOTAL_FORMS": "0",
        "verifications-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_a_claim_added_from_a_story_span_is_made_by_the_service(admin_client, reporter):
    story = StoryFactory(owner=reporter, published_at="2024-03-06T08:00:00Z")
    response = admin_client.post(ADD, form(story=story.pk, quote="1,200 homes were evacuated"))
    assert response.status_code == 302, response.content.decode()[:3000]
    claim = Claim.objects.get()
    assert claim.text == "1,200 homes were evacuated"
    assert (claim.quantity_value, claim.quantity_unit, claim.quantity_bound) == (1200, "home", "approx")
    assert (claim.claimant.name, claim.as_of) == ("county council", date(2024, 3, 6))
    assert claim.context.startswith(story.headline + "\n")
    assert Mention.objects.get().story == story
    assert Activity.objects.filter(claim=claim, verb="created claim").exists()


def test_words_not_in_the_story_are_a_form_error(admin_client, reporter):
    story = StoryFactory(owner=reporter)
    response = admin_client.post(ADD, form(story=story.pk, quote="not in the story"))
    assert response.status_code == 200 and "appear exactly in the story" in response.content.decode()
    assert not Claim.objects.exists()


def test_a_plain_text_claim_gets_its_facts_from_its_words(admin_client):
    text = "Over 76,000 people already evacuated, according to TASS."
    response = admin_client.post(ADD, form(text=text))
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert (claim.kind, claim.quantity_value, claim.quantity_bound, claim.claimant.name) == (
        "quantity",
        76000,
        "at_least",
        "TASS",
    )
    assert claim.as_of is not None


def test_a_claim_with_neither_text_nor_story_is_refused(admin_client):
    response = admin_client.post(ADD, form())
    assert response.status_code == 200 and not Claim.objects.exists()


def test_a_claim_without_a_story_is_refused_to_a_reporter_by_the_service(reporter):
    import pytest
    from django.core.exceptions import PermissionDenied

    from claims import services

    with pytest.raises(PermissionDenied):
        services.create_claim_from_text(reporter, "Over 76,000 people already evacuated, according to TASS.")
    assert not Claim.objects.exists()


def test_evidence_added_in_the_admin_is_proposed_through_the_service(admin_client, checker):
    from claims.models import Evidence, Source
    from tests.factories import ClaimFactory

    claim = ClaimFactory(text="Over 76,000 people have been evacuated from the Kursk region")
    source = Source.objects.create(text="76,000 people were evacuated.", outlet="TASS", added_by=checker)
    response = admin_client.post(
        reverse("admin:claims_evidence_add"),
        {"claim": claim.pk, "source": source.pk, "stance": "supports", "excerpt": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    evidence = Evidence.objects.get()
    assert evidence.state == "suggested" and evidence.proposed_by is not None
    assert Activity.objects.filter(verb="proposed evidence", claim=claim).exists()
