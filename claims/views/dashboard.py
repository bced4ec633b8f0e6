"""The dashboard: what needs me now, with counts and links."""

from __future__ import annotations

from django.contrib import messages
from django.views.decorators.http import require_GET, require_POST

from .. import outbox, permissions, triage
from ..models import Activity, Claim, Evidence, Notification, Story
from . import verdict_queue
from .common import desk_member_required, redirect_back, render_page

SHOWN = 8


@require_GET
@desk_member_required
def dashboard(request):
    user = request.user
    # Every list is limited to the desks the user sees (editors: all).
    claims = permissions.visible_claims(user, Claim.objects.filter(archived_at__isnull=True))
    mine = claims.filter(assignee=user).select_related("claimant")
    waiting = Evidence.objects.filter(state=Evidence.State.SUGGESTED, claim__in=claims)
    stories = permissions.visible_stories(user, Story.objects.filter(archived_at__isnull=True))
    correction = stories.filter(needs_correction=True)
    if not permissions.is_checker(user):
        stories = stories.filter(owner=user)  # reporters see their own copy first
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    important = unread.filter(kind__in=Notification.IMPORTANT)
    routine = unread.exclude(kind__in=Notification.IMPORTANT)
    awaiting = verdict_queue.awaiting(user) if permissions.is_editor(user) else None
    ctx = {
        "my_claims": list(mine.order_by("priority", "-updated_at")[:SHOWN]),
        "my_claims_count": mine.count(),
        "waiting": list(waiting.select_related("claim", "source").order_by("-created_at")[:SHOWN]),
        "waiting_count": waiting.count(),
        "correction": list(correction.order_by("-published_at")[:SHOWN]),
        "correction_count": correction.count(),
        "stories": list(stories.order_by("-updated_at")[:SHOWN]),
        "stories_count": stories.count(),
        "activity": list(permissions.visible_activity(user, Activity.objects.all())[:12]),
        "unread": list(important.select_related("story")[:SHOWN]),
        "unread_count": unread.count(),
        "routine": list(routine[:SHOWN]),
        "routine_count": routine.count(),
        "awaiting_count": awaiting.count() if awaiting is not None else None,
        "can_review": permissions.can_review_evidence(user),
        "can_manage_matcher": permissions.can_manage_matcher(user),
        "failed_jobs_count": outbox.failed_jobs().count() if permissions.can_retry_jobs(user) else None,
        "can_create_story": permissions.can_create_story(user),
    }
    return render_page(request, "claims/dashboard.html", None, ctx)


@require_POST
@desk_member_required
def notifications_read(request):
    n = triage.mark_notifications_read(request.user)
    if request.htmx:
        return render_page(
            request, "claims/dashboard.html", "notifications", {"unread": [], "unread_count": 0, "routine_count": 0}
        )
    messages.success(request, f"{n} notification{'s' if n != 1 else ''} marked read.")
    return redirect_back(request, "/")
