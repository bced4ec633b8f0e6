"""Fact desk's JSON API (django-ninja): typed schemas give /api/openapi.json for free."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation, ValidationError
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.urls import re_path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from ..models import ConflictError
from ..review import StanceConflict
from .activity import router as activity_router
from .auth import BearerToken, DeskSession
from .claims import router as claims_router
from .sources import router as sources_router
from .stories import router as stories_router
from .throttling import AnonymousThrottle, TokenThrottle


def not_found_view(request, *args, **kwargs):
    return JsonResponse({"detail": "Not found."}, status=404)


class FactDeskAPI(NinjaAPI):
    @property
    def urls(self):
        """Any other address under /api/ is a JSON 404, like the rest of the API."""
        patterns, app_name, namespace = super().urls
        return [*patterns, re_path(r"^[\s\S]*\Z", not_found_view)], app_name, namespace

    def get_openapi_schema(self, *args, **kwargs):
        """Every operation is throttled, so every one may answer 429 {"detail"}, and every
        one with a body answers 400 when it is not JSON – declared here for all routers."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                extra = {429: "Too many requests"}
                if "requestBody" in operation:
                    extra[400] = "The body is not JSON"
                    extra[413] = "The body is over the upload limit"
                for code, description in extra.items():
                    operation["responses"].setdefault(
                        code,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Detail"}}},
                        },
                    )
        return schema


api = FactDeskAPI(
    title="Fact desk API",
    version="1",
    description=(
        "Track factual claims from story to verdict. Authenticate with "
        "`Authorization: Bearer <token>` (see `manage.py create_api_token`) or a browser session "
        '(with the CSRF token). Errors are JSON `{"detail": ...}`.'
    ),
    auth=[BearerToken(), DeskSession()],
    throttle=[TokenThrottle(), AnonymousThrottle()],
    urls_namespace="api",
)
api.add_router("/stories", stories_router, tags=["stories"])
api.add_router("/", claims_router, tags=["claims"])
api.add_router("/sources", sources_router, tags=["sources"])
api.add_router("/", activity_router)


def _message(exc) -> str | dict:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
        return " ".join(exc.messages)
    return str(exc) or exc.__class__.__name__


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": _message(exc) or "Permission denied."}, status=403)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"detail": _message(exc)}, status=400)


@api.exception_handler(StanceConflict)
def second_stance(request, exc):
    return api.create_response(request, {"detail": _message(exc)}, status=409)


@api.exception_handler(ConflictError)
def conflict(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(
        request, {"detail": "Authentication required: send Authorization: Bearer <token>."}, status=401
    )


@api.exception_handler(OverflowError)
def out_of_range(request, exc):
    # An id too large for the database (SQLite raises instead of finding nothing).
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(RequestDataTooBig)
def too_large(request, exc):
    from django.conf import settings

    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return api.create_response(request, {"detail": f"The request body is too large (at most {limit} MiB)."}, status=413)


@api.exception_handler(SuspiciousOperation)
def suspicious(request, exc):
    # Too many fields, a malformed multipart body …: the client's request, not our failure.
    return api.create_response(request, {"detail": "The request could not be read."}, status=400)


@api.exception_handler(IntegrityError)
def integrity(request, exc):
    # A concurrent request wrote the same row first; the services lock where it matters, this is the backstop.
    return api.create_response(request, {"detail": "A concurrent change conflicted with this one; retry."}, status=409)
