"""django-axes, counting failures per username+address and per address.

Five wrong passwords lock one account from one address (AXES_FAILURE_LIMIT); a password
spray – one guess for each of many usernames – is caught by the per-address count, which
has its own, higher limit (AXES_ADDRESS_FAILURE_LIMIT) so that a newsroom behind one NAT
address is not locked out by a couple of colleagues' typos. Axes applies one limit to the
largest count, so the address count is scaled onto the pair's limit.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum


class LoginGuardHandler(AxesDatabaseHandler):
    """Needs AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"], in that order."""

    def get_failures(self, request, credentials=None) -> int:
        pair, address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        limit = get_failure_limit(request, credentials)
        return max(pair, address * limit // settings.AXES_ADDRESS_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful sign-in clears that account's failures from that address only: signing in
        to one's own account must not wipe the count of a spray from the same address."""
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return count
