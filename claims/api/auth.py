from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from ..models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        if not token:
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        # Touch last_used_at at most once a minute: no write per request under load.
        if not found.last_used_at or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


class DeskSession(SessionAuth):
    """The desk's browser session (with its CSRF token). Without a signed-in session there is
    nothing to protect from cross-site forgery: the request is simply unauthenticated (401),
    not refused for a missing CSRF token."""

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)
