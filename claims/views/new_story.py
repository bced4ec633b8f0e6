"""The new-story screen: write a story or paste plain copy; it opens in its workspace."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .. import filing, permissions
from ..forms import NewStoryForm, PasteStoryForm
from .common import desk_member_required

TEMPLATE = "claims/story_new.html"


@require_http_methods(["GET", "POST"])
@desk_member_required
def story_new(request):
    if not permissions.can_create_story(request.user):
        raise PermissionDenied("You may not file stories.")
    form, paste = NewStoryForm(prefix="new"), PasteStoryForm(prefix="paste")
    if request.method == "POST":
        if "paste-text" in request.POST:
            paste = PasteStoryForm(request.POST, prefix="paste")
            if paste.is_valid():
                parts = filing.split_pasted(paste.cleaned_data["text"])
                # Show what was read from the paste in the full form, errors included.
                form = NewStoryForm(
                    {f"new-{k}": v for k, v in parts.items()} | {"new-desk": "", "new-published_url": ""}, prefix="new"
                )
        else:
            form = NewStoryForm(request.POST, prefix="new")
        if form.is_bound and form.is_valid():
            try:
                story = filing.file_story(request.user, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "Story filed. The claim finder is reading it now.")
                return redirect(story.get_absolute_url())
    status = 422 if request.method == "POST" else 200
    return render(request, TEMPLATE, {"form": form, "paste": paste}, status=status)


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
