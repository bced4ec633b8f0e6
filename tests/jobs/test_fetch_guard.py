"""The fetch guard: no loopback, private, link-local, metadata … addresses, by IP or by DNS name."""

import ipaddress
import socket

import pytest

from claims import fetching
from claims.fetching import FetchError


@pytest.fixture
def strict(settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_ALLOW_PRIVATE": [], "FETCH_TIMEOUT": 2.0}


@pytest.mark.parametrize(
    "url, kind",
    [
        ("http://127.0.0.1/", "a loopback address"),
        ("http://[::1]/", "a loopback address"),
        ("http://10.1.2.3/", "a private address"),
        ("http://192.168.0.10:8080/admin", "a private address"),
        ("http://169.254.169.254/latest/meta-data/", "a cloud metadata address"),
        ("http://169.254.10.1/", "a link-local address"),
        ("http://224.0.0.1/", "a multicast address"),
        ("http://0.0.0.0/", "an unspecified address"),
        ("http://100.64.0.1/", "a non-public address"),
        ("http://[::ffff:10.0.0.1]/", "a private address"),
    ],
)
def test_it_refuses_forbidden_addresses(strict, url, kind):
    with pytest.raises(FetchError) as caught:
        fetching.fetch(url)
    assert kind in caught.value.reason and caught.value.reason.startswith("Refused:")
    assert not caught.value.retryable


def test_it_refuses_a_name_that_resolves_to_a_private_address(strict, fake_dns):
    fake_dns["example.test"] = ["10.0.0.5"]
    with pytest.raises(FetchError) as caught:
        fetching.fetch("https://example.test/story")
    assert caught.value.reason == "Refused: example.test resolves to a private address (10.0.0.5)"


def test_it_refuses_a_name_when_any_of_its_addresses_is_private(strict, fake_dns):
    fake_dns["mixed.test"] = ["93.184.216.34", "127.0.0.1"]
    with pytest.raises(FetchError, match="mixed.test resolves to a loopback address"):
        fetching.fetch("http://mixed.test/")


def test_it_connects_to_the_address_it_checked_not_a_second_lookup(allow_loopback, site, fake_dns, monkeypatch):
    """DNS rebinding: the first answer is checked, a second lookup would say something else."""
    site.add("/page", "<html><body><p>" + "Pinned connection. " * 5 + "</p></body></html>")
    answers = iter([["127.0.0.1"]])
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.test":
            try:
                addresses = next(answers)
            except StopIteration:
                raise AssertionError("resolved twice: the connection did not use the checked address")
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    page = fetching.fetch(f"http://rebind.test:{site.port}/page")
    assert page.status == 200 and b"Pinned connection" in page.body
    # The server saw the name in the Host header, not the address.
    assert site.requests[-1][1]["Host"] == f"rebind.test:{site.port}"


def test_it_rechecks_every_redirect_hop(allow_loopback, site, fake_dns):
    fake_dns["internal.test"] = ["10.0.0.7"]
    site.add("/hop", status=302, headers={"Location": "http://internal.test/secret"}, body="")
    with pytest.raises(FetchError, match=r"Refused: internal.test resolves to a private address \(10.0.0.7\)"):
        fetching.fetch(site.url("/hop"))


def test_it_refuses_redirects_to_other_schemes(allow_loopback, site):
    site.add("/file", status=301, headers={"Location": "file:///etc/passwd"}, body="")
    with pytest.raises(FetchError, match="only http and https"):
        fetching.fetch(site.url("/file"))


def test_loopback_is_refused_unless_allowed(strict, site):
    site.add("/ok", "<p>hello</p>")
    with pytest.raises(FetchError, match="127.0.0.1 is a loopback address"):
        fetching.fetch(site.url("/ok"))


@pytest.mark.parametrize(
    "address, kind, inner",
    [
        # 6to4 (2002::/16) carries an IPv4 address in its second and third groups.
        ("2002:7f00:1::", "a loopback address", "127.0.0.1 inside a 6to4 address"),
        ("2002:a00:1::1", "a private address", "10.0.0.1 inside a 6to4 address"),
        ("2002:a9fe:a9fe::", "a cloud metadata address", "169.254.169.254 inside a 6to4 address"),
        # NAT64, the well-known prefix (64:ff9b::/96) and the local-use one (64:ff9b:1::/48).
        ("64:ff9b::7f00:1", "a loopback address", "127.0.0.1 inside a NAT64 address"),
        ("64:ff9b::10.0.0.1", "a private address", "10.0.0.1 inside a NAT64 address"),
        ("64:ff9b::a9fe:a9fe", "a cloud metadata address", "169.254.169.254 inside a NAT64 address"),
        ("64:ff9b:1::c0a8:1", "a private address", "192.168.0.1 inside a NAT64 address"),
        ("64:ff9b:1:7f00:0:100::", "a loopback address", "127.0.0.1 inside a NAT64 address"),
        # Teredo (2001::/32): the server in groups 3-4, the client's address inverted in the last two.
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "a loopback address", "127.0.0.1 inside a Teredo address"),
        ("2001:0:a00:1::a247:27dd", "a private address", "10.0.0.1 inside a Teredo address"),
        # IPv4-compatible (::a.b.c.d), -mapped (::ffff:a.b.c.d) and -translated (::ffff:0:a.b.c.d).
        ("::7f00:1", "a loopback address", "127.0.0.1 inside an IPv4-compatible address"),
        ("::ffff:127.0.0.1", "a loopback address", "127.0.0.1 inside an IPv4-mapped address"),
        ("::ffff:0:7f00:1", "a loopback address", "127.0.0.1 inside an IPv4-translated address"),
        ("::ffff:169.254.169.254", "a cloud metadata address", "169.254.169.254 inside an IPv4-mapped address"),
    ],
)
def test_it_refuses_ipv6_forms_that_wrap_a_forbidden_ipv4_address(strict, address, kind, inner):
    with pytest.raises(FetchError) as caught:
        fetching.fetch(f"http://[{address}]/")
    written = ipaddress.ip_address(address)  # as the resolver writes it back: 64:ff9b::a00:1
    assert caught.value.reason == f"Refused: {address} is {kind} ({inner}: {written})"
    assert not caught.value.retryable


def test_6to4_and_nat64_addresses_of_a_public_ipv4_address_are_judged_by_that_address(strict):
    # A network behind DNS64 answers 64:ff9b::a.b.c.d for every IPv4-only site: those stay fetchable.
    assert fetching.refusal("2002:5db8:d822::1") is None
    assert fetching.refusal("64:ff9b::5db8:d822") is None
    assert fetching.refusal("64:ff9b::93.184.216.34") is None
    # Teredo is a tunnel to wherever its client is: refused whatever it carries.
    assert fetching.refusal("2001:0:4136:e378:8000:63bf:a247:27dd") is not None


def test_loopback_allowed_for_tests_does_not_open_other_wrapped_private_ranges(settings):
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_ALLOW_PRIVATE": ["127.0.0.1/32"]}
    assert "a private address" in fetching.refusal("2002:a00:1::1")
    assert "a private address" in fetching.refusal("64:ff9b::a00:1")
