"""Queues where desks triage dozens of items at a time: claims, suggestions, sources."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from .. import permissions, triage
from ..forms import (
    BulkClaimsForm,
    BulkSuggestionsForm,
    ClaimQueueFilter,
    SourceKindFilter,
    desk_users,
)
from ..models import Claim, ClaimSuggestion, Mention, Source
from .common import desk_member_required, id_param, redirect_back, render_page

PER_PAGE = 25


def search_claims(qs, q: str):
    """Full-text search on PostgreSQL (ranked stems, websearch syntax); substring match elsewhere."""
    if settings.IS_POSTGRES:
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("text", weight="A", config="english") + SearchVector(
            "claimant__name", weight="B", config="english"
        )
        return qs.annotate(search=vector).filter(search=SearchQuery(q, search_type="websearch", config="english"))
    return qs.filter(Q(text__icontains=q) | Q(claimant__name__icontains=q))


def filtered_claims(form: ClaimQueueFilter, user):
    qs = permissions.visible_claims(user, Claim.objects.filter(archived_at__isnull=True))
    if not form.is_valid():
        return qs.order_by("-updated_at")
    d = form.cleaned_data
    if d.get("status"):
        qs = qs.filter(status=d["status"])
    if d.get("desk"):
        qs = qs.filter(pk__in=Mention.objects.filter(story__desk__iexact=d["desk"]).values("claim_id"))
    if d.get("story"):
        qs = qs.filter(pk__in=Mention.objects.filter(story_id=d["story"]).values("claim_id"))
    if d.get("claimant"):
        qs = qs.filter(claimant_id=d["claimant"])
    if d.get("assignee"):
        qs = (
            qs.filter(assignee__isnull=True)
            if d["assignee"].lower() == "none"
            else qs.filter(assignee__username__iexact=d["assignee"])
        )
    if d.get("q"):
        qs = search_claims(qs, d["q"])
    sort = ClaimQueueFilter.SORTS.get(d.get("sort") or "-updated", ClaimQueueFilter.SORTS["-updated"])[0]
    return qs.order_by(sort, "-pk")


@require_GET
@desk_member_required
def claim_queue(request):
    form = ClaimQueueFilter(request.GET)
    qs = (
        filtered_claims(form, request.user)
        .select_related("claimant", "assignee")
        .prefetch_related(
            Prefetch(
                "mentions",
                queryset=permissions.visible_mentions(request.user)
                .select_related("story")
                .only("id", "claim_id", "story_id", "story__headline", "story__desk"),
            )
        )
    )
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    ctx = {
        "filter_form": form,
        "page": page,
        "query": params.urlencode(),
        "bulk_form": BulkClaimsForm(),
        "assignees": desk_users(),
        "priorities": Claim.Priority.choices,
        "desks": permissions.visible_stories(request.user)
        .exclude(desk="")
        .order_by("desk")
        .values_list("desk", flat=True)
        .distinct(),
        "can_bulk": permissions.can_assign(request.user),
        "search_mode": "full-text" if settings.IS_POSTGRES else "contains",
    }
    return render_page(request, "claims/claim_queue.html", "results", ctx)


@require_POST
@desk_member_required
def claim_queue_bulk(request):
    if not permissions.can_assign(request.user):
        raise PermissionDenied("Only fact-checkers and editors triage the claim queue.")
    form = BulkClaimsForm(request.POST)
    form.fields["claims"].queryset = permissions.visible_claims(request.user, form.fields["claims"].queryset)
    fallback = reverse("claim_queue")
    if not form.is_valid():
        messages.error(request, "Tick some claims and choose what to do with them.")
        return redirect_back(request, fallback)
    d = form.cleaned_data
    if d["action"] == "assign":
        changed, conflicted = triage.bulk_edit_claims(d["claims"], request.user, assignee=d.get("assignee"))
        what = f"assigned to {d['assignee'].get_username()}" if d.get("assignee") else "unassigned"
    else:
        changed, conflicted = triage.bulk_edit_claims(d["claims"], request.user, priority=d["priority"])
        what = f"set to {Claim.Priority(d['priority']).label.lower()} priority"
    messages.success(request, f"{changed} claim{'s' if changed != 1 else ''} {what}.")
    if conflicted:
        messages.warning(
            request, "Changed by someone else meanwhile, left as they are: " + ", ".join(f"#{c.pk}" for c in conflicted)
        )
    return redirect_back(request, fallback)


@require_GET
@desk_member_required
def suggestion_queue(request):
    qs = ClaimSuggestion.objects.filter(
        state=ClaimSuggestion.State.OPEN, story__in=permissions.visible_stories(request.user)
    ).select_related("story")
    story = id_param(request.GET.get("story"))
    if story:
        qs = qs.filter(story_id=story)
    desk = request.GET.get("desk", "").replace("\x00", "").strip()
    if desk:
        qs = qs.filter(story__desk__iexact=desk)
    page = Paginator(qs.order_by("-score", "story_id", "start"), PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render_page(
        request,
        "claims/suggestion_queue.html",
        "results",
        {"page": page, "query": params.urlencode(), "desk": desk, "story_id": story},
    )


@require_POST
@desk_member_required
def suggestion_bulk_dismiss(request):
    form = BulkSuggestionsForm(request.POST)
    suggestions = form.fields["suggestions"].queryset
    form.fields["suggestions"].queryset = suggestions.filter(story__in=permissions.visible_stories(request.user))
    if not form.is_valid():
        messages.error(request, "Tick at least one open suggestion.")
        return redirect_back(request, reverse("suggestion_queue"))
    n = triage.dismiss_suggestions(form.cleaned_data["suggestions"].select_related("story"), request.user)
    messages.success(request, f"{n} suggestion{'s' if n != 1 else ''} dismissed.")
    return redirect_back(request, reverse("suggestion_queue"))


@require_GET
@desk_member_required
def source_queue(request):
    form = SourceKindFilter(request.GET)
    qs = (
        Source.objects.annotate(
            evidence_count=Count("evidence"),
            accepted_count=Count("evidence", filter=Q(evidence__state="accepted")),
        )
        .select_related("added_by")
        .order_by("-created_at")
    )
    if form.is_valid() and form.cleaned_data.get("state"):
        qs = qs.filter(fetch_state=form.cleaned_data["state"])
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render_page(
        request, "claims/source_queue.html", "results", {"page": page, "filter_form": form, "query": params.urlencode()}
    )
