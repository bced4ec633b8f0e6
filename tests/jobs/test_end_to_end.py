"""The whole loop through the API, on PostgreSQL + Redis + a real Celery worker.

A story claims "over 76,000 evacuated"; a later source repeats the figure (supports),
a syndicated copy of it counts once, and a still later source gives 121,000 (updates):
the claim ends `outdated`, its reason naming the newer source, and the published
story is flagged for correction.
"""

import pytest

from claims.models import Claim, Evidence, Notification, Source, Story
from tests.jobs.helpers import day
from tests.jobs.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

STORY = (
    "Ukrainian troops pressed their incursion into Russia's Kursk region for a sixth day. "
    "Over 76,000 people have been evacuated from the Kursk region, according to TASS. "
    "Moscow said its forces were holding the line."
)
CLAIM = "Over 76,000 people have been evacuated from the Kursk region, according to TASS"
WIRE = (
    "More than 76,000 people have been evacuated from Russia's Kursk region since Ukrainian troops crossed "
    "the border, the regional governor said on Monday. Temporary shelters have been opened in Kursk and in "
    "neighbouring regions, and buses are running around the clock, officials told reporters. Fighting "
    "continued near the town of Sudzha, Russia's defense ministry said."
)
WIRE_COPY = (
    "More than 76,000 people have been evacuated from Russia's Kursk region since Ukrainian forces crossed "
    "the border, the regional governor said Monday. Temporary shelters have been opened in Kursk and in "
    "neighbouring regions, and buses are running around the clock, officials told reporters. Fighting "
    "went on near the town of Sudzha, Russia's defence ministry said."
)
LATER = (
    "The number of people evacuated from the Kursk region has risen to 121,000, the acting governor said on "
    "Tuesday, as Ukrainian units held positions inside Russia for a third week."
)


def wait_processed(source_id: int) -> Source:
    return wait_for(
        lambda: Source.objects.filter(pk=source_id).exclude(fetch_state="pending").first(),
        60,
        f"source #{source_id} to be processed",
    )


def test_a_claim_is_supported_once_by_syndicated_copies_then_outdated_by_a_newer_figure(
    worker,
    client,
    reporter,
    checker,
    api_headers,
):
    as_reporter, as_checker = api_headers(reporter), api_headers(checker)
    story_id = client.post(
        "/api/stories", {"headline": "Kursk incursion", "body": STORY}, content_type="application/json", **as_reporter
    ).json()["id"]
    Story.objects.filter(pk=story_id).update(state="published", published_at=day(10))
    start = STORY.index(CLAIM)
    response = client.post(
        "/api/claims",
        {"story": story_id, "start": start, "end": start + len(CLAIM)},
        content_type="application/json",
        **as_checker,
    )
    assert response.status_code == 201, response.content
    claim_id = response.json()["id"]

    def add_source(text, outlet, published):
        response = client.post(
            "/api/sources",
            {"text": text, "outlet": outlet, "reliability": "C", "kind": "wire", "published_at": published.isoformat()},
            content_type="application/json",
            **as_checker,
        )
        assert response.status_code == 202, response.content
        return wait_processed(response.json()["id"])

    def accept(source):
        evidence = Evidence.objects.get(claim_id=claim_id, source=source)
        assert client.post(f"/api/evidence/{evidence.pk}/accept", **as_checker).status_code == 200
        return evidence

    # A later wire story repeats the figure: suggested support, and the claim goes to checking.
    wire = add_source(WIRE, "Regional Wire", day(12))
    support = Evidence.objects.get(claim_id=claim_id, source=wire)
    assert support.stance == "supports" and support.state == "suggested"
    assert support.matcher_reason.startswith("same figure: More than 76,000 people")
    wait_for(lambda: Claim.objects.get(pk=claim_id).status == "checking", 30, "the claim to be checking")

    # A syndicated copy joins the wire story's group; the group already bears on the claim,
    # so the copy proposes nothing more (one live stance per story) and the story counts once.
    copy = add_source(WIRE_COPY, "Evening Post", day(12))
    assert copy.syndication_group_id == wire.pk
    assert client.get(f"/api/sources/{wire.pk}", **as_checker).json()["syndication_group"] == wire.pk
    assert not Evidence.objects.filter(claim_id=claim_id, source=copy).exists()
    accept(wire)
    wait_for(
        lambda: "1 of 2 independent sources" in Claim.objects.get(pk=claim_id).status_reason,
        30,
        "the refresh counting the copies once",
    )
    assert Claim.objects.get(pk=claim_id).status == "checking"

    # A still later source gives a newer figure for the same measure: the claim is outdated.
    later = add_source(LATER, "Kursk Governor's Office", day(20))
    update = Evidence.objects.get(claim_id=claim_id, source=later)
    assert update.stance == "updates" and update.observed_value == 121000
    accept(update.source)
    claim = wait_for(lambda: Claim.objects.filter(pk=claim_id, status="outdated").first(), 30, "outdated")
    assert "Kursk Governor's Office" in claim.status_reason
    detail = client.get(f"/api/claims/{claim_id}", **as_checker).json()
    assert detail["status"] == "outdated" and "Kursk Governor's Office" in detail["status_reason"]
    assert Story.objects.get(pk=story_id).needs_correction
    assert Notification.objects.filter(recipient=reporter, claim_id=claim_id, message__contains="outdated").exists()
