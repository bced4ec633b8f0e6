from typing import Annotated

from django.core.exceptions import PermissionDenied
from ninja import Field, Path, Query

from .. import permissions
from .schemas import Detail

# Database ids are 64-bit; bounding them keeps an absurd id a 422, never a database overflow.
MAX_ID = 2**53
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
MAX_LIMIT = 200


def path_id():
    return Path(..., ge=1, le=MAX_ID)


def limit_param():
    return Query(50, ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT}).")


def offset_param():
    return Query(0, ge=0, le=1_000_000, description="Items to skip.")


def errors(*codes: int) -> dict:
    """The error responses a route can give, all `{"detail": ...}`: the auth and throttle
    ones every route has, plus `codes` (400 service rule, 404 unknown id, 409 stale
    version, 422 invalid input)."""
    return dict.fromkeys(sorted({401, 403, 429, *codes}), Detail)


def member(request):
    """The authenticated desk member, or 403 for accounts without a newsroom role."""
    user = request.auth
    if not permissions.is_member(user):
        raise PermissionDenied("This account has no newsroom role (Reporter, Fact-checker or Editor).")
    return user


def page(queryset, limit: int, offset: int, serialize) -> dict:
    """One page of a list: {"count", "limit", "offset", "items"}."""
    return {
        "count": queryset.count(),
        "limit": limit,
        "offset": offset,
        "items": [serialize(obj) for obj in queryset[offset : offset + limit]],
    }
