"""Correcting published stories on the desk: the queue of flagged stories, the correction
screen (text, marks, notice) and an editor's approval of an owner's notice."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import corrections, permissions
from ..forms import CorrectionForm
from ..models import ConflictError, CorrectionNotice, Story, Verification
from .common import desk_member_required, error_text, render_page

PER_PAGE = 25


@require_GET
@desk_member_required
def correction_queue(request):
    """Published stories that need a correction, the longest-waiting first, and notices
    that owners wrote for an editor's approval."""
    flagged = (
        Story.objects.filter(needs_correction=True, state__in=[Story.State.PUBLISHED, Story.State.CORRECTED])
        .select_related("owner")
        .order_by("flagged_at", "pk")
    )
    page = Paginator(flagged, PER_PAGE).get_page(request.GET.get("page"))
    pending = (
        CorrectionNotice.objects.filter(state=CorrectionNotice.State.PENDING)
        .select_related("story", "author")
        .order_by("created_at")[:50]
    )
    return render_page(
        request,
        "claims/correction_queue.html",
        None,
        {
            "page": page,
            "stories": page.object_list,
            "pending": pending,
            "is_editor": permissions.is_editor(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@desk_member_required
def story_correct(request, pk):
    story = get_object_or_404(permissions.visible_stories(request.user).select_related("owner"), pk=pk)
    if not corrections.can_correct(request.user, story):
        raise PermissionDenied("Only an editor or the story's owner may correct this story.")
    if not story.is_published:
        messages.error(request, "Only a published story is corrected; edit the draft in its workspace.")
        return redirect(story.get_absolute_url())
    flagged = corrections.unresolved_claims(story) if story.needs_correction else []
    if request.method == "GET":
        form = CorrectionForm(
            initial={"version": story.version, "body": story.body, "claims": flagged, "kind": "correction"},
            story=story,
        )
        return _render(request, story, form, flagged)

    form = CorrectionForm(request.POST, story=story)
    if not form.is_valid():
        return _render(request, story, form, flagged, status=422)
    data = form.cleaned_data
    body = data["body"].replace("\r\n", "\n")
    affected = corrections.affected_marks(story, body) if body != story.body else []
    try:
        anchors = form.anchors(body)
        undecided = [a for a in affected if a.mention.pk not in anchors]
        if undecided:
            return _render(request, story, form, flagged, affected=affected, status=422)
        notice = corrections.correct_story(
            story,
            request.user,
            expected_version=data["version"],
            kind=data["kind"],
            text=data["text"],
            claims=list(data["claims"]),
            body=body,
            anchors=anchors,
        )
    except ConflictError:
        current = Story.objects.get(pk=pk)
        resubmit = request.POST.copy()
        resubmit["version"] = current.version
        form = CorrectionForm(resubmit, story=current)
        form.is_valid()
        form.add_error(
            None,
            "Someone changed this story since you opened it. Their text is shown below; "
            "check your change against it and save again.",
        )
        return _render(request, current, form, flagged, status=409, theirs=current.body)
    except ValidationError as exc:
        form.add_error(None, error_text(exc))
        return _render(request, story, form, flagged, affected=affected, status=422)
    if notice.state == CorrectionNotice.State.PUBLISHED:
        messages.success(request, f"{notice.get_kind_display()} {notice.sequence} published; the story is corrected.")
    else:
        messages.success(request, f"{notice.get_kind_display()} {notice.sequence} saved; it waits for an editor.")
    return redirect(story.get_absolute_url())


@require_POST
@desk_member_required
def notice_approve(request, pk):
    notice = get_object_or_404(CorrectionNotice, pk=pk)
    try:
        corrections.approve_notice(notice, request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"Correction {notice.sequence} to “{notice.story}” published.")
    return redirect("correction_queue")


@require_POST
@desk_member_required
def verdict_publish(request, pk):
    """An editor publishes an approved verdict as a fact-check of its own, ahead of any story."""
    verdict = get_object_or_404(Verification.objects.select_related("claim"), pk=pk)
    try:
        corrections.standalone_publish(verdict, request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "The fact-check is public.")
    return redirect(verdict.claim.get_absolute_url())


def _render(request, story, form, flagged, *, affected=(), status=200, theirs=None):
    context = {
        "theirs": theirs,
        "story": story,
        "form": form,
        "flagged": flagged,
        "affected": affected,
        "notices": CorrectionNotice.objects.filter(story=story).order_by("sequence"),
        "is_editor": permissions.is_editor(request.user),
    }
    return render_page(request, "claims/story_correct.html", None, context, status=status)
