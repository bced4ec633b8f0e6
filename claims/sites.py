"""Which site an address belongs to: whether one page may speak for another address.

A page's rel=canonical is its author's word, so it is believed only for an address
on the page's own site: the same registrable domain (www.bbc.co.uk and m.bbc.co.uk,
not evil.co.uk), by the Public Suffix List that ships inside the `tld` package.
Names under no known suffix and IP addresses must match exactly.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from tld import get_fld


def site_of(url: str) -> str:
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""
    if not host:
        return ""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    return get_fld(host, fix_protocol=True, fail_silently=True) or host


def same_site(a: str, b: str) -> bool:
    site = site_of(a)
    return bool(site) and site == site_of(b)
