import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache
from ninja.throttling import SimpleRateThrottle


@pytest.fixture(autouse=True)
def fresh_throttle_history(monkeypatch):
    """Each API test starts with no request history, and never clears the shared cache
    (with REDIS_URL set that would flush the Redis database the broker uses)."""
    monkeypatch.setattr(SimpleRateThrottle, "cache", LocMemCache(f"throttle-{uuid.uuid4()}", {}))
