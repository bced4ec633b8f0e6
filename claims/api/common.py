from django.core.exceptions import PermissionDenied

from .. import permissions


def member(request):
    """The authenticated desk member, or 403 for accounts without a newsroom role."""
    user = request.auth
    if not permissions.is_member(user):
        raise PermissionDenied("This account has no newsroom role (Reporter, Fact-checker or Editor).")
    return user
