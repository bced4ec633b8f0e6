"""The core JSON API: stories, claims, evidence review, verdicts, auth and errors."""

import json

import pytest

from claims.models import Claim, Evidence, Story, Verification
from tests.conftest import bearer
from tests.factories import EvidenceFactory, SourceFactory


def post(client, url, data, user):
    return client.post(url, json.dumps(data), content_type="application/json", **bearer(user))


def test_it_requires_authentication(client, story):
    response = client.get(f"/api/stories/{story.pk}")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_bad_token_is_refused(client, story):
    response = client.get(f"/api/stories/{story.pk}", HTTP_AUTHORIZATION="Bearer nope")
    assert response.status_code == 401


def test_a_user_without_a_role_is_forbidden(client, story, outsider):
    response = client.get(f"/api/stories/{story.pk}", **bearer(outsider))
    assert response.status_code == 403


def test_it_creates_a_story(client, reporter):
    response = post(
        client, "/api/stories", {"headline": "Dam holds", "body": "The dam held, engineers said."}, reporter
    )
    assert response.status_code == 201
    story = Story.objects.get(pk=response.json()["id"])
    assert story.owner == reporter and story.headline == "Dam holds"


def test_story_validation_errors_are_4xx_json(client, reporter):
    response = post(client, "/api/stories", {"headline": ""}, reporter)
    assert response.status_code == 422
    assert "detail" in response.json()
    response = client.post("/api/stories", "{not json", content_type="application/json", **bearer(reporter))
    assert 400 <= response.status_code < 500


def test_story_lists_its_claims_with_offsets(client, claim, story, reporter):
    data = client.get(f"/api/stories/{story.pk}", **bearer(reporter)).json()
    [entry] = data["claims"]
    assert entry["id"] == claim.pk and story.body[entry["start"] : entry["end"]] == claim.text


def test_unknown_story_is_404_json(client, reporter):
    response = client.get("/api/stories/999999", **bearer(reporter))
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


def test_it_creates_a_claim_from_offsets(client, story, reporter):
    text = "The river peaked at 6.2 metres on Tuesday"
    start = story.body.index(text)
    response = post(client, "/api/claims", {"story": story.pk, "start": start, "end": start + len(text)}, reporter)
    assert response.status_code == 201
    claim = Claim.objects.get(pk=response.json()["id"])
    assert claim.text == text and claim.mentions.get().story == story


def test_overlapping_claim_returns_the_existing_one(client, story, claim, checker):
    m = claim.mentions.get()
    response = post(client, "/api/claims", {"story": story.pk, "start": m.start, "end": m.end}, checker)
    assert response.status_code == 200 and response.json()["id"] == claim.pk


def test_bad_offsets_are_400(client, story, reporter):
    response = post(client, "/api/claims", {"story": story.pk, "start": 5, "end": 100000}, reporter)
    assert response.status_code == 400 and "outside the story body" in response.json()["detail"]


def test_claim_detail_has_status_evidence_and_verdict(client, claim, checker):
    EvidenceFactory(claim=claim, matcher_score=0.8, matcher_reason="shares 1,200 homes")
    data = client.get(f"/api/claims/{claim.pk}", **bearer(checker)).json()
    assert data["status"] == "unverified" and data["verdict"] is None
    [evidence] = data["evidence"]
    assert evidence["score"] == 0.8 and evidence["state"] == "suggested"


def test_checker_accepts_evidence_and_status_follows(client, claim, checker, django_capture_on_commit_callbacks):
    evidence = EvidenceFactory(claim=claim, source=SourceFactory(reliability="A"))
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, f"/api/evidence/{evidence.pk}/accept", {}, checker)
    assert response.status_code == 200 and response.json()["state"] == "accepted"
    assert Claim.objects.get(pk=claim.pk).status == "supported"


def test_reporter_cannot_accept_evidence(client, claim, reporter):
    evidence = EvidenceFactory(claim=claim)
    assert post(client, f"/api/evidence/{evidence.pk}/accept", {}, reporter).status_code == 403
    assert Evidence.objects.get(pk=evidence.pk).state == "suggested"


def test_reject_evidence(client, claim, checker):
    evidence = EvidenceFactory(claim=claim)
    assert post(client, f"/api/evidence/{evidence.pk}/reject", {}, checker).json()["state"] == "rejected"


def test_verdict_draft_and_approval(client, claim, checker, editor, django_capture_on_commit_callbacks):
    response = post(
        client, f"/api/claims/{claim.pk}/verifications", {"rating": "false", "rationale": "Wrong."}, checker
    )
    assert response.status_code == 201
    vid = response.json()["id"]
    refused = post(client, f"/api/verifications/{vid}/approve", {}, editor)
    assert refused.status_code == 422 and "confirm_no_evidence" in refused.json()["detail"]
    assert Verification.objects.get(pk=vid).state == "draft"
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = post(client, f"/api/verifications/{vid}/approve?confirm_no_evidence=true", {}, editor)
    assert confirmed.status_code == 200
    assert Claim.objects.get(pk=claim.pk).status == "refuted"


def test_a_verdict_citing_evidence_is_approved_without_confirmation(client, claim, checker, editor):
    from claims import services

    evidence = EvidenceFactory(claim=claim, source=SourceFactory(reliability="A"))
    services.accept_evidence(evidence, checker)
    vid = post(
        client,
        f"/api/claims/{claim.pk}/verifications",
        {"rating": "true", "rationale": "The council confirms it.", "evidence": [evidence.pk]},
        checker,
    ).json()["id"]
    # A bare POST, as before the flag existed.
    response = client.post(f"/api/verifications/{vid}/approve", **bearer(editor))
    assert response.status_code == 200, response.content
    assert Verification.objects.get(pk=vid).state == "approved"


def test_author_approving_own_verdict_is_403(client, claim, editor):
    vid = post(
        client, f"/api/claims/{claim.pk}/verifications", {"rating": "true", "rationale": "Right."}, editor
    ).json()["id"]
    response = post(client, f"/api/verifications/{vid}/approve", {}, editor)
    assert response.status_code == 403
    assert Verification.objects.get(pk=vid).state == "draft"


def test_unknown_rating_is_400(client, claim, checker):
    response = post(
        client, f"/api/claims/{claim.pk}/verifications", {"rating": "pants-on-fire", "rationale": "x"}, checker
    )
    assert response.status_code == 400 and "Unknown rating" in response.json()["detail"]


def test_session_auth_requires_csrf(claim, checker):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(checker)
    evidence = EvidenceFactory(claim=claim)
    response = client.post(f"/api/evidence/{evidence.pk}/accept")
    assert response.status_code in (401, 403)
    assert Evidence.objects.get(pk=evidence.pk).state == "suggested"


def test_openapi_document_lists_the_fixed_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in [
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/suggestions",
        "/api/claims",
        "/api/claims/{claim_id}",
        "/api/sources",
        "/api/sources/{source_id}",
        "/api/evidence/{evidence_id}/accept",
        "/api/evidence/{evidence_id}/reject",
        "/api/claims/{claim_id}/verifications",
        "/api/verifications/{verification_id}/approve",
    ]:
        assert path in paths, path


@pytest.mark.parametrize("payload", [{}, {"url": "ftp://x"}, {"url": "https://a.test", "text": "both"}])
def test_bad_sources_are_refused_with_4xx(client, reporter, payload):
    response = post(client, "/api/sources", payload, reporter)
    assert 400 <= response.status_code < 500 and "detail" in response.json()


def test_pasted_text_source_is_accepted_for_processing(client, reporter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            "/api/sources",
            {"text": "The council said 1,200 homes were evacuated.", "outlet": "Gazette"},
            reporter,
        )
    assert response.status_code == 202
    assert client.get(f"/api/sources/{response.json()['id']}", **bearer(reporter)).json()["fetch_state"] == "fetched"


def test_a_new_story_gets_suggestions_from_the_claim_finder(client, reporter, django_capture_on_commit_callbacks):
    body = (
        "The county council said on Monday that 1,200 homes had been evacuated. "
        "Fire chief Dana Holt said crews rescued 43 people from rooftops overnight. "
        "The weather was grey."
    )
    with django_capture_on_commit_callbacks(execute=True):
        story_id = post(client, "/api/stories", {"headline": "Floods", "body": body}, reporter).json()["id"]
    suggestions = client.get(f"/api/stories/{story_id}/suggestions", **bearer(reporter)).json()
    texts = [s["text"] for s in suggestions]
    assert any("1,200 homes" in t for t in texts) and any("43 people" in t for t in texts)
    assert not any("grey" in t for t in texts)
    homes = next(s for s in suggestions if "1,200" in s["text"])
    assert body[homes["start"] : homes["end"]] == homes["text"]
    assert homes["quantity"]["value"] == 1200 and homes["reasons"]
    # accepting the suggestion by its offsets turns it into a claim and closes the suggestion
    created = post(client, "/api/claims", {"story": story_id, "start": homes["start"], "end": homes["end"]}, reporter)
    assert created.status_code == 201 and created.json()["quantity"]["value"] == 1200
    remaining = client.get(f"/api/stories/{story_id}/suggestions", **bearer(reporter)).json()
    assert homes["id"] not in [s["id"] for s in remaining]


def test_a_published_time_with_an_odd_offset_is_stored_in_utc(client, reporter):
    payload = {"text": "The council said 1,200 homes were evacuated.", "published_at": "1988-09-08T18:15:52+19:47"}
    response = post(client, "/api/sources", payload, reporter)
    assert response.status_code == 202
    from claims.models import Source

    assert Source.objects.get(pk=response.json()["id"]).published_at.isoformat() == "1988-09-07T22:28:52+00:00"


def test_a_long_pasted_source_within_the_schema_limit_is_accepted(client, reporter):
    # 450,000 accented characters are 2.7 MB of escaped JSON: over Django's 2.5 MB default.
    response = post(client, "/api/sources", {"text": "é" * 450_000, "outlet": "Gazette"}, reporter)
    assert response.status_code == 202
