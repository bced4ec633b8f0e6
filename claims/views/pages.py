"""Claimant and source pages."""

from __future__ import annotations

from collections import OrderedDict

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from .. import permissions, review, services
from ..models import Claim, Claimant, Evidence, Source, Verification
from ..reviews_in import records as reviews_in
from . import charts
from .common import desk_member_required, error_text, redirect_back, render_page


class ClaimantMergeForm(forms.Form):
    """An editor folds another claimant (a duplicate name for the same body) into this one."""

    other = forms.ModelChoiceField(
        queryset=Claimant.objects.none(), label="Claimant to merge into this one", empty_label="Choose a claimant"
    )
    confirm = forms.BooleanField(
        label="Move its claims and names here and delete it", error_messages={"required": "Tick to confirm the merge."}
    )

    def __init__(self, *args, keep: Claimant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = Claimant.objects.exclude(pk=keep.pk).order_by("name")


def track_record_rows(verdicts) -> list:
    months: OrderedDict[str, dict] = OrderedDict()
    for v in verdicts:
        month = f"{v.approved_at:%b %Y}"
        bars = months.setdefault(month, {})
        key = v.rating.slug
        slug, label, colour, n = bars.get(key, (v.rating.slug, v.rating.label, v.rating.colour, 0))
        bars[key] = (slug, label, colour, n + 1)
    return [(month, list(bars.values())) for month, bars in months.items()]


@require_GET
@desk_member_required
def claimant_detail(request, pk):
    claimant = get_object_or_404(Claimant.objects.prefetch_related("aliases"), pk=pk)
    return claimant_page(request, claimant)


@require_POST
@desk_member_required
def claimant_merge(request, pk):
    """Editors only: merge the chosen claimant into this one (services.merge_claimants)."""
    keep = get_object_or_404(Claimant.objects.prefetch_related("aliases"), pk=pk)
    if not permissions.can_merge_claimants(request.user):
        raise PermissionDenied("Only editors may merge claimants.")
    form = ClaimantMergeForm(request.POST, keep=keep)
    if form.is_valid():
        other = form.cleaned_data["other"]
        name = other.name
        try:
            services.merge_claimants(keep, other, request.user)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, f"Merged {name} into {keep.name}: its claims and names are now here.")
            return redirect(keep.get_absolute_url())
    return claimant_page(request, keep, merge_form=form, status=422)


def claimant_page(request, claimant, merge_form=None, status=200):
    # The claimant's claims and track record as far as the user's desks go (editors: all).
    visible = permissions.visible_claims(
        request.user, Claim.objects.filter(claimant=claimant, archived_at__isnull=True)
    )
    claims = list(visible.select_related("current_verification__rating").order_by("-updated_at")[:100])
    verdicts = list(
        Verification.objects.filter(claim__in=visible, approved_at__isnull=False)
        .exclude(state=Verification.State.WITHDRAWN)
        .select_related("rating", "claim")
        .order_by("approved_at")
    )
    by_status = dict(visible.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    rows = track_record_rows(verdicts)
    ctx = {
        "claimant": claimant,
        "claims": claims,
        "verdicts": verdicts,
        "by_status": [(s.value, s.label, by_status.get(s.value, 0)) for s in Claim.Status],
        "status_chart": charts.health_bar(by_status),
        "track_chart": charts.track_record(rows),
        "merge_form": merge_form
        or (ClaimantMergeForm(keep=claimant) if permissions.can_merge_claimants(request.user) else None),
    }
    return render_page(request, "claims/claimant_detail.html", None, ctx, status=status)


@require_GET
@desk_member_required
def source_detail(request, pk):
    source = get_object_or_404(Source.objects.select_related("added_by", "syndication_group"), pk=pk)
    claims = permissions.visible_claims(request.user)
    evidence = list(Evidence.objects.filter(source=source, claim__in=claims).select_related("claim"))
    ctx = {
        "source": source,
        "evidence": evidence,
        "suggested_count": sum(e.state == Evidence.State.SUGGESTED for e in evidence),
        "claim_reviews": list(reviews_in.on_source(source)),
        "can_review": permissions.can_review_evidence(request.user),
    }
    return render_page(request, "claims/source_detail.html", None, ctx)


def _review_all(request, pk, service, done: str):
    source = get_object_or_404(Source, pk=pk)
    result = service(source, request.user)  # the service refuses people who may not review
    n = result[done]
    messages.success(request, f"{done.capitalize()} {n} suggestion{'s' if n != 1 else ''} from this source.")
    for skip in result["skipped"]:
        messages.warning(request, f"Skipped evidence #{skip['evidence']} on claim #{skip['claim']}: {skip['reason']}")
    return redirect_back(request, source.get_absolute_url())


@require_POST
@desk_member_required
def source_accept_all(request, pk):
    return _review_all(request, pk, review.accept_all_for_source, "accepted")


@require_POST
@desk_member_required
def source_reject_all(request, pk):
    return _review_all(request, pk, review.reject_all_for_source, "rejected")


@require_GET
@desk_member_required
def source_state(request, pk):
    """The fetch progress fragment, polled while the source's job runs."""
    source = get_object_or_404(Source, pk=pk)
    return render(request, "claims/source_detail.html#fetch-state", {"source": source})
