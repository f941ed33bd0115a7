"""Password hashes: salted scrypt (stdlib), stored as ``scrypt$n$r$p$salt$hash``."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

_R = 8
_P = 1
_LENGTH = 32


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # maxmem above the 32 MiB default so that n up to 2**16 works.
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_LENGTH, maxmem=256 * 1024 * 1024
    )


def hash_password(password: str, *, n: int) -> str:
    """A new salted hash of ``password`` at cost ``n`` (a power of two)."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, n, _R, _P)
    return f"scrypt${n}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches the stored hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def burn_time(password: str, *, n: int) -> None:
    """Spend the time of one verification, so an unknown user answers as slowly as a known one."""
    _scrypt(password, b"0" * 16, n, _R, _P)


# Letters and digits nobody misreads on paper or a phone screen (no 0/O, 1/l/I).
_ONE_TIME_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def one_time_password() -> str:
    """A random one-time password: three groups of four, about 70 bits, e.g. ``k7Pm-x3Qa-9Rtz``."""
    groups = ("".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)
