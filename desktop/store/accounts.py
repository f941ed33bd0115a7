"""Accounts on this laptop: one folder and one encrypted database per account.

``DATA_DIR/accounts/<safe name>/account.json`` holds what is not secret (server, role,
region, device id) and what is safe to keep beside the database: the password verifier
for offline unlock and the database key wrapped by the password. Secrets in the clear
(the key itself, the token) live only in the OS keyring.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop.store.errors import NoAccountError, StoreError
from desktop.store.keys import PasswordVerifier, WrappedKey

_SAFE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$")
ENV_DATA_DIR = "REALNAME_DATA_DIR"


def default_data_dir() -> Path:
    """``$REALNAME_DATA_DIR``, else a folder in the user's home."""
    env = os.environ.get(ENV_DATA_DIR)
    return Path(env) if env else Path.home() / ".realname-registry"


def safe_name(username: str) -> str:
    """A folder name for ``username`` that no file system or path trick can misread."""
    if _SAFE.match(username):
        return username
    return "u-" + hashlib.sha256(username.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class AccountProfile:
    """What this laptop remembers about an account between sessions."""

    username: str
    server: str
    device_id: str
    role: str = ""
    region_code: str = ""
    ca_bundle: str | None = None
    proxy: str | None = None
    verifier: PasswordVerifier | None = None
    wrapped_key: WrappedKey | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The account file's content."""
        return {
            "username": self.username,
            "server": self.server,
            "device_id": self.device_id,
            "role": self.role,
            "region_code": self.region_code,
            "ca_bundle": self.ca_bundle,
            "proxy": self.proxy,
            "verifier": self.verifier.to_json() if self.verifier else None,
            "wrapped_key": self.wrapped_key.to_json() if self.wrapped_key else None,
            **self.extra,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AccountProfile:
        """Read an account file's content."""
        known = {
            "username",
            "server",
            "device_id",
            "role",
            "region_code",
            "ca_bundle",
            "proxy",
            "verifier",
            "wrapped_key",
        }
        return cls(
            username=str(data["username"]),
            server=str(data["server"]),
            device_id=str(data["device_id"]),
            role=str(data.get("role") or ""),
            region_code=str(data.get("region_code") or ""),
            ca_bundle=data.get("ca_bundle"),
            proxy=data.get("proxy"),
            verifier=PasswordVerifier.from_json(data["verifier"]) if data.get("verifier") else None,
            wrapped_key=WrappedKey.from_json(data["wrapped_key"])
            if data.get("wrapped_key")
            else None,
            extra={k: v for k, v in data.items() if k not in known},
        )

    def with_changes(self, **changes: Any) -> AccountProfile:
        """A copy with ``changes``."""
        return replace(self, **changes)


class DataDir:
    """The program's data folder: the accounts and which one logged in last."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def account_dir(self, username: str) -> Path:
        """The folder of ``username``."""
        return self.root / "accounts" / safe_name(username)

    def database_path(self, username: str) -> Path:
        """The encrypted database of ``username``."""
        return self.account_dir(username) / "registry.db"

    def profile(self, username: str) -> AccountProfile | None:
        """The stored profile of ``username``, or None if it never logged in here."""
        path = self.account_dir(username) / "account.json"
        if not path.exists():
            return None
        try:
            return AccountProfile.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"{path}: unreadable account file ({exc})") from exc

    def require_profile(self, username: str) -> AccountProfile:
        """The profile of ``username``; NoAccountError if it never logged in here."""
        profile = self.profile(username)
        if profile is None:
            raise NoAccountError(username)
        return profile

    def save_profile(self, profile: AccountProfile) -> None:
        """Write the profile atomically (a crash leaves the old or the new file, never half)."""
        folder = self.account_dir(profile.username)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"account.json.{uuid.uuid4().hex}.tmp"
        tmp.write_text(json.dumps(profile.to_json(), ensure_ascii=False, indent=1), "utf-8")
        os.replace(tmp, folder / "account.json")

    def last_account(self) -> str | None:
        """The account that logged in last on this laptop, if any."""
        path = self.root / "last_account"
        if not path.exists():
            return None
        name = path.read_text(encoding="utf-8").strip()
        return name or None

    def set_last_account(self, username: str) -> None:
        """Remember ``username`` as the default account of the commands."""
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f"last_account.{uuid.uuid4().hex}.tmp"
        tmp.write_text(username, encoding="utf-8")
        os.replace(tmp, self.root / "last_account")

    def accounts(self) -> list[str]:
        """Every account that has logged in on this laptop."""
        base = self.root / "accounts"
        names = []
        for folder in sorted(base.glob("*")) if base.exists() else []:
            profile = self.profile_at(folder)
            if profile is not None:
                names.append(profile.username)
        return names

    def profile_at(self, folder: Path) -> AccountProfile | None:
        """The profile stored in ``folder``, if any."""
        path = folder / "account.json"
        if not path.exists():
            return None
        return AccountProfile.from_json(json.loads(path.read_text(encoding="utf-8")))
