"""The evidence review API: stance changes, the one-stance refusal, bulk review of a source."""

import pytest

from claims import services
from claims.models import Evidence
from tests.api.helpers import get, post
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory

EVIDENCE_FIELDS = {
    "id",
    "source",
    "source_title",
    "outlet",
    "reliability",
    "stance",
    "state",
    "excerpt",
    "score",
    "reason",
    "proposed_by",
    "proposed_stance",
    "stance_changed_by",
    "stance_changed_at",
    "machine_accepted",
}


def test_a_checker_changes_a_stance_and_gets_the_evidence_back(client, claim, checker):
    evidence = EvidenceFactory(claim=claim, stance="contradicts", matcher_score=0.7)
    response = post(client, f"/api/evidence/{evidence.pk}/stance", {"stance": "updates"}, checker)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == EVIDENCE_FIELDS
    assert (data["id"], data["stance"], data["proposed_stance"], data["stance_changed_by"]) == (
        evidence.pk,
        "updates",
        "contradicts",
        "chk",
    )
    assert data["stance_changed_at"] and data["machine_accepted"] is False
    again = post(client, f"/api/evidence/{evidence.pk}/stance", {"stance": "supports"}, checker).json()
    assert (again["stance"], again["proposed_stance"]) == ("supports", "contradicts")


def test_accept_answers_the_same_shape_as_a_stance_change(client, claim, checker):
    evidence = EvidenceFactory(claim=claim)
    data = post(client, f"/api/evidence/{evidence.pk}/accept", {}, checker).json()
    assert set(data) == EVIDENCE_FIELDS
    assert (data["proposed_stance"], data["stance_changed_by"]) == (None, None)


@pytest.mark.parametrize("body", [{"stance": "maybe"}, {"stance": ""}, {}, {"stance": 1}])
def test_an_unknown_stance_is_422(client, claim, checker, body):
    evidence = EvidenceFactory(claim=claim, stance="supports")
    response = post(client, f"/api/evidence/{evidence.pk}/stance", body, checker)
    assert response.status_code == 422 and "detail" in response.json()
    assert Evidence.objects.get(pk=evidence.pk).stance == "supports"


def test_a_reporter_gets_403_and_an_unknown_id_404(client, claim, reporter, checker):
    evidence = EvidenceFactory(claim=claim, stance="supports")
    response = post(client, f"/api/evidence/{evidence.pk}/stance", {"stance": "context"}, reporter)
    assert response.status_code == 403 and "detail" in response.json()
    assert Evidence.objects.get(pk=evidence.pk).stance == "supports"
    missing = post(client, "/api/evidence/999999/stance", {"stance": "context"}, checker)
    assert missing.status_code == 404 and missing.json() == {"detail": "Not found."}


def test_accepting_a_second_stance_for_one_wire_story_is_409_saying_to_change_the_stance(client, claim, checker):
    head = SourceFactory(outlet="Wire")
    head.syndication_group = head
    head.save()
    services.accept_evidence(EvidenceFactory(claim=claim, source=head, stance="supports"), checker)
    copy = EvidenceFactory(claim=claim, source=SourceFactory(syndication_group=head), stance="contradicts")
    response = post(client, f"/api/evidence/{copy.pk}/accept", {}, checker)
    assert response.status_code == 409
    assert "Change the stance instead" in response.json()["detail"]
    assert Evidence.objects.get(pk=copy.pk).state == "suggested"
    post(client, f"/api/evidence/{copy.pk}/stance", {"stance": "supports"}, checker)
    assert post(client, f"/api/evidence/{copy.pk}/accept", {}, checker).status_code == 200


def test_accept_all_and_reject_all_review_one_sources_suggestions(client, checker):
    source = SourceFactory()
    for _ in range(3):
        EvidenceFactory(claim=ClaimFactory(), source=source)
    response = post(client, f"/api/sources/{source.pk}/evidence/accept-all", {}, checker)
    assert response.status_code == 200
    assert response.json() == {"accepted": 3, "rejected": 0, "skipped": []}
    other = SourceFactory()
    EvidenceFactory(claim=ClaimFactory(), source=other)
    assert post(client, f"/api/sources/{other.pk}/evidence/reject-all", {}, checker).json() == {
        "accepted": 0,
        "rejected": 1,
        "skipped": [],
    }


def test_accept_all_reports_what_it_skipped(client, claim, checker):
    head = SourceFactory(outlet="Wire")
    services.accept_evidence(EvidenceFactory(claim=claim, source=head, stance="supports"), checker)
    copy = SourceFactory(syndication_group=head)
    clash = EvidenceFactory(claim=claim, source=copy, stance="contradicts")
    EvidenceFactory(claim=ClaimFactory(), source=copy)
    data = post(client, f"/api/sources/{copy.pk}/evidence/accept-all", {}, checker).json()
    assert data["accepted"] == 1
    [skipped] = data["skipped"]
    assert (skipped["evidence"], skipped["claim"]) == (clash.pk, claim.pk)
    assert "Change the stance instead" in skipped["reason"]


def test_bulk_review_is_403_for_a_reporter_and_404_for_an_unknown_source(client, claim, reporter, checker):
    evidence = EvidenceFactory(claim=claim)
    for action in ("accept-all", "reject-all"):
        assert post(client, f"/api/sources/{evidence.source_id}/evidence/{action}", {}, reporter).status_code == 403
        assert post(client, f"/api/sources/999999/evidence/{action}", {}, checker).status_code == 404
    assert Evidence.objects.get(pk=evidence.pk).state == "suggested"


def test_claim_and_source_details_show_machine_acceptance_and_stance_changes(client, claim, checker):
    machine = EvidenceFactory(claim=claim, state="accepted", machine_accepted=True, matcher_score=0.95)
    person = EvidenceFactory(claim=claim, stance="contradicts")
    post(client, f"/api/evidence/{person.pk}/stance", {"stance": "context"}, checker)
    by_id = {e["id"]: e for e in get(client, f"/api/claims/{claim.pk}", checker).json()["evidence"]}
    assert by_id[machine.pk]["machine_accepted"] is True
    assert (by_id[person.pk]["proposed_stance"], by_id[person.pk]["stance_changed_by"]) == ("contradicts", "chk")
    [from_source] = get(client, f"/api/sources/{machine.source_id}", checker).json()["evidence"]
    assert from_source["machine_accepted"] is True


def test_the_openapi_document_lists_the_review_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in [
        "/api/evidence/{evidence_id}/stance",
        "/api/sources/{source_id}/evidence/accept-all",
        "/api/sources/{source_id}/evidence/reject-all",
    ]:
        assert path in paths, path
    assert "409" in paths["/api/evidence/{evidence_id}/accept"]["post"]["responses"]
