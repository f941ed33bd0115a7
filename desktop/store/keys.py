"""The database key: random, kept in the OS keyring, and also wrapped by the password.

The keyring is the everyday home of the key. A lost keyring entry (a reset Windows profile,
a new keyring) must never cost unsynced records, so the key is also stored wrapped with
AES-GCM under a key derived from the account's password by scrypt: logging in again
unwraps it. A second, independent scrypt hash lets the account unlock offline.
"""

from __future__ import annotations

import base64
import hmac
import os
from dataclasses import dataclass
from typing import Any

from desktop.store.errors import BadPasswordError
from sync.client.credentials import KEY_BYTES

# scrypt cost: about 50 ms per derivation on a laptop, paid only at login. Tests lower it
# through the environment, as the centre's tests do, to keep login-heavy tests fast.
SCRYPT_N = int(os.environ.get("REALNAME_DESKTOP_SCRYPT_N", str(2**15)))
SCRYPT_R = 8
SCRYPT_P = 1


def new_database_key() -> bytes:
    """A fresh random database key."""
    return os.urandom(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


# cryptography loads where a password is used (login, offline unlock), not at every start:
# the program opens its database with the keyring's key alone.


def _derive(password: str, salt: bytes, n: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=SCRYPT_R, p=SCRYPT_P).derive(
        password.encode("utf-8")
    )


@dataclass(frozen=True, slots=True)
class PasswordVerifier:
    """A slow salted hash of the password, for offline unlock."""

    salt: bytes
    digest: bytes
    n: int = SCRYPT_N

    @classmethod
    def create(cls, password: str, *, n: int | None = None) -> PasswordVerifier:
        """Hash ``password`` with a fresh salt."""
        cost = n or SCRYPT_N
        salt = os.urandom(16)
        return cls(salt, _derive(password, salt, cost), cost)

    def matches(self, password: str) -> bool:
        """True when ``password`` is the one hashed (constant-time comparison)."""
        return hmac.compare_digest(_derive(password, self.salt, self.n), self.digest)

    def to_json(self) -> dict[str, Any]:
        """The form kept in the account file."""
        return {"salt": _b64(self.salt), "digest": _b64(self.digest), "n": self.n}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PasswordVerifier:
        """Read the account file's form."""
        return cls(_unb64(data["salt"]), _unb64(data["digest"]), int(data["n"]))


@dataclass(frozen=True, slots=True)
class WrappedKey:
    """The database key encrypted under a key derived from the password."""

    salt: bytes
    nonce: bytes
    ciphertext: bytes
    n: int = SCRYPT_N

    @classmethod
    def wrap(cls, key: bytes, password: str, *, n: int | None = None) -> WrappedKey:
        """Encrypt ``key`` under ``password``."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        cost = n or SCRYPT_N
        salt, nonce = os.urandom(16), os.urandom(12)
        kek = _derive(password, salt, cost)
        return cls(salt, nonce, AESGCM(kek).encrypt(nonce, key, b"realname-db-key"), cost)

    def unwrap(self, password: str) -> bytes:
        """The database key; BadPasswordError when ``password`` is not the one that wrapped it."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        kek = _derive(password, self.salt, self.n)
        try:
            return AESGCM(kek).decrypt(self.nonce, self.ciphertext, b"realname-db-key")
        except InvalidTag:
            raise BadPasswordError() from None

    def to_json(self) -> dict[str, Any]:
        """The form kept in the account file."""
        return {
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
            "n": self.n,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WrappedKey:
        """Read the account file's form."""
        return cls(
            _unb64(data["salt"]), _unb64(data["nonce"]), _unb64(data["ciphertext"]), int(data["n"])
        )
