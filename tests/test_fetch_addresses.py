"""No fetch reaches the user's own network unless the setting allows it."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from _fetch_site import start_site
from enforcement_tracker.fetch import AddressRefused, FetchPolicy
from enforcement_tracker.fetch.addresses import non_public_reason
from enforcement_tracker.fetch.client import Fetcher

PAGE = "<!doctype html><html><body><p>Words.</p></body></html>"


@pytest.fixture
def site():
    site, stop = start_site({"/a": (200, PAGE)})
    yield site
    stop()


def strict(**changes) -> FetchPolicy:
    return FetchPolicy(**{"allow_private": False, "retries": 0, "timeout": 2.0, **changes})


@pytest.mark.parametrize("address, reason", [
    ("127.0.0.1", "loopback"), ("127.9.9.9", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("169.254.169.254", "link-local"),
    ("fe80::1", "link-local"), ("fc00::1", "private"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"), ("100.64.0.1", "not global"),
])
def test_non_public_addresses_are_named(address, reason):
    assert non_public_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address):
    assert non_public_reason(ipaddress.ip_address(address)) is None


def test_loopback_is_refused_with_the_setting_off(site):
    with Fetcher(strict()) as f:
        with pytest.raises(AddressRefused, match="127.0.0.1 is a loopback address") as info:
            f.get(site.url("/a"))
    assert "--allow-private-addresses" in str(info.value)
    assert site.hits == []  # not even robots.txt was asked for


def test_loopback_is_allowed_with_the_setting_on(site):
    with Fetcher(strict(allow_private=True)) as f:
        assert f.get(site.url("/a")).status == 200


def test_the_environment_setting_turns_it_on(site, monkeypatch):
    monkeypatch.setenv("ETRACK_ALLOW_PRIVATE_ADDRESSES", "1")
    assert FetchPolicy().allow_private
    with Fetcher(FetchPolicy(retries=0)) as f:
        assert f.get(site.url("/a")).status == 200
    monkeypatch.setenv("ETRACK_ALLOW_PRIVATE_ADDRESSES", "0")
    assert not FetchPolicy().allow_private


def test_off_is_the_default(monkeypatch):
    monkeypatch.delenv("ETRACK_ALLOW_PRIVATE_ADDRESSES", raising=False)
    assert FetchPolicy().allow_private is False


def test_localhost_by_name_is_refused(site):
    with Fetcher(strict()) as f:
        with pytest.raises(AddressRefused, match=r"localhost \(.*\) is a loopback address"):
            f.get(f"http://localhost:{site.port}/a")
    assert site.hits == []


@pytest.mark.parametrize("url", ["http://10.255.255.1/", "http://169.254.169.254/latest/meta-data/",
                                 "http://[::1]:9/", "http://0.0.0.0:9/", "http://[::ffff:127.0.0.1]:9/"])
def test_private_and_metadata_addresses_are_refused_before_any_connection(url, monkeypatch):
    def no_connection(*args, **kwargs):
        raise AssertionError("a socket was opened")
    monkeypatch.setattr(socket, "create_connection", no_connection)
    with Fetcher(strict()) as f:
        with pytest.raises(AddressRefused):
            f.get(url)


def test_a_public_looking_name_that_resolves_to_loopback_is_refused(site, monkeypatch):
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        return real("127.0.0.1", *args, **kwargs) if host == "news.example" else real(host, *args, **kwargs)
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with Fetcher(strict()) as f:
        with pytest.raises(AddressRefused, match=r"news.example \(127.0.0.1\)"):
            f.get(f"http://news.example:{site.port}/a")
    assert site.hits == []
    with Fetcher(strict(allow_private=True)) as f:  # the check is on the address, not the name
        assert f.get(f"http://news.example:{site.port}/a").status == 200
    assert site.hits_of("/a")[0].headers["host"] == f"news.example:{site.port}"


def test_a_redirect_to_loopback_is_refused(site, monkeypatch):
    """A public page that redirects into the user's network: the second hop is refused."""
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: real(host, *a, **k))
    site.routes["/jump"] = (302, b"", "text/html", {"Location": f"http://127.0.0.1:{site.port}/a"})
    guarded = Fetcher(strict())
    # The first hop's address check is let through for this test only: the site plays a public one.
    from enforcement_tracker.fetch import addresses
    original = addresses.allowed_addresses
    calls = []

    def first_hop_public(host, port, allow_private):
        calls.append(host)
        if len(calls) <= 2:  # robots.txt and the first page, on the "public" site
            return original(host, port, True)
        return original(host, port, allow_private)
    monkeypatch.setattr(addresses, "allowed_addresses", first_hop_public)
    with guarded:
        with pytest.raises(AddressRefused, match="loopback"):
            guarded.get(f"http://localhost:{site.port}/jump")
    assert site.hits_of("/a") == []
