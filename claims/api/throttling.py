"""API throttles that keep answering when the shared cache (Redis) is down.

The request history lives in the shared cache so all web processes count together. When
Redis is unreachable the count moves to this process's memory for a while (a per-process
limit is looser than a shared one, but a throttle that answers 500 takes the whole API down
with the cache), and the shared cache is tried again after RETRY_SECONDS.
"""

from __future__ import annotations

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache as default_cache
from django.core.cache.backends.locmem import LocMemCache
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from ..proxies import client_ip

log = logging.getLogger(__name__)
RETRY_SECONDS = 10.0


class FallbackCache:
    """get/set on the shared cache, or on a local one while the shared one fails."""

    def __init__(self, shared=None):
        self.shared = shared  # None: Django's default cache, looked up on each call
        self.local = LocMemCache(f"factdesk-throttle-fallback-{uuid.uuid4()}", {})
        self.down_until = 0.0

    def get(self, key, default=None):
        return self._call("get", key, default)

    def set(self, key, value, timeout=None):
        return self._call("set", key, value, timeout)

    @property
    def degraded(self) -> bool:
        return time.monotonic() < self.down_until

    def _call(self, method: str, *args):
        if not self.degraded:
            try:
                return getattr(self.shared or default_cache, method)(*args)
            except Exception as exc:  # any cache failure (refused, timeout, auth): count locally instead
                log.warning("API throttle: shared cache unavailable (%s); counting per process", exc)
                self.down_until = time.monotonic() + RETRY_SECONDS
        return getattr(self.local, method)(*args)


CACHE = FallbackCache()


class SettingsRate:
    """Rate read from FACTDESK[setting] on each request (deployments and tests change it
    without re-importing the API), history in CACHE, address from claims.proxies."""

    setting = ""

    def __init__(self):
        super().__init__(self._configured())

    def _configured(self):
        return settings.FACTDESK.get(self.setting) or None

    @property
    def cache(self):
        return CACHE

    def get_ident(self, request):
        return client_ip(request)

    def allow_request(self, request):
        rate = self._configured()
        if rate != self.rate:
            self.rate = rate
            self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)


class TokenThrottle(SettingsRate, AuthRateThrottle):
    setting = "API_RATE"


class AnonymousThrottle(SettingsRate, AnonRateThrottle):
    setting = "API_ANON_RATE"
