"""Editors' queue: drafted verdicts awaiting a second person's approval, oldest first."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.views.decorators.http import require_GET

from .. import permissions
from ..models import Verification
from .common import desk_member_required, render_page

PER_PAGE = 25


def awaiting(user):
    """Drafts this person could approve: not their own."""
    return Verification.objects.filter(state=Verification.State.DRAFT, claim__archived_at__isnull=True).exclude(
        author=user
    )


@require_GET
@desk_member_required
def verdict_queue(request):
    page = Paginator(
        awaiting(request.user)
        .select_related("claim__claimant", "rating", "author")
        .prefetch_related("evidence__source")
        .order_by("created_at", "pk"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    verdicts = list(page.object_list)
    can_approve = permissions.is_editor(request.user)
    for v in verdicts:
        v.approvable = can_approve
    ctx = {"page": page, "verdicts": verdicts, "can_approve": can_approve}
    return render_page(request, "claims/verdict_queue.html", None, ctx)
