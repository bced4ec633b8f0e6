"""The admin keeps the desk's rules: verdicts on record are read-only, states move only in the desk."""

from django.urls import reverse

from claims import services
from claims.models import Story, Verification
from claims.permissions import FACT_CHECKER
from tests.factories import UserFactory


def test_an_approved_verdict_cannot_be_rewritten_in_the_admin(client, editor, checker, claim, rating_false):
    draft = services.draft_verification(claim, checker, rating=rating_false, rationale="Council says 900.")
    services.approve_verification(draft, editor)
    staff_checker = UserFactory(username="staffchk", role=FACT_CHECKER, is_staff=True, is_superuser=True)
    client.force_login(staff_checker)
    url = reverse("admin:claims_verification_change", args=[draft.pk])
    response = client.post(url, {"claim": claim.pk, "rating": rating_false.pk, "rationale": "Rewritten."})
    assert response.status_code in (302, 403)
    assert Verification.objects.get(pk=draft.pk).rationale == "Council says 900."
    assert b'name="rationale"' not in client.get(url).content


def test_the_story_state_is_read_only_in_the_admin(client, editor, story):
    client.force_login(editor)
    editor.is_superuser = True
    editor.save()
    html = client.get(reverse("admin:claims_story_change", args=[story.pk])).content.decode()
    assert 'name="state"' not in html and 'name="owner"' not in html
    assert Story.objects.get(pk=story.pk).state == "draft"
