"""Accounts on this laptop: one folder and one encrypted database per account.

``DATA_DIR/accounts/<safe name>/account.json`` holds what is not secret (server, role,
region, device id) and what is safe to keep beside the database: the database key wrapped
by the password, which also checks the password for offline unlock. Secrets in the clear
(the key itself, the token) live only in the OS keyring. Every folder and file here is
readable by its owner only (desktop/store/private_files.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop.store.errors import NoAccountError, StoreError
from desktop.store.keys import WrappedKey
from desktop.store.private_files import narrow, private_dir, write_private
from sync.contract.roles import STAFF_ROLES

_SAFE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$")
# Older versions kept a separate scrypt hash of the password ("verifier"): read and dropped,
# since the wrapped key checks the password and a second check would be a second target.
_DROPPED = ("verifier",)
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
    wrapped_key: WrappedKey | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def staff(self) -> bool:
        """A county, city or province account: it reads, reviews and manages its region."""
        return self.role in STAFF_ROLES

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
            "wrapped_key",
            *_DROPPED,
        }
        return cls(
            username=str(data["username"]),
            server=str(data["server"]),
            device_id=str(data["device_id"]),
            role=str(data.get("role") or ""),
            region_code=str(data.get("region_code") or ""),
            ca_bundle=data.get("ca_bundle"),
            proxy=data.get("proxy"),
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

    def make_account_dir(self, username: str) -> Path:
        """The folder of ``username``, made (with the data folder) for the owner only."""
        private_dir(self.root)
        private_dir(self.root / "accounts")
        return private_dir(self.account_dir(username))

    def secure(self, username: str) -> None:
        """Narrow what an older version left readable by others (folders, files) to the owner."""
        self.make_account_dir(username)
        narrow(self.root / "last_account")
        database = self.database_path(username)
        for path in (self.account_dir(username) / "account.json", database):
            narrow(path)
        for suffix in ("-wal", "-shm"):
            narrow(Path(f"{database}{suffix}"))

    def save_profile(self, profile: AccountProfile) -> None:
        """Write the profile atomically (a crash leaves the old or the new file, never half)."""
        folder = self.make_account_dir(profile.username)
        text = json.dumps(profile.to_json(), ensure_ascii=False, indent=1)
        write_private(folder / "account.json", text.encode("utf-8"))

    def last_account(self) -> str | None:
        """The account that logged in last on this laptop, if any."""
        path = self.root / "last_account"
        if not path.exists():
            return None
        name = path.read_text(encoding="utf-8").strip()
        return name or None

    def set_last_account(self, username: str) -> None:
        """Remember ``username`` as the default account of the commands."""
        private_dir(self.root)
        write_private(self.root / "last_account", username.encode("utf-8"))

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
