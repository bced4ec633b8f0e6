"""CSV exports for fact-checkers and editors: claims and the activity log."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import exports, permissions


def _csv_response(rows, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="factdesk-{name}-{stamp}.csv"'
    return response


def _export(request, build, name: str, **options):
    if not permissions.can_export(request.user):
        raise PermissionDenied("Exports are for fact-checkers and editors.")
    try:
        filters = exports.parse_filters(request.GET, user=request.user, **options)
    except exports.BadParams as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    return _csv_response(build(filters), name)


@require_GET
@login_required
def claims_csv(request):
    """?story=ID&from=YYYY-MM-DD&to=YYYY-MM-DD (claims created in those days, inclusive)."""
    return _export(request, exports.claims_csv, "claims")


@require_GET
@login_required
def activity_csv(request):
    """?story=ID&claim=ID&from=YYYY-MM-DD&to=YYYY-MM-DD"""
    return _export(request, exports.activity_csv, "activity", allow_claim=True)
