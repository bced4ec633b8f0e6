import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache

from claims.api import throttling


@pytest.fixture(autouse=True)
def fresh_throttle_history(monkeypatch):
    """Each API test starts with no request history, and never clears the shared cache
    (with REDIS_URL set that would flush the Redis database the broker uses)."""
    monkeypatch.setattr(throttling, "CACHE", throttling.FallbackCache(LocMemCache(f"throttle-{uuid.uuid4()}", {})))
