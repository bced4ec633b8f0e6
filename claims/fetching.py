"""Fetching a page or feed from the open web, safely.

The address is resolved once, every address it resolves to is checked against
the guard (no loopback, private, link-local, multicast, reserved or metadata
addresses), and the connection goes to the checked address itself, so a DNS
answer that changes between check and connect (rebinding) cannot slip through.
Redirects are followed by hand and each hop is checked again. Bodies are capped
in size and time, and only the content types the caller accepts are read.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from django.conf import settings

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "text/plain",
)
MAX_REDIRECTS = 5
USER_AGENT = "FactDesk/1.0 (newsroom claim tracker)"
# Cloud metadata endpoints; most are link-local already, listed so the reason can say so.
METADATA_ADDRESSES = {"169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"}


class FetchError(Exception):
    """Why a fetch failed, in words for the desk; `retryable` when trying later may pass."""

    def __init__(self, reason: str, *, retryable: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


@dataclass
class Fetched:
    url: str  # the final address, after redirects
    status: int
    content_type: str
    body: bytes
    headers: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        charset = "utf-8"
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip('"')
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def fetch(url: str, *, accept=PAGE_TYPES, headers: dict | None = None) -> Fetched:
    """GET `url` with the guard, the size cap and the time limit; raise FetchError on any failure.

    A 304 Not Modified is returned (status 304, empty body) for conditional requests.
    """
    conf = settings.FACTDESK
    timeout = conf["FETCH_TIMEOUT"]
    deadline = time.monotonic() + timeout * 2
    current = url
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            response = _get_checked(client, current, headers or {}, accept, deadline)
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {response.status} redirect without a Location header")
                current = urljoin(current, location)
                continue
            return response
    raise FetchError(f"Too many redirects (more than {MAX_REDIRECTS})")


def _pinned(url: str) -> tuple[str, dict, dict]:
    """Check `url` and return (address-pinned URL, Host header, TLS extensions) for it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"Refused: only http and https addresses are fetched ({url[:200]})")
    if parts.username or parts.password:
        raise FetchError("Refused: addresses with credentials in them are not fetched")
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"Refused: invalid port in {url[:200]}") from None
    address = checked_address(host, port)
    # Connect to the address we checked; keep the name for Host and TLS (SNI and certificate).
    ip_host = f"[{address}]" if ":" in address else address
    pinned = urlunsplit((parts.scheme, f"{ip_host}:{port}", parts.path or "/", parts.query, ""))
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return pinned, {"Host": parts.netloc.rpartition("@")[2]}, extensions


def _get_checked(client: httpx.Client, url: str, headers: dict, accept, deadline: float) -> Fetched:
    pinned, host_header, extensions = _pinned(url)
    request_headers = {"User-Agent": USER_AGENT, **host_header, **headers}
    try:
        with client.stream("GET", pinned, headers=request_headers, extensions=extensions) as response:
            return _read(response, url, accept, deadline)
    except httpx.TimeoutException:
        raise FetchError(f"Timed out after {settings.FACTDESK['FETCH_TIMEOUT']:g} s", retryable=True)
    except httpx.TransportError as exc:
        raise FetchError(f"Could not connect to {host_header['Host']}: {exc or exc.__class__.__name__}", retryable=True)


def post(url: str, *, content: bytes, headers: dict) -> int:
    """POST `content` through the same guard and return the HTTP status.

    Redirects are not followed: one could point the request at a private address.
    """
    pinned, host_header, extensions = _pinned(url)
    timeout = settings.FACTDESK["FETCH_TIMEOUT"]
    try:
        with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False) as client:
            response = client.post(pinned, content=content, headers={**headers, **host_header}, extensions=extensions)
    except httpx.TimeoutException:
        raise FetchError(f"Timed out after {timeout:g} s", retryable=True)
    except httpx.TransportError as exc:
        raise FetchError(f"Could not connect to {host_header['Host']}: {exc or exc.__class__.__name__}", retryable=True)
    return response.status_code


def _read(response: httpx.Response, url: str, accept, deadline: float) -> Fetched:
    status = response.status_code
    headers = {k.lower(): v for k, v in response.headers.items()}
    if status in (301, 302, 303, 307, 308, 304):
        return Fetched(url=url, status=status, content_type="", body=b"", headers=headers)
    if status >= 500 or status == 429:
        raise FetchError(f"HTTP {status}", retryable=True)
    if status >= 400:
        raise FetchError(f"HTTP {status}")
    if status != 200:
        raise FetchError(f"HTTP {status}: nothing to read")
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in accept:
        raise FetchError(
            f"Not an HTML or text page ({content_type})" if accept == PAGE_TYPES else f"Not a feed ({content_type})"
        )
    limit = settings.FACTDESK["FETCH_MAX_BYTES"]
    too_large = FetchError(f"Page larger than {_size(limit)}")
    declared = headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    for chunk in response.iter_raw():
        body.extend(chunk)
        if len(body) > limit:
            raise too_large
        if time.monotonic() > deadline:
            raise FetchError("Timed out while reading the page", retryable=True)
    return Fetched(url=url, status=status, content_type=content_type, body=bytes(body), headers=headers)


def checked_address(host: str, port: int) -> str:
    """Resolve `host` and return one address to connect to, if every address it has is allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"Could not resolve {host} ({exc})", retryable=True)
    addresses = list(dict.fromkeys(info[4][0].split("%")[0] for info in infos))
    if not addresses:
        raise FetchError(f"Could not resolve {host}", retryable=True)
    for address in addresses:
        problem = refusal(address)
        if problem:
            verb = "is" if host.strip("[]") == address else "resolves to"
            raise FetchError(f"Refused: {host} {verb} {problem} ({address})")
    return addresses[0]


def refusal(address: str) -> str | None:
    """What kind of forbidden address this is ("a private address"), or None if it may be fetched."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if _allowed_privately(ip):
        return None
    if str(ip) in METADATA_ADDRESSES:
        return "a cloud metadata address"
    for test, kind in (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    ):
        if getattr(ip, test):
            return kind
    if not ip.is_global:  # shared address space (100.64/10) and the like
        return "a non-public address"
    return None


def _allowed_privately(ip) -> bool:
    allow = settings.FACTDESK.get("FETCH_ALLOW_PRIVATE")
    if allow is True:
        return True
    if not allow:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in allow)


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n / 1024:g} KB"
