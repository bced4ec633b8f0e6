"""Refuse outgoing requests to private networks (SSRF guard for user-supplied URLs).

A webhook URL is typed in by a user; without this check it could make the server
call its own admin, the cloud metadata service or anything else on the private
network. `check_url` resolves the host and refuses loopback, private, link-local,
reserved, multicast and unspecified addresses unless FACTDESK["FETCH_ALLOW_PRIVATE"]
is on (tests with a local server). (The jobs engineer's fetching.py carries the
full fetch guard; the two are to be merged.)
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


class BlockedURL(ValueError):
    """The URL is not one we may fetch."""


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
        or ip.is_multicast or ip.is_unspecified or not ip.is_global
    )


def check_url(url: str) -> list[str]:
    """Validate scheme and host; return the addresses the host resolves to.

    Raises BlockedURL with a reason a person can read.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedURL("Only http:// and https:// addresses are allowed.")
    if parts.username or parts.password:
        raise BlockedURL("Addresses with credentials in them are not allowed.")
    host = parts.hostname
    if not host:
        raise BlockedURL("The address has no host.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise BlockedURL("The address has an invalid port.") from None
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise BlockedURL(f"Cannot resolve {host}: {exc}") from None
    addresses = sorted({info[4][0] for info in infos})
    if not addresses:
        raise BlockedURL(f"{host} has no addresses.")
    if not settings.FACTDESK.get("FETCH_ALLOW_PRIVATE"):
        blocked = [a for a in addresses if not is_public_address(a)]
        if blocked:
            raise BlockedURL(f"{host} resolves to a private or reserved address ({blocked[0]}).")
    return addresses
