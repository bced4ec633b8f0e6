"""The admin does not bypass evidence review: stance, state and the matcher's fields are read-only
there, and the matcher tiers are changed only in the desk (through the service that logs them)."""

from django.urls import reverse

from claims.models import Evidence, MatcherSettings
from tests.factories import EvidenceFactory


def test_an_evidence_stance_and_state_cannot_be_changed_in_the_admin(admin_client, claim):
    evidence = EvidenceFactory(claim=claim, stance="supports")
    url = reverse("admin:claims_evidence_change", args=[evidence.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="stance"' not in html and 'name="state"' not in html and 'name="machine_accepted"' not in html
    response = admin_client.post(
        url,
        {
            "excerpt": "Corrected excerpt",
            "observed_value": "",
            "observed_at_0": "",
            "observed_at_1": "",
            "stance": "contradicts",
            "state": "accepted",
            "machine_accepted": "on",
            "proposed_stance": "context",
        },
    )
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.excerpt == "Corrected excerpt"
    assert (evidence.stance, evidence.state, evidence.machine_accepted, evidence.proposed_stance) == (
        "supports",
        "suggested",
        False,
        "",
    )


def test_new_evidence_can_still_be_proposed_in_the_admin_with_a_stance(admin_client):
    html = admin_client.get(reverse("admin:claims_evidence_add")).content.decode()
    assert 'name="stance"' in html


def test_the_claim_inline_fixes_the_stance_of_existing_evidence(admin_client, claim):
    evidence = EvidenceFactory(claim=claim, stance="supports")
    html = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert 'name="evidence-0-stance"' in html and 'name="evidence-0-stance" disabled' in html
    assert Evidence.objects.get(pk=evidence.pk).stance == "supports"


def test_matcher_tiers_are_read_only_in_the_admin_and_point_to_the_desk(admin_client, admin_user):
    MatcherSettings.objects.create(suggest_threshold=0.4, confirm_threshold=0.85, updated_by=admin_user)
    tiers = MatcherSettings.objects.get()
    html = admin_client.get(reverse("admin:claims_matchersettings_changelist")).content.decode()
    assert reverse("matcher_settings") in html
    assert admin_client.get(reverse("admin:claims_matchersettings_add")).status_code == 403
    url = reverse("admin:claims_matchersettings_change", args=[tiers.pk])
    admin_client.post(url, {"suggest_threshold": "0.9", "confirm_threshold": "0.1", "confirm_enabled": "on"})
    tiers.refresh_from_db()
    assert (tiers.suggest_threshold, tiers.confirm_threshold, tiers.confirm_enabled) == (0.4, 0.85, False)
