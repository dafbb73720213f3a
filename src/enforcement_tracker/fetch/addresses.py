"""No request to the user's own network: loopback, private, link-local and other non-public
addresses are refused unless the policy allows them.

The check is made where the socket is opened (AddressGuardBackend), on every address the name
resolves to, and the connection goes to the address that was checked: a redirect to
http://127.0.0.1/ or a name that resolves to 10.0.0.1 (or to a public address first and a
private one the next time, DNS rebinding) is refused all the same.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Iterable

import httpcore
from httpcore._backends.sync import SyncStream

from enforcement_tracker.fetch.errors import AddressRefused

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def non_public_reason(address: Address) -> str | None:
    """Why an address is not on the public internet ('loopback', 'private', ...), or None."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return non_public_reason(address.ipv4_mapped)
    for test, reason in (("is_loopback", "loopback"), ("is_link_local", "link-local"),
                         ("is_unspecified", "unspecified"), ("is_multicast", "multicast"),
                         ("is_private", "private"), ("is_reserved", "reserved")):
        if getattr(address, test):
            return reason
    if not address.is_global:  # shared address space (100.64/10) and the like
        return "not global"
    return None


def resolve(host: str, port: int) -> list[Address]:
    """Every address the host names or resolves to, in the resolver's order."""
    host = host.strip("[]")
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise httpcore.ConnectError(f"{host}: name does not resolve ({exc.strerror or exc})") from exc
    seen: dict[str, Address] = {}
    for _family, _type, _proto, _name, sockaddr in infos:
        text = str(sockaddr[0]).split("%", 1)[0]
        seen.setdefault(text, ipaddress.ip_address(text))
    return list(seen.values())


def allowed_addresses(host: str, port: int, allow_private: bool) -> list[Address]:
    """The addresses of host that may be connected to; AddressRefused if none may."""
    found = resolve(host, port)
    if allow_private:
        return found
    refused = [(a, r) for a in found if (r := non_public_reason(a))]
    if refused:
        # One non-public answer refuses the name: a name that points at the user's network is a probe.
        address, reason = refused[0]
        shown = host if str(address) == host.strip("[]") else f"{host} ({address})"
        raise AddressRefused(f"{shown} is a {reason} address, not on the public internet", source=host,
                             hint="fetches reach only public addresses; pass --allow-private-addresses "
                                  "(or set ETRACK_ALLOW_PRIVATE_ADDRESSES=1) to read a server on your own network")
    return found


class AddressGuardBackend(httpcore.SyncBackend):
    """httpcore's socket opener, with the address check in front of every connection."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        last: OSError | None = None
        for address in allowed_addresses(host, port, self.allow_private):
            try:
                sock = socket.create_connection((str(address), port), timeout,
                                                source_address=None if local_address is None else (local_address, 0))
            except socket.timeout as exc:
                raise httpcore.ConnectTimeout(str(exc)) from exc
            except OSError as exc:
                last = exc
                continue
            for option in socket_options or ():
                sock.setsockopt(*option)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return SyncStream(sock)
        raise httpcore.ConnectError(f"{host}:{port}: could not connect ({last})")
