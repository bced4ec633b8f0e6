"""The client's address: X-Forwarded-For counts only when it was added by a proxy we trust.

Anyone can send an X-Forwarded-For header. Only the hops that our own proxies appended
(settings.TRUSTED_PROXIES, networks such as "10.0.0.0/8") are believed: walking the chain
from the right, the first address that is not a trusted proxy is the client. Used by the
API's anonymous throttle and by django-axes' login lockouts (AXES_CLIENT_IP_CALLABLE).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]):
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in net for net in networks)


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not networks or not _trusted(_address(remote or ""), networks):
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:  # garbage in the chain: stop believing it at that point
            return remote
        if not _trusted(address, networks):
            return str(address)
        remote = str(address)
    return remote
