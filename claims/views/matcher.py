"""The matcher's two tiers, set by editors: suggest at or above one score, confirm at or above another."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from .. import permissions, review
from ..forms import MatcherSettingsForm
from ..models import MatcherSettings
from .common import desk_member_required

TEMPLATE = "claims/matcher_settings.html"


@desk_member_required
def matcher_settings(request):
    if not permissions.can_manage_matcher(request.user):
        raise PermissionDenied("Only editors set the matcher's tiers.")
    # One query, with who changed it last; no row yet means the defaults (as MatcherSettings.current()).
    tiers = MatcherSettings.objects.select_related("updated_by").order_by("pk").first() or MatcherSettings()
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
        return render(request, TEMPLATE, {"form": form, "tiers": tiers}, status=422)
    if request.method != "GET":
        return render(request, TEMPLATE, {"form": MatcherSettingsForm(), "tiers": tiers}, status=405)
    initial = {
        "suggest_threshold": tiers.suggest_threshold,
        "confirm_threshold": tiers.confirm_threshold,
        "confirm_enabled": tiers.confirm_enabled,
    }
    return render(request, TEMPLATE, {"form": MatcherSettingsForm(initial=initial), "tiers": tiers})
