"""Whether a centre address would carry the password in the clear.

``http://`` to this machine (``localhost``, 127.0.0.0/8, ``::1``) never leaves it; to any
other host it crosses a network where others may read it. Light on purpose (no httpx): the
login dialog asks before it starts a login.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def sends_in_clear(url: str) -> bool:
    """True when ``url`` is plain ``http://`` to a host other than this machine."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "http":
        return False
    host = (parts.hostname or "").rstrip(".")
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True  # a name: it may resolve to anywhere
