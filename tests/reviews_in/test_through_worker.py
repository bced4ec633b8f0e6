"""Other fact-checkers' ClaimReviews through the API and a real Celery worker (PostgreSQL + Redis).

Four publishers' conventions (a text rating in an @graph, a page with a number on its scale
and a name, a page without the claim's author, a number alone) and a DataFeed: each review is
recorded on its source; one whose claim matches an open claim proposes evidence with the stance
its rating gives and a reason naming the organisation and the rating; one about something else
proposes nothing; broken markup is named on the source; a review arriving again is one record.
"""

import json

import pytest

from claims.models import Claim, ClaimReview, Evidence, Source
from tests.jobs.worker import wait_for
from tests.reviews_in.helpers import BODY, HOT_WATER, TREES, WAITING, sample

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_reviews_from_several_publishers_become_evidence_on_the_claims_they_rated(
    worker,
    client,
    reporter,
    checker,
    api_headers,
    allow_loopback,
    site,
):
    as_reporter, as_checker = api_headers(reporter), api_headers(checker)

    def post(url, data, headers=as_checker):
        return client.post(url, json.dumps(data), content_type="application/json", **headers)

    story = post("/api/stories", {"headline": "Round-up", "body": BODY}, as_reporter).json()["id"]
    claim_ids = {}
    for name, text in (("trees", TREES), ("hot_water", HOT_WATER), ("waiting", WAITING)):
        start = BODY.index(text)
        response = post("/api/claims", {"story": story, "start": start, "end": start + len(text)})
        assert response.status_code == 201, response.content
        claim_ids[name] = response.json()["id"]

    def add(**payload):
        response = post("/api/sources", payload)
        assert response.status_code == 202, response.content
        source_id = response.json()["id"]
        wait_for(
            lambda: Source.objects.filter(pk=source_id).exclude(fetch_state="pending").exists(),
            90,
            f"source #{source_id} to be processed",
        )
        detail = client.get(f"/api/sources/{source_id}", **as_checker)
        assert detail.status_code == 200
        return detail.json()

    def review_evidence(claim: str) -> list[dict]:
        evidence = client.get(f"/api/claims/{claim_ids[claim]}", **as_checker).json()["evidence"]
        return [e for e in evidence if e["reason"].split(" rated it ")[0] in e["outlet"]]

    # Full Fact-like: an @graph, the organisation by @id, a sentence as the rating.
    graph = add(text=sample("fullfact_like.json"))
    assert graph["fetch_state"] == "fetched" and graph["claim_review_problems"] == []
    [review] = graph["claim_reviews"]
    assert review["organisation"] == "Checkpoint" and review["claim_author"] == "the health minister"
    assert review["rating"]["alternate_name"].startswith("Incorrect.") and review["rating"]["value"] == ""
    assert review["stance"] == "contradicts"
    [waiting] = review_evidence("waiting")
    assert (waiting["stance"], waiting["state"], waiting["reliability"]) == ("contradicts", "suggested", "C")
    assert waiting["reason"].startswith("Checkpoint rated it “Incorrect.")
    assert waiting["source"] == review["review_source"]
    [other] = client.get(f"/api/claims/{claim_ids['waiting']}", **as_checker).json()["other_fact_checks"]
    assert (other["organisation"], other["url"]) == (
        "Checkpoint",
        "https://checkpoint.example/health/waiting-lists-six-months/",
    )
    assert (other["evidence"], other["evidence_state"]) == (waiting["id"], "suggested")

    # PolitiFact-like: a page, the rating as a number on its own scale and a name, the claim's author.
    page = add(url=site.add("/trees", sample("politifact_like.html")))
    [review] = page["claim_reviews"]
    assert review["rating"] == {
        "value": "5",
        "best": 6.0,
        "worst": 0.0,
        "alternate_name": "Mostly True",
        "label": "Mostly True",
    }
    assert review["claim_author"] == "Jane Doe" and review["claim_appearance"].startswith("https://riverton.example/")
    [trees] = review_evidence("trees")
    assert trees["stance"] == "supports" and "Truth Meter rated it “Mostly True”" in trees["reason"]
    assert page["evidence"] == []  # the page's prose gives no second, guessed stance

    # AFP-like: no author of the claim (social posts), the organisation in a list.
    add(url=site.add("/hot-water", sample("afp_like.html")))
    [hot] = review_evidence("hot_water")
    assert hot["stance"] == "contradicts" and hot["reason"].startswith("Wire Fact Check rated it “False”")

    # Snopes-like, a number alone, about a claim the desk does not hold: recorded, nothing proposed.
    before = Evidence.objects.count()
    shark = add(url=site.add("/shark", sample("snopes_like.html")))
    assert shark["claim_reviews"][0]["rating"]["label"] == "1 of 5"
    assert Evidence.objects.count() == before

    # A DataFeed: two reviews recorded, the one naming no claim named as a problem.
    feed = add(text=sample("datafeed.json"))
    assert [r["organisation"] for r in feed["claim_reviews"]] == ["Lead Check", "Lead Check"]
    assert feed["claim_review_problems"] == [
        "ClaimReview https://leadcheck.example/2024/06/no-claim names no claim (no claimReviewed): skipped."
    ]
    hot_water = review_evidence("hot_water")
    assert sorted(e["outlet"] for e in hot_water) == ["Lead Check", "Wire Fact Check"]
    assert Evidence.objects.count() == before + 1  # the moon landing matches nothing

    # Broken markup: the reason on the source, the job done.
    broken = add(url=site.add("/bridge", sample("broken.html")))
    assert broken["fetch_state"] == "fetched" and broken["claim_reviews"] == []
    assert broken["claim_review_problems"][0].startswith("JSON-LD block 1 is not valid JSON")

    # The same feed again, re-published with a new modification date: no new record, no new evidence.
    reviews, evidence = ClaimReview.objects.count(), Evidence.objects.count()
    again = add(text=sample("datafeed.json").replace("2024-10-20T06:00:00Z", "2024-10-21T06:00:00Z"))
    assert len(again["claim_reviews"]) == 2
    assert (ClaimReview.objects.count(), Evidence.objects.count()) == (reviews, evidence)

    # A checker accepts Checkpoint's verdict: graded C, it refutes the claim, named in the reason.
    assert client.post(f"/api/evidence/{waiting['id']}/accept", **as_checker).status_code == 200
    claim = wait_for(
        lambda: Claim.objects.filter(pk=claim_ids["waiting"], status="refuted").first(), 30, "the claim refuted"
    )
    assert "Checkpoint" in claim.status_reason
