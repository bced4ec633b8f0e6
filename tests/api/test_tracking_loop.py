"""The fact-tracking loop through the API on real-shaped copy, jobs in-process: a story dated
11 August 2024 says over 76,000 people were already evacuated; a same-figure report supports
the claim, reports of 121,000 and then more than 150,000 update it, and the claim ends
`outdated` with a reason naming the newest source. The claim is a plain selection: its
figure, bound, claimant and date are the app's own reading of the story."""

from claims.models import Claim, Evidence, Source

from .helpers import get, post

BODY = (
    "MOSCOW, Aug 11 - Ukrainian troops pressed deeper into Russia's Kursk region on Sunday, the sixth day "
    "of the incursion, as Moscow rushed reserves to the border. Regional authorities declared an emergency, "
    "with over 76,000 people already evacuated, according to TASS. Russia's defense ministry claimed to "
    "have destroyed 14 Ukrainian drones overnight."
)
SPAN = "over 76,000 people already evacuated, according to TASS"
SAME = (
    "More than 76,000 residents have been evacuated from border districts of the Kursk region, TASS reported "
    "on Monday, citing the regional emergency headquarters. Buses and trains took families to shelters."
)
LATER = (
    "The number of people who have left or been evacuated from the Kursk border areas has risen to 121,000, "
    "the acting regional governor said on Friday, as fighting continued around the town of Sudzha."
)
LATEST = (
    "More than 150,000 people have now been moved out of the Kursk region's frontier districts, Russian "
    "officials said on Tuesday, three weeks after Ukrainian forces crossed the border."
)


def add_source(client, user, text, title, published_at, jobs):
    with jobs(execute=True):
        response = post(
            client,
            "/api/sources",
            {"text": text, "title": title, "outlet": title.split(":")[0], "published_at": published_at},
            user,
        )
    assert response.status_code == 202, response.content
    return Source.objects.get(pk=response.json()["id"])


def accept_proposal(client, user, source, claim_id, jobs) -> Evidence:
    evidence = Evidence.objects.get(source=source, claim_id=claim_id)
    with jobs(execute=True):
        assert post(client, f"/api/evidence/{evidence.pk}/accept", {}, user).status_code == 200
    return evidence


def test_a_dated_claim_is_supported_then_overtaken_twice_and_ends_outdated(
    client, reporter, checker, django_capture_on_commit_callbacks
):
    jobs = django_capture_on_commit_callbacks
    with jobs(execute=True):
        story = post(
            client,
            "/api/stories",
            {"headline": "Kursk incursion enters sixth day", "body": BODY, "published_at": "2024-08-11T10:00:00Z"},
            reporter,
        )
    assert story.status_code == 201, story.content
    start = BODY.index(SPAN)
    with jobs(execute=True):
        made = post(
            client, "/api/claims", {"story": story.json()["id"], "start": start, "end": start + len(SPAN)}, checker
        )
    assert made.status_code == 201, made.content
    claim_id = made.json()["id"]
    claim = get(client, f"/api/claims/{claim_id}", checker).json()
    assert claim["quantity"] == {"value": 76000.0, "unit": "person", "bound": "at_least", "as_of": "2024-08-11"}
    assert claim["claimant"] == "TASS"

    same = add_source(client, checker, SAME, "TASS: Kursk evacuations", "2024-08-12T08:00:00Z", jobs)
    evidence = accept_proposal(client, checker, same, claim_id, jobs)
    assert evidence.stance == "supports", evidence.matcher_reason

    later = add_source(client, checker, LATER, "Reuters: 121,000 have left", "2024-08-16T12:00:00Z", jobs)
    evidence = accept_proposal(client, checker, later, claim_id, jobs)
    assert evidence.stance == "updates" and evidence.observed_value == 121000, evidence.matcher_reason

    latest = add_source(client, checker, LATEST, "AFP: over 150,000 moved out", "2024-08-27T09:00:00Z", jobs)
    evidence = accept_proposal(client, checker, latest, claim_id, jobs)
    assert evidence.stance == "updates" and evidence.observed_value == 150000, evidence.matcher_reason

    claim = Claim.objects.get(pk=claim_id)
    assert claim.status == "outdated", claim.status_reason
    assert "AFP" in claim.status_reason
    data = get(client, f"/api/claims/{claim_id}", checker).json()
    assert data["status"] == "outdated" and {e["stance"] for e in data["evidence"]} == {"supports", "updates"}
