"""The claim panel: inline editing, evidence review, sources, verdicts and comments."""

from django.urls import reverse

from claims import services
from claims.models import Activity, Claim, Comment, Evidence, Notification, Source, Verification
from tests.views.conftest import HTMX


def test_it_renders_the_panel_fragment_for_htmx(client, checker, story, claim, evidence):
    client.force_login(checker)
    response = client.get(reverse("claim_panel", args=[claim.pk]) + f"?story={story.pk}", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="claim-panel"')
    assert evidence.source.label in html
    assert reverse("evidence_accept", args=[evidence.pk]) in html


def test_a_plain_link_to_the_panel_redirects_to_the_story(client, checker, story, claim):
    client.force_login(checker)
    response = client.get(reverse("claim_panel", args=[claim.pk]) + f"?story={story.pk}")
    assert response.status_code == 302
    assert response.url == f"{story.get_absolute_url()}?claim={claim.pk}"


def test_the_live_part_refreshes_status_and_evidence_only(client, checker, claim):
    client.force_login(checker)
    html = client.get(reverse("claim_panel", args=[claim.pk]) + "?part=live", **HTMX).content.decode()
    assert 'hx-trigger="story-changed from:body"' in html
    assert "Edit claim" not in html


def edit_data(claim, **overrides):
    data = {
        "version": claim.version,
        "text": claim.text,
        "claimant": "",
        "kind": claim.kind,
        "priority": 2,
        "quantity_value": "",
        "quantity_unit": "",
        "quantity_bound": "",
        "as_of": "",
        "assignee": "",
    }
    data.update(overrides)
    return data


def test_it_saves_an_inline_edit(client, checker, claim):
    client.force_login(checker)
    response = client.post(
        reverse("claim_edit", args=[claim.pk]),
        edit_data(claim, claimant="County council", priority=1, assignee=checker.pk),
        **HTMX,
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert (claim.claimant.name, claim.priority, claim.assignee) == ("County council", 1, checker)
    assert claim.version == 2
    assert "Claim saved." in response.content.decode()


def test_an_invalid_edit_rerenders_with_the_users_input(client, checker, claim):
    client.force_login(checker)
    response = client.post(
        reverse("claim_edit", args=[claim.pk]),
        edit_data(claim, text="", quantity_value="12", claimant="Somebody new"),
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Only a quantity claim has a value" in html
    assert 'value="Somebody new"' in html
    claim.refresh_from_db()
    assert claim.version == 1


def test_the_second_concurrent_save_is_refused_with_theirs_and_mine(client, checker, editor, claim):
    client.force_login(editor)
    client.post(reverse("claim_edit", args=[claim.pk]), edit_data(claim, text="Their wording of the claim"))
    client.force_login(checker)
    response = client.post(
        reverse("claim_edit", args=[claim.pk]), edit_data(claim, text="My wording of the claim"), **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: someone else changed this" in html
    assert "Their wording of the claim" in html  # their saved value
    assert "My wording of the claim" in html  # my input, kept in the form
    assert 'name="version" value="2"' in html  # saving again overwrites knowingly
    claim.refresh_from_db()
    assert claim.text == "Their wording of the claim"


def test_saving_again_after_a_conflict_applies_my_version(client, checker, editor, claim):
    services.edit_claim(claim, editor, expected_version=1, text="Theirs")
    client.force_login(checker)
    client.post(reverse("claim_edit", args=[claim.pk]), edit_data(claim, version=2, text="Mine after review"))
    claim.refresh_from_db()
    assert claim.text == "Mine after review"


def test_reporter_cannot_edit_a_claim_they_did_not_create(client, reporter, claim):
    client.force_login(reporter)
    assert client.post(reverse("claim_edit", args=[claim.pk]), edit_data(claim)).status_code == 403


def test_checker_accepts_evidence_and_the_status_follows(client, checker, claim, evidence, jobs):
    client.force_login(checker)
    with jobs(execute=True):
        response = client.post(reverse("evidence_accept", args=[evidence.pk]), {"story": ""}, **HTMX)
    assert response.status_code == 200
    response = client.get(reverse("claim_panel", args=[claim.pk]), **HTMX)
    evidence.refresh_from_db()
    claim.refresh_from_db()
    assert evidence.state == "accepted"
    assert claim.status == "supported"
    assert 'data-status="supported"' in response.content.decode()


def test_checker_rejects_evidence_without_javascript(client, checker, story, claim, evidence):
    client.force_login(checker)
    back = f"{story.get_absolute_url()}?claim={claim.pk}"
    response = client.post(reverse("evidence_reject", args=[evidence.pk]), {"next": back})
    assert response.status_code == 302 and response.url == back
    evidence.refresh_from_db()
    assert evidence.state == "rejected"


def test_an_offsite_next_is_ignored(client, checker, claim, evidence):
    client.force_login(checker)
    response = client.post(reverse("evidence_reject", args=[evidence.pk]), {"next": "https://evil.example/"})
    assert response.url == claim.get_absolute_url()


def test_reporter_cannot_review_evidence(client, reporter, evidence):
    client.force_login(reporter)
    assert client.post(reverse("evidence_accept", args=[evidence.pk]), **HTMX).status_code == 403
    evidence.refresh_from_db()
    assert evidence.state == "suggested"


def test_it_adds_pasted_text_as_a_source_and_links_it(client, reporter, claim, jobs):
    client.force_login(reporter)
    with jobs(execute=True):
        response = client.post(
            reverse("claim_add_source", args=[claim.pk]),
            {
                "text": "The council confirmed about 1,200 homes were evacuated.",
                "outlet": "County council",
                "kind": "official",
                "reliability": "B",
                "link_as": "supports",
            },
            **HTMX,
        )
    html = response.content.decode()
    assert response.status_code == 200
    source = Source.objects.get()
    assert 'data-fetch-state="pending"' in html  # rendered before the job ran: it shows progress
    assert reverse("source_state", args=[source.pk]) in html
    assert "linked as evidence" in html
    source.refresh_from_db()
    assert source.fetch_state == "fetched"  # the job ran after commit
    assert Evidence.objects.get(claim=claim, source=source).stance == "supports"
    state = client.get(reverse("source_state", args=[source.pk]), **HTMX).content.decode()
    assert 'data-fetch-state="fetched"' in state and "hx-trigger" not in state


def test_a_url_source_shows_its_progress_while_pending(client, checker, claim):
    client.force_login(checker)
    response = client.post(
        reverse("claim_add_source", args=[claim.pk]),
        {
            "url": "https://example.org/report",
            "kind": "news_outlet",
            "reliability": "C",
            "link_as": "",
        },
        **HTMX,
    )
    source = Source.objects.get()
    html = response.content.decode()
    if source.fetch_state == "pending":
        assert 'data-fetch-state="pending"' in html
        assert reverse("source_state", args=[source.pk]) in html
    assert not Evidence.objects.exists()  # not linked unless asked


def test_a_source_needs_an_address_or_text(client, checker, claim):
    client.force_login(checker)
    response = client.post(reverse("claim_add_source", args=[claim.pk]), {"kind": "other", "reliability": "F"}, **HTMX)
    assert response.status_code == 422
    assert "Give the source" in response.content.decode()
    assert not Source.objects.exists()


def test_checker_drafts_a_verdict(client, checker, claim, rating_false):
    client.force_login(checker)
    response = client.post(
        reverse("verdict_draft", args=[claim.pk]),
        {"rating": rating_false.pk, "rationale": "The council says 900."},
        **HTMX,
    )
    assert response.status_code == 200
    verdict = Verification.objects.get()
    assert (verdict.author, verdict.state) == (checker, "draft")


def test_a_verdict_without_rationale_rerenders(client, checker, claim, rating_false):
    client.force_login(checker)
    response = client.post(
        reverse("verdict_draft", args=[claim.pk]), {"rating": rating_false.pk, "rationale": " "}, **HTMX
    )
    assert response.status_code == 422
    assert not Verification.objects.exists()


def test_editor_approves_anothers_verdict(client, editor, claim, draft, jobs):
    client.force_login(editor)
    # The draft cites no evidence: the desk asks for a tick first.
    assert client.post(reverse("verdict_approve", args=[draft.pk]), **HTMX).status_code == 422
    with jobs(execute=True):
        response = client.post(reverse("verdict_approve", args=[draft.pk]), {"without_evidence": "on"}, **HTMX)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.state == "approved"
    claim.refresh_from_db()
    assert claim.status == "refuted"


def test_the_approve_button_is_hidden_from_the_author_and_the_service_refuses(client, editor, claim, rating_false):
    own = Verification.objects.create(claim=claim, rating=rating_false, rationale="mine", author=editor)
    client.force_login(editor)
    html = client.get(reverse("claim_panel", args=[claim.pk]), **HTMX).content.decode()
    assert reverse("verdict_approve", args=[own.pk]) not in html
    assert "Awaiting another editor" in html
    assert client.post(reverse("verdict_approve", args=[own.pk]), **HTMX).status_code == 403
    own.refresh_from_db()
    assert own.state == "draft"


def test_checker_cannot_approve(client, checker, editor, claim, rating_false):
    other = Verification.objects.create(claim=claim, rating=rating_false, rationale="x", author=editor)
    client.force_login(checker)
    assert client.post(reverse("verdict_approve", args=[other.pk])).status_code == 403


def test_approving_an_approved_verdict_says_so(client, editor2, editor, claim, draft):
    services.approve_verification(draft, editor)
    client.force_login(editor2)
    response = client.post(reverse("verdict_approve", args=[draft.pk]), **HTMX)
    assert response.status_code in (403, 422)
    assert Verification.objects.get().approved_by == editor


def test_a_claim_comment_notifies_mentioned_colleagues(client, checker, editor, reporter, claim):
    client.force_login(checker)
    response = client.post(
        reverse("claim_comment", args=[claim.pk]),
        {"body": "@ed and @rep: the council figure moved. email me at chk@newsroom.test"},
        **HTMX,
    )
    assert response.status_code == 200
    comment = Comment.objects.get()
    assert set(comment.mentioned.all()) == {editor, reporter}
    assert Notification.objects.filter(claim=claim).count() == 2
    assert Activity.objects.filter(verb="commented", claim=claim).exists()


def test_the_activity_timeline_and_status_reason_show(client, checker, claim, evidence, jobs):
    with jobs(execute=True):
        services.accept_evidence(evidence, checker)
    client.force_login(checker)
    html = client.get(reverse("claim_panel", args=[claim.pk]), **HTMX).content.decode()
    claim.refresh_from_db()
    assert claim.status_reason in html
    assert "accepted evidence" in html


def test_a_missing_claim_is_404(client, checker):
    client.force_login(checker)
    assert client.get(reverse("claim_panel", args=[424242]), **HTMX).status_code == 404
    assert client.post(reverse("evidence_accept", args=[424242]), **HTMX).status_code == 404


def test_claim_is_unchanged_when_nothing_was_edited(client, checker, claim):
    client.force_login(checker)
    client.post(reverse("claim_edit", args=[claim.pk]), edit_data(claim), **HTMX)
    assert Claim.objects.get().version == 1
