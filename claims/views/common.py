"""What every desk screen shares: the access rule, partial rendering, safe redirects."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from .. import permissions


def desk_member_required(view):
    """Signed-in newsroom members only: anonymous → login page, no role → 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permissions.can_view_desk(request.user):
            raise PermissionDenied("Fact desk is for the newsroom's reporters, checkers and editors.")
        return view(request, *args, **kwargs)

    return wrapper


def render_page(request, template: str, partial: str | None, context: dict, status: int = 200):
    """Render just the fragment for htmx requests, skipping the unchanging parts of the page."""
    name = f"{template}#{partial}" if request.htmx and partial else template
    return render(request, name, context, status=status)


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def redirect_back(request, fallback: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(safe_next(request, fallback))


def id_param(raw) -> int | None:
    """A record id from a query or form value, or None for anything else
    ("²" passes str.isdigit(); an 80-digit id would overflow the database)."""
    raw = str(raw or "")
    if raw.isascii() and raw.isdigit() and len(raw) <= 18:
        return int(raw)
    return None


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def diff_rows(form_class, mine: dict, theirs: dict) -> list[dict]:
    """Their saved values next to the user's unsaved ones, field by field, for a conflict view."""
    rows = []
    for name in form_class.compared:
        field = form_class.base_fields.get(name)
        label = (field.label if field and field.label else name.replace("_", " ")).capitalize()
        a, b = theirs.get(name), mine.get(name)
        rows.append({"label": label, "theirs": _show(a), "mine": _show(b), "differs": _show(a) != _show(b)})
    return rows


def _show(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "get_username"):
        return value.get_username()
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # the form shows 76000, the database holds 76000.0: the same value
    return str(value).strip()
