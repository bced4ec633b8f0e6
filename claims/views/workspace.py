"""The story workspace: the story text with its claims marked, suggestions, fact health,
workflow, and the panel of the selected claim; kept live by a cheap poll."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from .. import comments, corrections, failed_jobs, filing, permissions, services, triage
from ..forms import CommentForm, SpanForm, StoryEditForm, TransitionForm
from ..models import Activity, Claim, ClaimSuggestion, Comment, ConflictError, Mention, Story
from . import charts, live
from .common import desk_member_required, diff_rows, error_text, id_param, render_page
from .panel import PANEL, panel_context

TEMPLATE = "claims/story_workspace.html"
LIVE_POLL_SECONDS = 3
# The suggestion list shows this many, best first; "show more" brings the next as many.
SUGGESTION_PAGE = 20


@dataclass
class Segment:
    kind: str  # "text", "mention" or "suggestion"
    start: int
    end: int
    text: str
    obj: Any = None


def body_segments(body: str, mentions, suggestions) -> list[Segment]:
    """Cut the body into runs that carry their offsets, so the browser can map a selection back.

    Mentions win over suggestions; a span overlapping one already placed stays in the
    lists beside the text but is not marked twice.
    """
    spans = [(m.start, m.end, "mention", m) for m in mentions]
    spans += [(s.start, s.end, "suggestion", s) for s in suggestions]
    spans.sort(key=lambda t: (t[0], t[2] != "mention", -t[1]))
    out, pos = [], 0
    for start, end, kind, obj in spans:
        if start < pos or end > len(body):
            continue
        if start > pos:
            out.append(Segment("text", pos, start, body[pos:start]))
        out.append(Segment(kind, start, end, body[start:end], obj))
        pos = end
    if pos < len(body):
        out.append(Segment("text", pos, len(body), body[pos:]))
    return out


def workspace_context(request, story: Story, **extra) -> dict:
    user = request.user
    mentions = list(
        Mention.objects.filter(story=story).select_related("claim__claimant", "claim__assignee").order_by("start")
    )
    suggestions = list(ClaimSuggestion.objects.filter(story=story, state=ClaimSuggestion.State.OPEN).order_by("start"))
    claims, seen = [], set()
    for m in mentions:
        if m.claim_id not in seen:
            seen.add(m.claim_id)
            claims.append(m.claim)
    counts: dict[str, int] = {}
    for c in claims:
        counts[c.status] = counts.get(c.status, 0) + 1
    health = [
        {"status": s.value, "label": s.label, "letter": charts.STATUS_LETTER[s.value], "count": counts.get(s.value, 0)}
        for s in Claim.Status
    ]
    next_states = [
        (state, Story.State(state).label)
        for state in services.TRANSITIONS.get(story.state, ())
        if permissions.can_transition_story(user, story, state)
    ]
    ctx = {
        "story": story,
        "segments": body_segments(story.body, mentions, suggestions),
        "claims": claims,
        "suggestions": suggestions,
        **suggestion_page(suggestions, 0, id_param(request.GET.get("more")) or SUGGESTION_PAGE),
        "suggestion_failure": failed_jobs.failed_suggestion_job(story),
        "can_retry_jobs": permissions.can_retry_jobs(user),
        "health": health,
        "health_chart": charts.health_bar(counts),
        "claim_total": len(claims),
        "bad_total": sum(counts.get(s, 0) for s in services.BAD_STATUSES),
        "next_states": next_states,
        "stamp": live.story_stamp(story.pk),
        "poll_seconds": LIVE_POLL_SECONDS,
        "activity": permissions.visible_activity(user, Activity.objects.filter(story=story))[:10],
        "story_comments": Comment.objects.filter(story=story).select_related("author"),
        "can_edit_story": permissions.can_edit_story(user, story),
        "can_correct": story.is_published and corrections.can_correct(user, story),
        "can_propose": permissions.can_propose_claim(user, story),
        "can_comment": permissions.can_comment(user),
        "span_form": SpanForm(story=story),
        "story_form": StoryEditForm(initial=StoryEditForm.initial_for(story)),
        "story_comment_form": CommentForm(auto_id="story_cm_%s"),
        "letters": charts.STATUS_LETTER,
        "finder_running": filing.suggestions_running(story.pk),
    }
    ctx.update(extra)
    return ctx


def suggestion_page(suggestions: list, offset: int, size: int) -> dict:
    """One page of the suggestion list, best first, and where the next page starts (None at the end)."""
    ranked = sorted(suggestions, key=lambda s: (-s.score, s.start))
    end = offset + size
    return {
        "suggestion_page": ranked[offset:end],
        "suggestion_page_size": SUGGESTION_PAGE,
        "more_offset": end if end < len(ranked) else None,
        "more_left": max(0, len(ranked) - end),
    }


def load_story(request, pk) -> Story:
    """The story, if it is on a desk the user sees (404 otherwise)."""
    return get_object_or_404(permissions.visible_stories(request.user).select_related("owner"), pk=pk)


def respond(request, story, status=200, notice="", **extra):
    """htmx: the re-rendered workspace; plain POST: redirect back to the story (or re-render on error)."""
    if not request.htmx and status < 400:
        if notice:
            messages.success(request, notice)
        url = story.get_absolute_url()
        if extra.get("panel_claim"):
            url += f"?claim={extra['panel_claim'].pk}"
        return redirect(url)
    if request.htmx and "panel_claim" not in extra:
        # The whole workspace is redrawn (a comment, a workflow step): keep the claim the person
        # had open in the panel, which the page's address names (?claim=), rather than close it.
        open_claim = _open_claim(request, story)
        if open_claim:
            extra["panel_claim"] = open_claim
    ctx = workspace_context(request, story, notice=notice, **extra)
    if extra.get("panel_claim"):
        ctx.update(panel_context(request, extra["panel_claim"], story))
    return render_page(request, TEMPLATE, "workspace", ctx, status=status)


def _open_claim(request, story):
    from urllib.parse import parse_qs, urlsplit

    query = parse_qs(urlsplit(request.htmx.current_url or "").query)
    claim_id = id_param((query.get("claim") or [""])[0])
    if not claim_id:
        return None
    return (
        Claim.objects.filter(pk=claim_id, mentions__story=story)
        .select_related("claimant", "assignee", "current_verification__rating")
        .first()
    )


@require_GET
@desk_member_required
def story_workspace(request, pk):
    story = load_story(request, pk)
    ctx = workspace_context(request, story)
    claim_id = id_param(request.GET.get("claim"))
    if claim_id:
        claim = (
            Claim.objects.filter(pk=claim_id, mentions__story=story)
            .select_related("claimant", "assignee", "current_verification__rating")
            .first()
        )
        if claim:
            ctx["panel_claim"] = claim
            ctx.update(panel_context(request, claim, story))
    return render_page(request, TEMPLATE, None, ctx)


@require_GET
@desk_member_required
def story_live(request, pk):
    """Polled every few seconds: 204 while nothing changed, else the fresh marks, counts and lists."""
    if not permissions.visible_stories(request.user).filter(pk=pk).exists():
        return HttpResponse(status=404)
    stamp = live.story_stamp(pk)
    if stamp is None:
        return HttpResponse(status=404)
    if request.GET.get("since") == stamp:
        response = HttpResponse(status=204)
    else:
        story = load_story(request, pk)
        response = render(request, f"{TEMPLATE}#live", {**workspace_context(request, story), "oob": True})
        # The open claim panel listens for this and refreshes its status and evidence.
        response["HX-Trigger"] = "story-changed"
    response["ETag"] = f'"{stamp}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@desk_member_required
def story_suggestions_more(request, pk):
    """htmx "show more": the next page of the suggestion list, with its own "show more" when any are left."""
    story = load_story(request, pk)
    offset = id_param(request.GET.get("offset")) or 0
    suggestions = list(ClaimSuggestion.objects.filter(story=story, state=ClaimSuggestion.State.OPEN))
    ctx = {
        "story": story,
        "can_propose": permissions.can_propose_claim(request.user, story),
        **suggestion_page(suggestions, offset, SUGGESTION_PAGE),
    }
    return render(request, f"{TEMPLATE}#suggestion-items", ctx)


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """A drag-selection often takes a space or newline with it; the claim should not."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


@require_POST
@desk_member_required
def story_claim_create(request, pk):
    story = load_story(request, pk)
    if not permissions.can_propose_claim(request.user, story):
        raise PermissionDenied("You may not propose claims on this story.")
    form = SpanForm(request.POST, story=story)
    if not form.is_valid():
        return respond(request, story, status=422, span_form=form)
    start, end = _trim(story.body, form.cleaned_data["start"], form.cleaned_data["end"])
    try:
        claim, _mention, created = services.create_claim_from_span(story, request.user, start=start, end=end)
    except ValidationError as exc:
        return respond(request, story, status=422, span_form=form, error=error_text(exc))
    note = "Claim created." if created else "Marked as a mention of an existing claim."
    return respond(request, load_story(request, pk), notice=note, panel_claim=_panel_claim(claim.pk))


def _panel_claim(pk):
    return Claim.objects.select_related("claimant", "assignee", "current_verification__rating").get(pk=pk)


@require_POST
@desk_member_required
def suggestion_accept(request, pk):
    suggestion = get_object_or_404(
        ClaimSuggestion.objects.filter(story__in=permissions.visible_stories(request.user)).select_related("story"),
        pk=pk,
    )
    story = suggestion.story
    if suggestion.state != ClaimSuggestion.State.OPEN:
        return respond(
            request,
            story,
            status=409 if request.htmx else 200,
            notice=f"That suggestion was already {suggestion.get_state_display().lower()}.",
        )
    try:
        claim, _m, _created = triage.accept_suggestion(suggestion, request.user)
    except ValidationError as exc:
        return respond(request, story, status=422, error=error_text(exc))
    return respond(
        request,
        load_story(request, story.pk),
        notice="Suggestion accepted as a claim.",
        panel_claim=_panel_claim(claim.pk),
    )


@require_POST
@desk_member_required
def suggestion_dismiss(request, pk):
    suggestion = get_object_or_404(
        ClaimSuggestion.objects.filter(story__in=permissions.visible_stories(request.user)).select_related("story"),
        pk=pk,
    )
    triage.dismiss_suggestions([suggestion], request.user)
    return respond(request, load_story(request, suggestion.story_id), notice="Suggestion dismissed.")


@require_POST
@desk_member_required
def story_edit(request, pk):
    story = load_story(request, pk)
    if not permissions.can_edit_story(request.user, story):
        raise PermissionDenied("You may not edit this story.")
    form = StoryEditForm(request.POST)
    if not form.is_valid():
        return respond(request, story, status=422, story_form=form, story_edit_open=True)
    data = form.cleaned_data
    mine = {name: data.get(name) for name in StoryEditForm.compared}
    if data["version"] != story.version:
        return _edit_over_newer(request, story, form, mine)
    # Fields decided after a conflict: "theirs" keeps the saved value whatever the box holds.
    changes = form.changes(story)
    for name in form.conflicted_fields():
        if data.get(f"choose_{name}") == "theirs":
            changes.pop(name, None)
    return _save_story(request, story, form, changes)


def _edit_over_newer(request, story, form, mine):
    """Someone saved since this form was opened: merge what can be merged, ask about the rest."""
    from ..merging import read_fingerprints, three_way

    theirs = StoryEditForm.initial_for(story)
    merge = three_way(StoryEditForm.compared, read_fingerprints(form.cleaned_data.get("base")), mine, theirs)
    if not merge.conflicted:
        changes = {k: v for k, v in form.changes(story).items() if k in merge.mine}
        note = f" Kept their {', '.join(merge.theirs)}." if merge.theirs else ""
        return _save_story(request, story, form, changes, note=note, version=story.version)
    return _conflict(request, story, form, mine, merge)


def _conflict(request, story, form, mine, merge, message=""):
    from ..merging import word_diff

    theirs = StoryEditForm.initial_for(story)
    # The fresh form: their values where only they changed, mine elsewhere, the choices required.
    data = request.POST.copy()
    for name in merge.theirs:
        data[name] = (
            theirs[name].strftime("%Y-%m-%dT%H:%M") if name == "published_at" and theirs[name] else (theirs[name] or "")
        )
    data["version"] = story.version
    data["base"] = theirs["base"]
    data["conflicted"] = ",".join(merge.conflicted)
    for name in merge.conflicted:
        data.pop(f"choose_{name}", None)
    refreshed = StoryEditForm(data)
    rows = []
    for name, row in zip(StoryEditForm.compared, diff_rows(StoryEditForm, mine, theirs), strict=True):
        row["name"] = name
        row["conflicted"] = name in merge.conflicted
        row["kept_theirs"] = name in merge.theirs
        row["differs"] = row["conflicted"] or row["kept_theirs"]
        if row["conflicted"]:
            row["theirs_runs"], row["mine_runs"] = word_diff(row["theirs"], row["mine"])
        rows.append(row)
    conflict = {
        "message": message or "Choose, for each field you both changed, whose version to keep.",
        "rows": rows,
    }
    return respond(request, story, status=409, story_form=refreshed, story_edit_open=True, conflict=conflict)


def _save_story(request, story, form, changes, note="", version=None):
    if not changes:
        return respond(request, story, notice="Nothing changed." + note)
    before = story.state
    try:
        services.edit_story(story, request.user, expected_version=version or form.cleaned_data["version"], **changes)
    except ConflictError:
        current = load_story(request, story.pk)
        mine = {name: form.cleaned_data.get(name) for name in StoryEditForm.compared}
        return _edit_over_newer(request, current, form, mine)
    except ValidationError as exc:
        return respond(request, story, status=422, story_form=form, story_edit_open=True, error=error_text(exc))
    saved = load_story(request, story.pk)
    if saved.state != before:
        note += f" It is {saved.get_state_display().lower()} again: an editor clears it after your change."
    return respond(request, saved, notice="Story saved." + note)


@require_POST
@desk_member_required
def story_transition(request, pk):
    story = load_story(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        problems = " ".join(str(m) for name, errs in form.errors.items() if name != "to_state" for m in errs)
        return respond(request, story, status=422, error=problems or "Choose a workflow step.")
    to_state = form.cleaned_data["to_state"]
    if not permissions.can_transition_story(request.user, story, to_state):
        raise PermissionDenied("You may not move this story to that state.")
    try:
        services.transition_story(
            story,
            request.user,
            to_state,
            expected_version=form.cleaned_data["version"],
            confirmed=form.cleaned_data["confirmed"],
            reason=form.cleaned_data["reason"],
            published_url=form.cleaned_data["published_url"],
            published_at=form.cleaned_data["published_at"],
        )
    except ConflictError:
        return respond(
            request,
            load_story(request, pk),
            status=409,
            error="Someone changed this story since you opened it. Check it and try again.",
        )
    except ValidationError as exc:
        warnings = services.clearance_warnings(story) if to_state == Story.State.CLEARED else []
        if warnings and not form.cleaned_data["confirmed"]:
            return respond(request, story, status=422, confirm_clear={"warnings": warnings})
        return respond(request, story, status=422, error=error_text(exc))
    return respond(request, load_story(request, pk), notice=f"Story is now {Story.State(to_state).label.lower()}.")


@require_POST
@desk_member_required
def story_comment(request, pk):
    story = load_story(request, pk)
    form = CommentForm(request.POST, auto_id="story_cm_%s")
    if not form.is_valid():
        return respond(request, story, status=422, story_comment_form=form)
    comments.add_comment(request.user, body=form.cleaned_data["body"], story=story)
    return respond(request, story, notice="Comment added.")


__all__ = ["PANEL"]
