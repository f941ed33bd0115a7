"""The database key: random, kept in the OS keyring, and also wrapped by the password.

The keyring is the everyday home of the key. A lost keyring entry (a reset Windows profile,
a new keyring) must never cost unsynced records, so the key is also stored wrapped with
AES-GCM under a key derived from the account's password: logging in again unwraps it.

The wrapped key is also what checks the password offline: AES-GCM refuses a key derived
from any other password. No separate password hash is kept beside it: whoever holds the
account file (a stolen laptop, a copied backup) guesses against the cheapest check there
is, and a second one would have to cost as much, doubling the cost of every login.

The derivation is argon2id with 256 MiB and two passes, several times the cost of the scrypt
(N=2**15) before it, so a thief gets that many times fewer guesses an hour per core, each
needing 256 MiB while it runs (measured: docs/architecture.md#measurements-behind-the-code).
The cost is kept in the account file with the wrapped key: files of older versions (scrypt,
with a separate verifier) still open, and are re-wrapped at today's cost at their next
successful login.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import Any

from desktop.store.errors import BadPasswordError
from sync.client.credentials import KEY_BYTES

_AAD = b"realname-db-key"
# What a file may ask for: enough for any cost a release will choose, not enough for a
# crafted account file to exhaust the laptop's memory or hang the login.
_MAX_MEMORY_KIB = 4 * 1024 * 1024
_MAX_ITERATIONS = 64
_MAX_LANES = 16
_MAX_SCRYPT_N = 2**22


@dataclass(frozen=True, slots=True)
class Argon2idCost:
    """Argon2id (RFC 9106) with ``memory_kib`` KiB of memory and ``iterations`` passes."""

    memory_kib: int
    iterations: int = 2
    lanes: int = 1

    def derive(self, password: str, salt: bytes) -> bytes:
        """The key-encryption key of ``password``."""
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        kdf = Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(password.encode("utf-8"))

    def to_json(self) -> dict[str, Any]:
        """The form kept in the account file."""
        return {
            "name": "argon2id",
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
        }


@dataclass(frozen=True, slots=True)
class ScryptCost:
    """scrypt with cost ``n`` (a power of two): what versions before argon2id wrote."""

    n: int
    r: int = 8
    p: int = 1

    def derive(self, password: str, salt: bytes) -> bytes:
        """The key-encryption key of ``password``."""
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        kdf = Scrypt(salt=salt, length=KEY_BYTES, n=self.n, r=self.r, p=self.p)
        return kdf.derive(password.encode("utf-8"))

    def to_json(self) -> dict[str, Any]:
        """The form kept in the account file."""
        return {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p}


KdfCost = Argon2idCost | ScryptCost

PRODUCTION_KDF: KdfCost = Argon2idCost(memory_kib=256 * 1024, iterations=2)
# The cost new wrappings get. Tests lower it (REALNAME_DESKTOP_KDF_MEMORY_KIB, or by setting
# this attribute) to keep login-heavy tests fast; the account file records what was used.
_TEST_MEMORY = os.environ.get("REALNAME_DESKTOP_KDF_MEMORY_KIB")
KDF: KdfCost = (
    Argon2idCost(memory_kib=int(_TEST_MEMORY), iterations=1) if _TEST_MEMORY else PRODUCTION_KDF
)


def _bounded(data: dict[str, Any], name: str, low: int, high: int) -> int:
    value = data[name]
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"kdf {name}: {value!r} is not between {low} and {high}")
    return value


def kdf_from_json(data: dict[str, Any] | None, legacy_n: Any = None) -> KdfCost:
    """The cost kept in an account file; ``legacy_n`` is the scrypt N of older files.

    ValueError for an unknown algorithm or a cost out of bounds.
    """
    if data is None:
        n = _bounded({"n": legacy_n}, "n", 2, _MAX_SCRYPT_N)
        return ScryptCost(n)
    name = data.get("name")
    if name == "argon2id":
        lanes = _bounded(data, "lanes", 1, _MAX_LANES)
        return Argon2idCost(
            memory_kib=_bounded(data, "memory_kib", 8 * lanes, _MAX_MEMORY_KIB),
            iterations=_bounded(data, "iterations", 1, _MAX_ITERATIONS),
            lanes=lanes,
        )
    if name == "scrypt":
        return ScryptCost(
            n=_bounded(data, "n", 2, _MAX_SCRYPT_N),
            r=_bounded(data, "r", 1, 32),
            p=_bounded(data, "p", 1, 16),
        )
    raise ValueError(f"kdf: unknown algorithm {name!r}")


def new_database_key() -> bytes:
    """A fresh random database key."""
    return os.urandom(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# cryptography loads where a password is used (login, offline unlock), not at every start:
# the program opens its database with the keyring's key alone.


@dataclass(frozen=True, slots=True)
class WrappedKey:
    """The database key encrypted under a key derived from the password."""

    salt: bytes
    nonce: bytes
    ciphertext: bytes
    cost: KdfCost

    @classmethod
    def wrap(cls, key: bytes, password: str, *, cost: KdfCost | None = None) -> WrappedKey:
        """Encrypt ``key`` under ``password``, at ``cost`` (default: today's, KDF)."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        chosen = cost or KDF
        salt, nonce = os.urandom(16), os.urandom(12)
        kek = chosen.derive(password, salt)
        return cls(salt, nonce, AESGCM(kek).encrypt(nonce, key, _AAD), chosen)

    def unwrap(self, password: str) -> bytes:
        """The database key; BadPasswordError when ``password`` is not the one that wrapped it."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        kek = self.cost.derive(password, self.salt)
        try:
            return AESGCM(kek).decrypt(self.nonce, self.ciphertext, _AAD)
        except InvalidTag:
            raise BadPasswordError() from None

    @property
    def current(self) -> bool:
        """True when wrapped at today's cost (else the next login wraps it again)."""
        return self.cost == KDF

    def to_json(self) -> dict[str, Any]:
        """The form kept in the account file."""
        return {
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
            "kdf": self.cost.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WrappedKey:
        """Read the account file's form (today's, or the scrypt one of older versions)."""
        return cls(
            _unb64(data["salt"]),
            _unb64(data["nonce"]),
            _unb64(data["ciphertext"]),
            kdf_from_json(data.get("kdf"), data.get("n")),
        )
