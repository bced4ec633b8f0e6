"""The claim page: where a claim appears, its verdict history, its figure over time."""

from __future__ import annotations

from datetime import UTC

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import permissions
from ..models import Claim, Evidence, Mention, Verification
from ..reviews_in import records as reviews_in
from . import charts
from .common import desk_member_required, render_page
from .panel import panel_claim, panel_context


def figure_points(claim: Claim, evidence) -> list:
    """The tracked figure's values: the claim's own, then each source's observed value."""
    points = []
    if claim.quantity_value is not None:
        from datetime import datetime, time

        when = datetime.combine(claim.as_of, time(9), tzinfo=UTC) if claim.as_of else claim.created_at
        points.append((when, claim.quantity_value, "as claimed"))
    for e in evidence:
        if e.observed_value is not None and e.state != Evidence.State.REJECTED:
            when = e.observed_at or e.source.published_at or e.created_at
            points.append((when, e.observed_value, e.source.label))
    points.sort(key=lambda p: p[0])
    return points


def claim_page_context(claim: Claim, user) -> dict:
    # Only the stories on the user's desks: a claim may also run in another desk's copy.
    mentions = (
        permissions.visible_mentions(user, Mention.objects.filter(claim=claim))
        .select_related("story")
        .order_by("story__headline", "start")
    )
    history = (
        Verification.objects.filter(claim=claim)
        .exclude(state=Verification.State.DRAFT)
        .select_related("rating", "author", "approved_by")
        .order_by("-approved_at")
    )
    evidence = Evidence.objects.filter(claim=claim).select_related("source")
    points = figure_points(claim, evidence)
    current = Verification.objects.filter(claim=claim, state=Verification.State.APPROVED).first()
    return {
        "current_verdict": current,
        "verdict_public": bool(current) and Verification.objects.public().filter(pk=current.pk).exists(),
        "claim": claim,
        "mentions": mentions,
        "history": history,
        "figure_points": points,
        "other_reviews": reviews_in.on_claim(claim.pk),
        "figure_chart": charts.figure_timeline(points, claim.quantity_unit) if len(points) > 1 else "",
    }


@require_GET
@desk_member_required
def claim_detail(request, pk):
    claim = panel_claim(request, pk)
    if request.htmx and request.GET.get("part") == "main":
        # After work in the panel: only the page's own column, which the panel does not redraw.
        ctx = {**claim_page_context(claim, request.user), "can_publish_alone": permissions.is_editor(request.user)}
        return render(request, "claims/claim_detail.html#claim-main", ctx)
    ctx = {**panel_context(request, claim), **claim_page_context(claim, request.user)}
    ctx["can_publish_alone"] = permissions.is_editor(request.user)
    return render_page(request, "claims/claim_detail.html", None, ctx)
