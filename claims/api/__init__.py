"""Fact desk's JSON API (django-ninja): typed schemas give /api/openapi.json for free."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import SessionAuth

from ..models import ConflictError
from .auth import BearerToken
from .claims import router as claims_router
from .sources import router as sources_router
from .stories import router as stories_router

api = NinjaAPI(
    title="Fact desk API",
    version="1",
    description=(
        "Track factual claims from story to verdict. Authenticate with "
        "`Authorization: Bearer <token>` (see `manage.py create_api_token`) or a browser session "
        "(with the CSRF token). Errors are JSON `{\"detail\": ...}`."
    ),
    auth=[BearerToken(), SessionAuth()],
    urls_namespace="api",
)
api.add_router("/stories", stories_router, tags=["stories"])
api.add_router("/", claims_router, tags=["claims"])
api.add_router("/sources", sources_router, tags=["sources"])


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
