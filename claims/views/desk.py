"""The desk's screens (first cut: read-only pages behind login)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .. import permissions
from ..models import Claim, Claimant, Mention, Source, Story


def desk_member_required(view):
    @login_required
    def wrapper(request, *args, **kwargs):
        if not permissions.can_view_desk(request.user):
            raise PermissionDenied("Fact desk is for the newsroom's reporters, checkers and editors.")
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@require_GET
@desk_member_required
def dashboard(request):
    stories = Story.objects.filter(archived_at__isnull=True).select_related("owner")[:20]
    return render(request, "claims/dashboard.html", {"stories": stories})


@require_GET
@desk_member_required
def story_workspace(request, pk):
    story = get_object_or_404(Story.objects.select_related("owner"), pk=pk)
    mentions = Mention.objects.filter(story=story).select_related("claim")
    return render(request, "claims/story_workspace.html", {"story": story, "mentions": mentions})


@require_GET
@desk_member_required
def claim_detail(request, pk):
    claim = get_object_or_404(Claim.objects.select_related("claimant", "assignee"), pk=pk)
    return render(request, "claims/claim_detail.html", {"claim": claim})


@require_GET
@desk_member_required
def claimant_detail(request, pk):
    claimant = get_object_or_404(Claimant, pk=pk)
    return render(request, "claims/claimant_detail.html", {"claimant": claimant})


@require_GET
@desk_member_required
def source_detail(request, pk):
    source = get_object_or_404(Source, pk=pk)
    return render(request, "claims/source_detail.html", {"source": source})
