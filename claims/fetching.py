"""Fetching a page or feed from the open web, safely.

The address is resolved once, every address it resolves to is checked against
the guard (no loopback, private, link-local, multicast, reserved or metadata
addresses), and the connection goes to the checked address itself, so a DNS
answer that changes between check and connect (rebinding) cannot slip through.
An IPv6 address that carries an IPv4 one (6to4, NAT64, Teredo, IPv4-mapped) is
judged by the address inside too. Redirects are followed by hand and each hop is
checked again. Bodies are capped in size after decompression (decompress.py), one
deadline covers the whole request with its redirects (fetch_deadline.py), and only
the content types the caller accepts are read.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from django.conf import settings

from . import decompress, fetch_deadline

# JSON-LD documents too: a fact-checker's ClaimReview may be served bare (claims/reviews_in).
JSON_TYPES = ("application/ld+json", "application/json")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", *JSON_TYPES)
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
    deadline = time.monotonic() + _total()
    current = url
    with fetch_deadline.client(settings.FACTDESK["FETCH_TIMEOUT"], deadline) as client:
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
    request_headers = {
        "User-Agent": USER_AGENT,
        "Accept-Encoding": decompress.ACCEPT_ENCODING,
        **host_header,
        **headers,
    }
    try:
        with client.stream("GET", pinned, headers=request_headers, extensions=extensions) as response:
            return _read(response, url, accept, deadline)
    except httpx.TimeoutException:
        raise _timed_out(deadline) from None
    except httpx.TransportError as exc:
        raise FetchError(f"Could not connect to {host_header['Host']}: {exc or exc.__class__.__name__}", retryable=True)


def _total() -> float:
    """The whole fetch's time (connect, headers, body and every redirect hop): twice the per-read timeout."""
    return settings.FACTDESK["FETCH_TIMEOUT"] * 2


def _timed_out(deadline: float) -> FetchError:
    if time.monotonic() >= deadline:
        return FetchError(f"Timed out: no complete answer within {_total():g} s", retryable=True)
    return FetchError(f"Timed out after {settings.FACTDESK['FETCH_TIMEOUT']:g} s", retryable=True)


def post(url: str, *, content: bytes, headers: dict) -> int:
    """POST `content` through the same guard and return the HTTP status.

    Redirects are not followed: one could point the request at a private address. The answer's
    body is never read: only its status counts, and a receiver could send any amount.
    """
    deadline = time.monotonic() + _total()
    pinned, host_header, extensions = _pinned(url)
    request_headers = {**headers, **host_header}
    try:
        with fetch_deadline.client(settings.FACTDESK["FETCH_TIMEOUT"], deadline) as client:
            with client.stream("POST", pinned, content=content, headers=request_headers, extensions=extensions) as r:
                status = r.status_code
    except httpx.TimeoutException:
        raise _timed_out(deadline) from None
    except httpx.TransportError as exc:
        raise FetchError(f"Could not connect to {host_header['Host']}: {exc or exc.__class__.__name__}", retryable=True)
    return status


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
    try:
        decoding = decompress.decoder(headers.get("content-encoding", ""))
    except decompress.DecodeError as exc:
        raise FetchError(str(exc)) from None
    limit = settings.FACTDESK["FETCH_MAX_BYTES"]
    too_large = FetchError(f"Page larger than {_size(limit)}{' once decompressed' if decoding.encoded else ''}")
    declared = headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    try:
        for chunk in response.iter_raw():
            # The cap counts what comes out of the decoder, so a small gzip bomb is refused like a big page.
            body += decoding.feed(chunk, limit - len(body) + 1)
            if len(body) > limit:
                raise too_large
            if time.monotonic() > deadline:
                raise _timed_out(deadline)
        body += decoding.flush()
    except decompress.DecodeError as exc:
        raise FetchError(f"Could not decompress the page ({exc})") from None
    if len(body) > limit:
        raise too_large
    return Fetched(url=url, status=status, content_type=content_type, body=bytes(body), headers=headers)


def checked_address(host: str, port: int) -> str:
    """Resolve `host` and return one address to connect to, if every address it has is allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"Could not resolve {host} ({exc})", retryable=True)
    addresses = list(dict.fromkeys(str(ipaddress.ip_address(info[4][0].split("%")[0])) for info in infos))
    if not addresses:
        raise FetchError(f"Could not resolve {host}", retryable=True)
    for address in addresses:
        verdict = _verdict(address)
        if verdict:
            kind, note = verdict
            verb = "is" if _is_literal(host) else "resolves to"
            raise FetchError(f"Refused: {host} {verb} {kind} ({f'{note}: ' if note else ''}{address})")
    return addresses[0]


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def refusal(address: str) -> str | None:
    """What kind of forbidden address this is ("a private address"), or None if it may be fetched."""
    verdict = _verdict(address)
    return verdict[0] if verdict else None


def _verdict(address: str) -> tuple[str, str] | None:
    """(kind, note) for a forbidden address, the note naming an IPv4 address found inside an IPv6 one."""
    ip = ipaddress.ip_address(address)
    if _allowed_privately(ip):
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        form, inner, decisive = _wrapped_ipv4(ip)
        for v4 in inner:
            kind = refusal(str(v4))
            if kind:
                return kind, f"{v4} inside {form}"
        if inner and decisive:
            return None  # a public IPv4 address reached through a translator or relay
    kind = _kind(ip)
    return (kind, "") if kind else None


def _kind(ip) -> str | None:
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


NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
TEREDO = ipaddress.ip_network("2001::/32")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")


def _wrapped_ipv4(ip: ipaddress.IPv6Address) -> tuple[str, list[ipaddress.IPv4Address], bool]:
    """The IPv4 addresses an IPv6 address carries, the form's name, and whether they decide alone.

    A relay or translator (mapped, 6to4, NAT64) delivers to the IPv4 address inside, so a forbidden one
    inside makes the whole address forbidden; a public one decides for it. Teredo and the deprecated
    IPv4-compatible form are also judged as IPv6 (both are refused as non-public today).
    """
    value = int(ip)

    def v4(bits: int) -> ipaddress.IPv4Address:
        return ipaddress.IPv4Address(bits & 0xFFFFFFFF)

    if ip.ipv4_mapped:
        return "an IPv4-mapped address", [ip.ipv4_mapped], True
    if ip in IPV4_TRANSLATED:
        return "an IPv4-translated address", [v4(value)], True
    if ip.sixtofour:
        return "a 6to4 address", [ip.sixtofour], True
    if ip in NAT64_WELL_KNOWN:
        return "a NAT64 address", [v4(value)], True
    if ip in NAT64_LOCAL:
        # RFC 6052 lets a network split this prefix at /96, /48, /56 or /64 (bits 64-71 stay zero);
        # the whole prefix is non-public anyway, the order only picks the likeliest address to name.
        spots = [
            value,  # /96: the last 32 bits
            ((value >> 64) & 0xFFFF) << 16 | (value >> 40) & 0xFFFF,  # /48: bits 48-63 and 72-87
            ((value >> 64) & 0xFF) << 24 | (value >> 32) & 0xFFFFFF,  # /56: bits 56-63 and 72-95
            value >> 24,  # /64: bits 72-103
        ]
        return "a NAT64 address", list(dict.fromkeys(v4(s) for s in spots if s & 0xFFFFFFFF)), False
    if ip in TEREDO and ip.teredo:
        server, client = ip.teredo
        return "a Teredo address", [server, client], False
    if ip in IPV4_COMPATIBLE and value > 1:  # not :: or ::1
        return "an IPv4-compatible address", [v4(value)], False
    return "", [], False


def _allowed_privately(ip) -> bool:
    allow = settings.FACTDESK.get("FETCH_ALLOW_PRIVATE")
    if allow is True:
        return True
    if not allow:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in allow)


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n / 1024:g} KB"
