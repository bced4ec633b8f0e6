"""Every admin save goes through the desk's services: the same permission, log, version lock and
status refresh, and a service's refusal is a form error or a message, never a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import (
    Activity,
    Claim,
    Claimant,
    Comment,
    Evidence,
    Notification,
    OutboxJob,
    Source,
    Story,
    Verification,
)
from claims.permissions import FACT_CHECKER, REPORTER
from tests.admin.form_data import form_data
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory, StoryFactory, UserFactory


@pytest.fixture
def staff_checker(db):
    return UserFactory(username="staffchk", role=FACT_CHECKER, is_staff=True)


@pytest.fixture
def staff_reporter(db):
    return UserFactory(username="staffrep", role=REPORTER, is_staff=True)


def change(model, pk):
    return reverse(f"admin:claims_{model._meta.model_name}_change", args=[pk])


def add(model):
    return reverse(f"admin:claims_{model._meta.model_name}_add")


def errors_of(response) -> str:
    return response.content.decode() if response.status_code == 200 else ""


# --- the claim change form: services.edit_claim ------------------------------------------


def test_a_claim_edit_is_saved_by_the_service_with_its_log(client, staff_checker, claim):
    client.force_login(staff_checker)
    url = change(Claim, claim.pk)
    response = client.post(url, form_data(client, url, text="About 1,300 homes were evacuated"))
    assert response.status_code == 302, errors_of(response)[:2000]
    claim.refresh_from_db()
    assert claim.text == "About 1,300 homes were evacuated" and claim.version == 2
    assert Activity.objects.filter(claim=claim, verb="edited claim", actor=staff_checker, reason="text").exists()


def test_a_claim_edit_over_someone_elses_save_is_refused_and_changes_nothing(client, staff_checker, checker, claim):
    client.force_login(staff_checker)
    url = change(Claim, claim.pk)
    data = form_data(client, url, text="Mine")
    services.edit_claim(claim, checker, expected_version=claim.version, text="Theirs")
    response = client.post(url, data)
    assert response.status_code == 200 and "Someone saved this since you opened it" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).text == "Theirs"


def test_a_staff_reporter_cannot_assign_a_claim_in_the_admin(client, staff_reporter, checker):
    own = ClaimFactory(created_by=staff_reporter)
    client.force_login(staff_reporter)
    url = change(Claim, own.pk)
    response = client.post(url, form_data(client, url, assignee=checker.pk))
    assert response.status_code == 200 and "Only fact-checkers and editors assign claims." in response.content.decode()
    assert Claim.objects.get(pk=own.pk).assignee is None


def test_a_staff_reporter_cannot_edit_someone_elses_claim_in_the_admin(client, staff_reporter, claim):
    client.force_login(staff_reporter)
    url = change(Claim, claim.pk)
    assert client.post(url, {"text": "Rewritten", "kind": "other", "priority": "2"}).status_code == 403
    assert Claim.objects.get(pk=claim.pk).text == "About 1,200 homes were evacuated"


def test_an_invalid_inline_rolls_back_the_claim_edit_too(client, staff_checker, claim):
    client.force_login(staff_checker)
    url = change(Claim, claim.pk)
    data = form_data(client, url, text="Half saved?")
    data.update({"evidence-TOTAL_FORMS": "1", "evidence-0-source": "", "evidence-0-stance": "supports"})
    data["evidence-0-claim"] = claim.pk
    response = client.post(url, data)
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.text == "About 1,200 homes were evacuated" and claim.version == 1
    assert not Activity.objects.filter(claim=claim, verb="edited claim").exists()


# --- the evidence inline and the evidence admin: add_evidence, edit_evidence_details ------------------


def test_evidence_added_on_the_claim_is_proposed_through_the_service(client, staff_checker, claim):
    source = SourceFactory()
    client.force_login(staff_checker)
    url = change(Claim, claim.pk)
    data = form_data(client, url)
    data.update(
        {
            "evidence-TOTAL_FORMS": "1",
            "evidence-0-claim": claim.pk,
            "evidence-0-source": source.pk,
            "evidence-0-stance": "contradicts",
            "evidence-0-excerpt": "Only 900 homes",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)[:2000]
    evidence = Evidence.objects.get(claim=claim)
    assert (evidence.stance, evidence.state, evidence.proposed_by) == ("contradicts", "suggested", staff_checker)
    assert Activity.objects.filter(claim=claim, verb="proposed evidence", actor=staff_checker).exists()


def test_an_excerpt_corrected_on_the_claim_is_logged_and_evidence_cannot_be_deleted(client, staff_checker, claim):
    evidence = EvidenceFactory(claim=claim)
    client.force_login(staff_checker)
    url = change(Claim, claim.pk)
    data = form_data(client, url, **{"evidence-0-excerpt": "Corrected", "evidence-0-DELETE": "on"})
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)[:2000]
    assert Evidence.objects.get(pk=evidence.pk).excerpt == "Corrected"
    assert Activity.objects.filter(claim=claim, verb="edited evidence", reason="excerpt").exists()


def test_the_evidence_admin_has_no_delete(client, staff_checker, claim, superuser):
    evidence = EvidenceFactory(claim=claim)
    client.force_login(superuser)
    url = reverse("admin:claims_evidence_delete", args=[evidence.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()


# --- sources: intake.add_source, edit_source, refetch_source -------------------------------


def source_form(**overrides):
    data = {"url": "", "title": "", "outlet": "", "kind": "other", "reliability": "F", "text": ""}
    data.update({"published_at_0": "", "published_at_1": ""})
    data.update(overrides)
    return data


def test_a_source_added_in_the_admin_is_added_by_the_intake_service(client, staff_checker):
    client.force_login(staff_checker)
    response = client.post(add(Source), source_form(url="https://example.org/a", reliability="B"))
    assert response.status_code == 302, errors_of(response)[:2000]
    source = Source.objects.get()
    assert source.added_by == staff_checker
    assert OutboxJob.objects.filter(task="claims.tasks.process_source", args=[source.pk]).exists()
    assert Activity.objects.filter(verb="added source", actor=staff_checker).exists()


def test_an_odd_source_address_is_a_form_error(client, staff_checker):
    client.force_login(staff_checker)
    response = client.post(add(Source), source_form(url="ftp://example.org/a"))
    assert response.status_code == 200
    assert not Source.objects.exists()


def test_a_regraded_source_refreshes_the_claims_it_bears_on(
    client, staff_checker, claim, django_capture_on_commit_callbacks
):
    evidence = EvidenceFactory(claim=claim, source=SourceFactory(reliability="C"))
    services.accept_evidence(evidence, staff_checker)
    services.refresh_status(claim.pk)
    assert Claim.objects.get(pk=claim.pk).status != "supported"
    client.force_login(staff_checker)
    url = change(Source, evidence.source_id)
    data = form_data(client, url, reliability="A")
    with django_capture_on_commit_callbacks(execute=True):  # the queued refresh runs, in-process
        response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)[:2000]
    # One grade-A source is enough support.
    assert Claim.objects.get(pk=claim.pk).status == "supported"
    assert Activity.objects.filter(verb="edited source", actor=staff_checker, reason="reliability").exists()


def test_refetch_is_logged_and_refused_to_a_staff_reporter(client, staff_checker, staff_reporter):
    source = SourceFactory(fetch_state=Source.FetchState.FAILED, fetch_error="timeout", url="https://example.org/x")
    changelist = reverse("admin:claims_source_changelist")
    client.force_login(staff_reporter)
    response = client.post(changelist, {"action": "refetch", "_selected_action": [source.pk]}, follow=True)
    assert response.status_code == 200
    assert Source.objects.get(pk=source.pk).fetch_error == "timeout"
    client.force_login(staff_checker)
    OutboxJob.objects.all().delete()
    client.post(changelist, {"action": "refetch", "_selected_action": [source.pk]})
    assert OutboxJob.objects.filter(task="claims.tasks.process_source", args=[source.pk]).exists()
    assert Activity.objects.filter(verb="fetched source again", actor=staff_checker).exists()


def test_running_the_finder_again_is_logged_and_only_for_stories_one_may_edit(client, staff_reporter, reporter):
    mine = StoryFactory(owner=staff_reporter, body="Some 5,900 people were evacuated, the governor said.")
    theirs = StoryFactory(owner=reporter, desk=mine.desk, body="Another desk's copy of 12 figures.")
    OutboxJob.objects.all().delete()
    client.force_login(staff_reporter)
    changelist = reverse("admin:claims_story_changelist")
    client.post(changelist, {"action": "suggest_claims", "_selected_action": [mine.pk, theirs.pk]})
    queued = list(OutboxJob.objects.filter(task="claims.tasks.suggest_claims_for_story").values_list("args", flat=True))
    assert queued == [[mine.pk]]
    assert Activity.objects.filter(verb="ran the claim finder again", story=mine, actor=staff_reporter).exists()
    assert not Activity.objects.filter(verb="ran the claim finder again", story=theirs).exists()


# --- comments: comments.add_comment ------------------------------------------------------


def test_a_comment_added_in_the_admin_notifies_whom_it_mentions(client, staff_checker, claim, reporter):
    client.force_login(staff_checker)
    response = client.post(add(Comment), {"claim": claim.pk, "story": "", "body": "@rep please check the figure"})
    assert response.status_code == 302, errors_of(response)[:2000]
    comment = Comment.objects.get()
    assert comment.author == staff_checker and list(comment.mentioned.all()) == [reporter]
    assert Notification.objects.filter(recipient=reporter, kind="mention").exists()


def test_a_comment_on_both_a_story_and_a_claim_is_a_form_error(client, staff_checker, claim, story):
    client.force_login(staff_checker)
    response = client.post(add(Comment), {"claim": claim.pk, "story": story.pk, "body": "Both?"})
    assert response.status_code == 200 and "A comment is on a story or on a claim" in response.content.decode()
    assert not Comment.objects.exists()


# --- verdicts: draft_verification, edit_draft_verification -------------------------------


def test_the_author_edits_a_draft_verdict_through_the_service(client, staff_checker, claim, rating_false):
    draft = services.draft_verification(claim, staff_checker, rating=rating_false, rationale="First go.")
    client.force_login(staff_checker)
    url = change(Verification, draft.pk)
    response = client.post(url, form_data(client, url, rationale="Second go."))
    assert response.status_code == 302, errors_of(response)[:2000]
    assert Verification.objects.get(pk=draft.pk).rationale == "Second go."
    assert Activity.objects.filter(verb="edited draft verdict", actor=staff_checker).exists()


def test_a_draft_verdict_cannot_cite_evidence_that_is_not_accepted(client, staff_checker, claim, rating_false):
    draft = services.draft_verification(claim, staff_checker, rating=rating_false, rationale="First go.")
    suggested = EvidenceFactory(claim=claim)
    client.force_login(staff_checker)
    url = change(Verification, draft.pk)
    response = client.post(url, form_data(client, url, evidence=[suggested.pk]))
    assert response.status_code == 200 and "only this claim&#x27;s accepted evidence" in response.content.decode()
    assert not Verification.objects.get(pk=draft.pk).evidence.exists()


def test_another_checker_cannot_edit_a_draft(client, staff_checker, checker, claim, rating_false):
    draft = services.draft_verification(claim, checker, rating=rating_false, rationale="Checker's.")
    client.force_login(staff_checker)
    response = client.post(change(Verification, draft.pk), {"rating": rating_false.pk, "rationale": "Mine now."})
    assert response.status_code == 403
    assert Verification.objects.get(pk=draft.pk).rationale == "Checker's."


def test_verdicts_are_not_editable_on_the_claim_page(client, superuser, editor, checker, claim, rating_false):
    draft = services.draft_verification(claim, checker, rating=rating_false, rationale="Council says 900.")
    services.approve_verification(draft, editor)
    client.force_login(superuser)
    url = change(Claim, claim.pk)
    html = client.get(url).content.decode()
    assert 'name="verifications-0-rationale"' not in html
    data = form_data(client, url, **{"verifications-0-rationale": "Rewritten", "verifications-0-id": draft.pk})
    client.post(url, data)
    assert Verification.objects.get(pk=draft.pk).rationale == "Council says 900."


def test_the_approve_action_asks_for_the_desk_when_a_verdict_cites_no_evidence(client, checker, claim, rating_false):
    draft = services.draft_verification(claim, checker, rating=rating_false, rationale="r")
    staff_editor = UserFactory(username="staffed", role="Editor", is_staff=True)
    client.force_login(staff_editor)
    response = client.post(
        reverse("admin:claims_verification_changelist"),
        {"action": "approve", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "cites no evidence" in response.content.decode()
    assert Verification.objects.get(pk=draft.pk).state == "draft"


# --- deletions --------------------------------------------------------------------------


def test_a_published_story_cannot_be_deleted_in_the_admin(client, superuser, reporter):
    story = StoryFactory(
        owner=reporter, state=Story.State.PUBLISHED, published_url="https://example.org/s", published_at=timezone.now()
    )
    client.force_login(superuser)
    assert client.post(reverse("admin:claims_story_delete", args=[story.pk]), {"post": "yes"}).status_code == 403
    changelist = reverse("admin:claims_story_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [story.pk], "post": "yes"})
    assert Story.objects.filter(pk=story.pk).exists()


# --- the new service paths themselves, as the API or a job would call them ---------------------


def test_an_approved_verdict_is_never_rewritten_even_by_its_author(claim, checker, editor, rating_false):
    from django.core.exceptions import PermissionDenied

    draft = services.draft_verification(claim, checker, rating=rating_false, rationale="Council says 900.")
    services.approve_verification(draft, editor)
    draft.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.edit_draft_verification(draft, checker, rating=rating_false, rationale="Rewritten")
    draft.state = "draft"  # a stale copy read before the approval: the locked row decides
    with pytest.raises(ValidationError):
        services.edit_draft_verification(draft, checker, rating=rating_false, rationale="Rewritten")
    assert Verification.objects.get(pk=draft.pk).rationale == "Council says 900."


def test_reporters_do_not_regrade_or_refetch_sources(reporter):
    from django.core.exceptions import PermissionDenied

    from claims import intake

    source = SourceFactory(reliability="C")
    with pytest.raises(PermissionDenied):
        intake.edit_source(source, reporter, reliability="A")
    with pytest.raises(PermissionDenied):
        intake.refetch_source(source, reporter)
    assert Source.objects.get(pk=source.pk).reliability == "C"


def test_evidence_details_do_not_reach_stance_or_state(checker, claim):
    from claims import review

    evidence = EvidenceFactory(claim=claim)
    with pytest.raises(ValidationError):
        review.edit_evidence_details(evidence, checker, stance="contradicts")
    assert Evidence.objects.get(pk=evidence.pk).stance == "supports"


# --- claimants: services.save_claimant, set_claimant_aliases ------------------------------


def test_a_claimant_renamed_in_the_admin_keeps_its_old_name_as_an_alias(client, staff_checker):
    claimant = services.resolve_claimant("Environment Agency")
    client.force_login(staff_checker)
    url = change(type(claimant), claimant.pk)
    response = client.post(url, form_data(client, url, name="The Environment Agency of Norvale"))
    assert response.status_code == 302, errors_of(response)[:2000]
    claimant.refresh_from_db()
    assert claimant.name == "The Environment Agency of Norvale"
    assert list(claimant.aliases.values_list("alias", flat=True)) == ["Environment Agency"]
    assert Activity.objects.filter(verb="edited claimant", actor=staff_checker, reason="name").exists()
    assert services.resolve_claimant("Environment Agency") == claimant


def test_a_staff_reporter_cannot_add_a_claimant(client, staff_reporter):
    client.force_login(staff_reporter)
    url = add(Claimant)
    response = client.post(url, {**form_data(client, url), "name": "A new body", "kind": "organisation"})
    assert response.status_code == 200 and "Only fact-checkers and editors" in response.content.decode()
    assert not Claimant.objects.filter(name="A new body").exists()
