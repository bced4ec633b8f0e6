"""The matcher's settings, set by editors: its two tiers (suggest at or above one score, confirm
at or above another) and how other fact-checkers' ratings are read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import permissions, review
from ..forms import MatcherSettingsForm, ReviewTableForm
from ..models import MatcherSettings
from ..reviews_in import ratings
from ..reviews_in.table import save_review_table
from .common import desk_member_required

TEMPLATE = "claims/matcher_settings.html"


def _current() -> MatcherSettings:
    # One query, with who changed it last; no row yet means the defaults (as MatcherSettings.current()).
    return MatcherSettings.objects.select_related("updated_by").order_by("pk").first() or MatcherSettings()


def _review_form(tiers: MatcherSettings) -> ReviewTableForm:
    return ReviewTableForm(
        initial={
            "stances": ratings.as_lines(tiers.rating_table()),
            "grades": ratings.as_lines(tiers.reviewer_grades or {}),
            "default_grade": tiers.reviewer_default_grade or ratings.DEFAULT_GRADE,
        }
    )


def _page(request, tiers, *, form=None, review_form=None, status=200):
    return render(
        request,
        TEMPLATE,
        {"form": form or MatcherSettingsForm(), "review_form": review_form or _review_form(tiers), "tiers": tiers},
        status=status,
    )


@desk_member_required
def matcher_settings(request):
    if not permissions.can_manage_matcher(request.user):
        raise PermissionDenied("Only editors set the matcher's tiers.")
    tiers = _current()
    if request.method == "POST":
        form = MatcherSettingsForm(request.POST)
        if form.is_valid():
            try:
                review.save_matcher_settings(request.user, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, "Matcher tiers saved.")
                return redirect("matcher_settings")
        messages.error(request, "The tiers were not saved: correct the fields marked below.")
        return _page(request, tiers, form=form, status=422)
    if request.method != "GET":
        return _page(request, tiers, status=405)
    initial = {
        "suggest_threshold": tiers.suggest_threshold,
        "confirm_threshold": tiers.confirm_threshold,
        "confirm_enabled": tiers.confirm_enabled,
    }
    return _page(request, tiers, form=MatcherSettingsForm(initial=initial))


@require_POST
@desk_member_required
def review_table(request):
    if not permissions.can_manage_matcher(request.user):
        raise PermissionDenied("Only editors change how other fact-checkers' ratings are read.")
    form = ReviewTableForm(request.POST)
    if form.is_valid():
        try:
            save_review_table(request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Rating table saved.")
            return redirect("matcher_settings")
    messages.error(request, "The rating table was not saved: correct the lines marked below.")
    return _page(request, _current(), review_form=form, status=422)
