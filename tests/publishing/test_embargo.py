"""The embargo: an approved verdict is public only once a story that mentions its claim is
published, or an editor publishes it on its own. Until then every public surface is a 404."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from claims import corrections, services

from .builders import approve, publish


@pytest.fixture
def embargoed(claim, checker, editor):
    """An approved verdict whose claim sits in a story that is still in review."""
    return approve(claim, checker, editor, rationale="Embargoed draft rationale: the council says 800.")


def public_surfaces(client, verdict) -> dict:
    return {
        "page": client.get(verdict.get_absolute_url()).status_code,
        "index": verdict.claim.text in client.get(reverse("public_index")).content.decode(),
        "feed": "Embargoed draft rationale" in client.get(reverse("public_feed")).content.decode(),
        "claimreview": client.get(f"/api/claims/{verdict.claim_id}/claimreview").status_code,
    }


def test_an_approved_verdict_on_an_unpublished_story_is_404_everywhere(client, embargoed):
    assert public_surfaces(client, embargoed) == {"page": 404, "index": False, "feed": False, "claimreview": 404}


def test_it_appears_once_its_story_is_published(client, embargoed, story, editor):
    services.transition_story(story, story.owner, "in_review", expected_version=story.version)
    story.refresh_from_db()
    services.transition_story(
        story, editor, "cleared", expected_version=story.version, confirmed=True, reason="Verdict is ours."
    )
    story.refresh_from_db()
    services.transition_story(
        story, editor, "published", expected_version=story.version, published_url="https://news.example/floods"
    )
    assert public_surfaces(client, embargoed) == {"page": 200, "index": True, "feed": True, "claimreview": 200}
    data = client.get(f"/api/claims/{embargoed.claim_id}/claimreview").json()
    assert data["itemReviewed"]["appearance"][0]["url"] == "https://news.example/floods"


def test_an_editor_may_publish_a_fact_check_on_its_own(client, embargoed, editor, checker):
    with pytest.raises(PermissionDenied):
        corrections.standalone_publish(embargoed, checker)
    corrections.standalone_publish(embargoed, editor)
    assert public_surfaces(client, embargoed)["page"] == 200


def test_the_desk_button_publishes_it_on_its_own(client, embargoed, editor):
    client.force_login(editor)
    response = client.post(reverse("verdict_publish", args=[embargoed.pk]))
    assert response.status_code == 302
    embargoed.refresh_from_db()
    assert embargoed.standalone_at is not None


def test_a_superseded_verdict_of_an_embargoed_claim_does_not_redirect_to_it(client, claim, checker, editor, editor2):
    story = claim.mentions.get().story
    publish(story)
    first = approve(claim, checker, editor, rationale="First.")
    from claims.models import Story

    Story.objects.filter(pk=story.pk).update(state="draft")
    approve(claim, checker, editor2, rating="true", rationale="Second.")
    assert client.get(first.get_absolute_url()).status_code == 404
