"""The address of the client behind a request, for login throttling and the log.

The direct peer is the client, unless it is one of the configured trusted proxies
(``Settings.trusted_proxies``, default none). Then ``X-Forwarded-For`` is read from the
right: each proxy appends the address it saw, so the rightmost address that is not a trusted
proxy is the client as the nearest trustworthy hop saw it; anything further left was written
by the client itself and is ignored. An entry that is not an address ends the walk at the
last trusted hop.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import cache

_Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _networks(trusted: tuple[str, ...]) -> tuple[_Network, ...]:
    return tuple(ipaddress.ip_network(n, strict=False) for n in trusted)


def _parse(text: str) -> _Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address: _Address, networks: tuple[_Network, ...]) -> bool:
    return any(address.version == n.version and address in n for n in networks)


def client_address(peer: str | None, forwarded_for: Iterable[str], trusted: tuple[str, ...]) -> str:
    """The client's address: ``peer``, or what a trusted proxy says in ``X-Forwarded-For``.

    ``forwarded_for`` is every ``X-Forwarded-For`` header of the request, in order.
    """
    if peer is None:
        return "unknown"
    current = _parse(peer)
    networks = _networks(trusted)
    if current is None or not _is_trusted(current, networks):
        return peer
    hops = [hop for value in forwarded_for for hop in value.split(",")]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break
        current = address
        if not _is_trusted(address, networks):
            break
    return str(current)
