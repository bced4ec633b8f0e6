"""The activity log and a user's notifications."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router

from .. import permissions
from ..models import Activity, Notification
from . import serializers
from .common import MAX_ID, errors, limit_param, member, offset_param, page, path_id
from .schemas import ActivityPage, NotificationOut, NotificationPage, ReadAllOut, Text

router = Router()


@router.get("activity", response={200: ActivityPage, **errors(422)}, tags=["activity"])
def list_activity(
    request,
    claim: int | None = Query(None, ge=1, le=MAX_ID, description="Only entries about this claim."),
    story: int | None = Query(None, ge=1, le=MAX_ID, description="Only entries about this story."),
    verb: Text | None = Query(None, max_length=60),
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """The append-only log, newest first: who or what did what, when and why."""
    user = member(request)
    entries = permissions.visible_activity(user, Activity.objects.select_related("target_type"))
    entries = entries.order_by("-created_at", "-pk")
    if claim is not None:
        entries = entries.filter(claim_id=claim)
    if story is not None:
        entries = entries.filter(story_id=story)
    if verb:
        entries = entries.filter(verb=verb)
    return page(entries, limit, offset, serializers.activity)


@router.get("notifications", response={200: NotificationPage, **errors(422)}, tags=["notifications"])
def list_notifications(
    request,
    unread: bool | None = Query(None, description="true: only unread; false: only read."),
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """Your notifications, newest first."""
    user = member(request)
    mine = Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")
    filtered = mine
    if unread is not None:
        filtered = mine.filter(read_at__isnull=unread)
    result = page(filtered, limit, offset, serializers.notification)
    result["unread"] = mine.filter(read_at__isnull=True).count()
    return result


@router.post(
    "notifications/{notification_id}/read", response={200: NotificationOut, **errors(404, 422)}, tags=["notifications"]
)
def mark_read(request, notification_id: int = path_id()):
    """Mark one of your notifications read (someone else's is 404)."""
    user = member(request)
    note = get_object_or_404(Notification, pk=notification_id, recipient=user)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    return serializers.notification(note)


@router.post("notifications/read", response={200: ReadAllOut, **errors()}, tags=["notifications"])
def mark_all_read(request):
    """Mark all your unread notifications read."""
    user = member(request)
    marked = Notification.objects.filter(Q(recipient=user) & Q(read_at__isnull=True)).update(read_at=timezone.now())
    return {"marked": marked}
