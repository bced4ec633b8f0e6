"""The claim panel: a claim's work area, shown beside a story and on the claim page.

Every action in it (edit, evidence review, sources, verdicts, comments) answers htmx
with the re-rendered panel, and a plain POST with a redirect back.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from .. import comments, intake, permissions, review, services
from ..forms import ApproveForm, ClaimEditForm, CommentForm, SourceForm, StanceForm, VerdictForm
from ..models import Activity, Claim, Comment, ConflictError, Evidence, Story, Verification
from ..review import StanceConflict
from .common import desk_member_required, diff_rows, error_text, id_param, redirect_back, render_page

PANEL = "claims/parts/claim_panel.html"


def panel_claim(request, pk) -> Claim:
    """The claim, if it is on a desk the user sees (404 otherwise: its existence is not told)."""
    claims = permissions.visible_claims(request.user, Claim.objects.all())
    return get_object_or_404(claims.select_related("claimant", "assignee", "current_verification__rating"), pk=pk)


def panel_story(request) -> Story | None:
    story_id = id_param(request.POST.get("story") or request.GET.get("story"))
    if story_id:
        return permissions.visible_stories(request.user).filter(pk=story_id).first()
    return None


def visible_evidence(request, pk) -> Evidence:
    claims = permissions.visible_claims(request.user)
    return get_object_or_404(Evidence.objects.select_related("claim").filter(claim__in=claims), pk=pk)


def panel_context(request, claim: Claim, story: Story | None = None, **extra) -> dict:
    user = request.user
    evidence = list(
        Evidence.objects.filter(claim=claim)
        .select_related("source", "proposed_by", "reviewed_by", "stance_changed_by")
        .order_by("state", "-created_at")
    )
    order = {"suggested": 0, "accepted": 1, "rejected": 2}
    evidence.sort(key=lambda e: order.get(e.state, 3))
    verdicts = list(
        Verification.objects.filter(claim=claim)
        .select_related("rating", "author", "approved_by")
        .prefetch_related("evidence__source")
    )
    for v in verdicts:
        v.approvable = permissions.can_approve_verdict(user, v)
    back = f"{story.get_absolute_url()}?claim={claim.pk}" if story else claim.get_absolute_url()
    ctx = {
        "claim": claim,
        "panel_story": story,
        "panel_next": back,
        "evidence": evidence,
        "verdicts": verdicts,
        "comments": Comment.objects.filter(claim=claim)
        .select_related("author")
        .prefetch_related(Prefetch("mentioned")),
        "timeline": permissions.visible_activity(request.user, Activity.objects.filter(claim=claim))[:12],
        "can_edit_claim": permissions.can_edit_claim(user, claim),
        "can_review": permissions.can_review_evidence(user),
        "stances": Evidence.Stance.choices,
        "can_draft": permissions.can_draft_verdict(user),
        "can_comment": permissions.can_comment(user),
        "can_add_source": permissions.can_add_source(user),
        "edit_form": ClaimEditForm(
            initial=ClaimEditForm.initial_for(claim),
            can_assign=permissions.can_assign(user),
            auto_id=f"claim{claim.pk}_%s",
        ),
        "source_form": SourceForm(auto_id=f"src{claim.pk}_%s"),
        "verdict_form": VerdictForm(claim=claim, auto_id=f"vd{claim.pk}_%s"),
        "comment_form": CommentForm(auto_id=f"cm{claim.pk}_%s"),
    }
    ctx.update(extra)
    return ctx


def respond(request, claim, story=None, status=200, **extra):
    """htmx: the re-rendered panel; plain POST: back to where the form was."""
    if request.method == "POST" and not request.htmx and status < 400:
        return redirect_back(request, claim.get_absolute_url())
    ctx = panel_context(request, claim, story, **extra)
    if request.htmx:
        response = render_page(request, PANEL, "panel", ctx, status=status)
        if request.method == "POST" and status < 400:
            # The claim page's own column listens for this and redraws its status and verdict history.
            response["HX-Trigger"] = "claim-changed"
        return response
    # Without JavaScript, show the claim page with the panel's form errors in place.
    from .claim import claim_page_context

    return render_page(
        request, "claims/claim_detail.html", None, {**claim_page_context(claim, request.user), **ctx}, status=status
    )


@require_GET
@desk_member_required
def claim_panel(request, pk):
    claim = panel_claim(request, pk)
    story = panel_story(request)
    if not request.htmx:  # a plain link: the same panel, on its page
        target = f"{story.get_absolute_url()}?claim={claim.pk}" if story else claim.get_absolute_url()
        return redirect(target)
    part = "panel-live" if request.GET.get("part") == "live" else "panel"
    return render(request, f"{PANEL}#{part}", panel_context(request, claim, story))


@require_POST
@desk_member_required
def claim_edit(request, pk):
    claim = panel_claim(request, pk)
    if not permissions.can_edit_claim(request.user, claim):
        raise PermissionDenied("You may not edit this claim.")
    story = panel_story(request)
    form = ClaimEditForm(request.POST, can_assign=permissions.can_assign(request.user), auto_id=f"claim{claim.pk}_%s")
    if not form.is_valid():
        return respond(request, claim, story, status=422, edit_form=form, edit_open=True)
    claimant = services.resolve_claimant(form.cleaned_data.get("claimant"))
    changes = form.changes(claim, claimant)
    if not changes:
        return respond(request, claim, story, panel_notice="Nothing changed.")
    try:
        services.edit_claim(claim, request.user, expected_version=form.cleaned_data["version"], **changes)
    except ConflictError as exc:
        current = panel_claim(request, pk)
        theirs = ClaimEditForm.initial_for(current)
        theirs["claimant"] = current.claimant.name if current.claimant_id else ""
        theirs["assignee"] = current.assignee
        mine = dict(form.cleaned_data)
        mine["claimant"] = form.cleaned_data.get("claimant") or ""
        data = request.POST.copy()
        data["version"] = current.version  # saving again now overwrites knowingly
        refreshed = ClaimEditForm(data, can_assign=permissions.can_assign(request.user), auto_id=f"claim{claim.pk}_%s")
        refreshed.is_valid()
        return respond(
            request,
            current,
            story,
            status=409,
            edit_form=refreshed,
            edit_open=True,
            conflict={"message": str(exc), "rows": diff_rows(ClaimEditForm, mine, theirs)},
        )
    except ValidationError as exc:
        return respond(request, claim, story, status=422, edit_form=form, edit_open=True, panel_error=error_text(exc))
    return respond(request, panel_claim(request, pk), story, panel_notice="Claim saved.")


def _review(request, pk, action):
    evidence = visible_evidence(request, pk)
    try:
        action(evidence, request.user)  # the service refuses people who may not review
    except StanceConflict as exc:
        return respond(
            request,
            panel_claim(request, evidence.claim_id),
            panel_story(request),
            status=409,
            panel_error=error_text(exc),
        )
    return respond(request, panel_claim(request, evidence.claim_id), panel_story(request))


@require_POST
@desk_member_required
def evidence_accept(request, pk):
    return _review(request, pk, services.accept_evidence)


@require_POST
@desk_member_required
def evidence_reject(request, pk):
    return _review(request, pk, services.reject_evidence)


@require_POST
@desk_member_required
def evidence_stance(request, pk):
    evidence = visible_evidence(request, pk)
    claim, story = panel_claim(request, evidence.claim_id), panel_story(request)
    form = StanceForm(request.POST)
    if not form.is_valid():
        return respond(
            request, claim, story, status=422, panel_error="Choose a stance: supports, contradicts, updates or context."
        )
    before = evidence.stance
    try:
        changed = review.change_stance(evidence, request.user, form.cleaned_data["stance"])
    except ValidationError as exc:  # a second stance for one wire story
        return respond(
            request, claim, story, status=409 if isinstance(exc, StanceConflict) else 422, panel_error=error_text(exc)
        )
    notice = "Stance unchanged." if changed.stance == before else f"Stance changed from {before} to {changed.stance}."
    return respond(request, panel_claim(request, evidence.claim_id), story, panel_notice=notice)


@require_POST
@desk_member_required
def claim_add_source(request, pk):
    claim = panel_claim(request, pk)
    story = panel_story(request)
    if not permissions.can_add_source(request.user):
        raise PermissionDenied("Only desk members add sources.")
    form = SourceForm(request.POST, auto_id=f"src{claim.pk}_%s")
    if not form.is_valid():
        return respond(request, claim, story, status=422, source_form=form, source_open=True)
    data = form.cleaned_data
    try:
        source = intake.add_source(
            request.user,
            url=data.get("url") or None,
            text=data.get("text") or None,
            title=data.get("title", ""),
            outlet=data.get("outlet", ""),
            kind=data["kind"],
            reliability=data["reliability"],
            published_at=data.get("published_on"),
        )
        if data.get("link_as"):
            excerpt = " ".join((data.get("text") or "").split())[:500]
            services.add_evidence(claim, source, request.user, stance=data["link_as"], excerpt=excerpt)
    except ValidationError as exc:
        return respond(
            request, claim, story, status=422, source_form=form, source_open=True, panel_error=error_text(exc)
        )
    return respond(
        request,
        panel_claim(request, pk),
        story,
        added_source=source,
        panel_notice=f"Source added{' and linked as evidence' if data.get('link_as') else ''}.",
    )


@require_POST
@desk_member_required
def verdict_draft(request, pk):
    claim = panel_claim(request, pk)
    story = panel_story(request)
    if not permissions.can_draft_verdict(request.user):
        raise PermissionDenied("Only fact-checkers and editors draft verdicts.")
    form = VerdictForm(request.POST, claim=claim, auto_id=f"vd{claim.pk}_%s")
    if not form.is_valid():
        return respond(request, claim, story, status=422, verdict_form=form, verdict_open=True)
    try:
        services.draft_verification(
            claim,
            request.user,
            rating=form.cleaned_data["rating"],
            rationale=form.cleaned_data["rationale"],
            evidence=list(form.cleaned_data["evidence"]),
        )
    except ValidationError as exc:
        return respond(
            request, claim, story, status=422, verdict_form=form, verdict_open=True, panel_error=error_text(exc)
        )
    return respond(request, claim, story, panel_notice="Verdict drafted; another editor must approve it.")


@require_POST
@desk_member_required
def verdict_approve(request, pk):
    verification = get_object_or_404(
        Verification.objects.filter(claim__in=permissions.visible_claims(request.user)), pk=pk
    )
    story = panel_story(request)
    form = ApproveForm(request.POST)
    form.is_valid()
    try:
        services.approve_verification(
            verification, request.user, allow_no_evidence=form.cleaned_data.get("without_evidence", False)
        )
    except ValidationError as exc:
        return respond(
            request, panel_claim(request, verification.claim_id), story, status=422, panel_error=error_text(exc)
        )
    if not request.htmx:
        from django.contrib import messages

        messages.success(request, f"Verdict on claim #{verification.claim_id} approved.")
    return respond(request, panel_claim(request, verification.claim_id), story, panel_notice="Verdict approved.")


@require_POST
@desk_member_required
def claim_comment(request, pk):
    claim = panel_claim(request, pk)
    story = panel_story(request)
    form = CommentForm(request.POST, auto_id=f"cm{claim.pk}_%s")
    if not form.is_valid():
        return respond(request, claim, story, status=422, comment_form=form)
    comments.add_comment(request.user, body=form.cleaned_data["body"], claim=claim)
    return respond(request, claim, story, panel_notice="Comment added.")
