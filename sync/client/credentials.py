"""Secrets in the OS keyring: each account's session token and local database key.

Nothing secret goes to files or logs. Where the OS has no keyring, keyring's own
``PYTHON_KEYRING_BACKEND`` selects another backend; with none usable every call raises
KeyringUnavailableError, a typed error the program shows instead of crashing.
"""

from __future__ import annotations

import keyring
import keyring.errors

from sync.client.errors import KeyringUnavailableError

SERVICE = "realname-registry"
KEY_BYTES = 32


class Keyring:
    """The OS keyring entries of one account: its database key and its session token."""

    def __init__(self, account: str) -> None:
        self.account = account

    def _get(self, kind: str) -> str | None:
        try:
            return keyring.get_password(SERVICE, f"{kind}:{self.account}")
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(type(exc).__name__) from exc

    def _set(self, kind: str, value: str) -> None:
        try:
            keyring.set_password(SERVICE, f"{kind}:{self.account}", value)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(type(exc).__name__) from exc

    def _delete(self, kind: str) -> None:
        try:
            keyring.delete_password(SERVICE, f"{kind}:{self.account}")
        except keyring.errors.PasswordDeleteError:
            pass  # nothing to delete is what we wanted
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(type(exc).__name__) from exc

    def database_key(self) -> bytes | None:
        """The database key, or None when the keyring has none for this account."""
        text = self._get("dbkey")
        if not text:
            return None
        try:
            key = bytes.fromhex(text)
        except ValueError:
            return None  # a damaged entry is as good as none: the password recovers the key
        return key if len(key) == KEY_BYTES else None

    def store_database_key(self, key: bytes) -> None:
        """Keep the database key in the keyring."""
        self._set("dbkey", key.hex())

    def delete_database_key(self) -> None:
        """Forget the database key (tests; a reset profile does this for real)."""
        self._delete("dbkey")

    def token(self) -> str | None:
        """The session token from the last online login, if any."""
        return self._get("token") or None

    def store_token(self, token: str) -> None:
        """Keep the session token."""
        self._set("token", token)

    def delete_token(self) -> None:
        """Forget the session token."""
        self._delete("token")
