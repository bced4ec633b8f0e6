"""Failed background jobs: the editors' list, and retrying one from the desk."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from .. import failed_jobs as jobs
from .. import outbox, permissions
from ..models import OutboxJob
from .common import desk_member_required, error_text, redirect_back, render_page

PER_PAGE = 25


def editors_only(user) -> None:
    if not permissions.can_retry_jobs(user):
        raise PermissionDenied("Failed jobs are for editors.")


@require_GET
@desk_member_required
def failed_job_list(request):
    editors_only(request.user)
    page = Paginator(outbox.failed_jobs(), PER_PAGE).get_page(request.GET.get("page"))
    return render_page(request, "claims/failed_jobs.html", "results", {"page": page, "query": ""})


@require_POST
@desk_member_required
def failed_job_retry(request, pk: int):
    editors_only(request.user)
    job = get_object_or_404(OutboxJob, pk=pk)
    try:
        jobs.retry_job(job, request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"Queued “{job.name}” again.")
    return redirect_back(request, reverse("failed_jobs"))
