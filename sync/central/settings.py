"""The centre's settings, read once from the environment (``REALNAME_CENTRAL_*``)."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

ENV_PREFIX = "REALNAME_CENTRAL_"
LOG_FORMATS = ("text", "json")


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "realname-central"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the centre can be tuned by; tests build their own with ``with_``."""

    data_dir: Path = field(default_factory=_default_data_dir)
    db_url: str = ""
    token_ttl_seconds: int = 12 * 3600
    # scrypt cost: 2**14 is the interactive-login figure of RFC 7914; tests lower it.
    scrypt_n: int = 2**14
    # Login throttling (sync.central.login_throttle): failures of one account from one
    # address before each further attempt from there waits; the first wait, doubled after
    # every further failure up to the cap; how many failures one address may make in a
    # window, whatever the accounts (against spraying); how long failures are remembered.
    login_max_failures: int = 5
    login_first_delay_seconds: int = 2
    login_max_delay_seconds: int = 600
    login_max_failures_per_address: int = 100
    login_window_seconds: int = 3600
    # Reverse proxies (addresses or networks) whose X-Forwarded-For names the client
    # (sync.central.client_address); by default none: the direct peer is the client.
    trusted_proxies: tuple[str, ...] = ()
    max_body_bytes: int = 8 * 1024 * 1024
    max_decompressed_bytes: int = 32 * 1024 * 1024
    max_ops_per_push: int = 1000
    max_pull_limit: int = 5000
    # How long a SQLite writer waits for the lock before the request answers 503.
    db_busy_timeout_ms: int = 30_000
    # A push retries this often when a concurrent push won a unique constraint race.
    push_retries: int = 3
    # The log's form: "text" (one readable line per record, the commands' default) or "json"
    # (one JSON object per line, for a log collector; sync.central.log_format).
    log_format: str = "text"
    # Who may read /metrics (sync.central.metrics): addresses or networks; default this host.
    metrics_allow: tuple[str, ...] = ("127.0.0.1/32", "::1/128")

    @property
    def database_url(self) -> str:
        """The configured URL, else a SQLite file in the data folder."""
        if self.db_url:
            return self.db_url
        return f"sqlite:///{self.data_dir / 'central.sqlite3'}"

    def with_(self, **changes: object) -> Settings:
        """A copy with some settings changed."""
        return replace(self, **changes)  # type: ignore[arg-type]  # keys checked by replace

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Settings from ``REALNAME_CENTRAL_*`` variables (``REALNAME_CENTRAL_DB`` is the URL)."""
        env = dict(os.environ if environ is None else environ)
        values: dict[str, object] = {}
        if env.get(ENV_PREFIX + "DATA_DIR"):
            values["data_dir"] = Path(env[ENV_PREFIX + "DATA_DIR"])
        if env.get(ENV_PREFIX + "DB"):
            values["db_url"] = env[ENV_PREFIX + "DB"]
        for name in (
            "token_ttl_seconds",
            "scrypt_n",
            "login_max_failures",
            "login_first_delay_seconds",
            "login_max_delay_seconds",
            "login_max_failures_per_address",
            "login_window_seconds",
            "max_body_bytes",
            "max_decompressed_bytes",
            "max_ops_per_push",
            "max_pull_limit",
            "db_busy_timeout_ms",
        ):
            raw = env.get(ENV_PREFIX + name.upper())
            if raw:
                try:
                    values[name] = int(raw)
                except ValueError:
                    raise ValueError(f"{ENV_PREFIX}{name.upper()} must be an integer") from None
        if env.get(ENV_PREFIX + "TRUSTED_PROXIES"):
            values["trusted_proxies"] = trusted_proxies(env[ENV_PREFIX + "TRUSTED_PROXIES"])
        if env.get(ENV_PREFIX + "METRICS_ALLOW"):
            values["metrics_allow"] = networks(env[ENV_PREFIX + "METRICS_ALLOW"], "METRICS_ALLOW")
        if env.get(ENV_PREFIX + "LOG_FORMAT"):
            log_format = env[ENV_PREFIX + "LOG_FORMAT"].strip().lower()
            if log_format not in LOG_FORMATS:
                raise ValueError(f"{ENV_PREFIX}LOG_FORMAT must be one of: {', '.join(LOG_FORMATS)}")
            values["log_format"] = log_format
        return cls(**values)  # type: ignore[arg-type]  # names come from the tuple above


def trusted_proxies(text: str) -> tuple[str, ...]:
    """Comma-separated addresses or networks (``10.0.0.5, 192.0.2.0/24``), checked."""
    return networks(text, "TRUSTED_PROXIES")


def networks(text: str, name: str) -> tuple[str, ...]:
    """Comma-separated addresses or networks of the setting ``name``, checked."""
    found = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            found.append(str(ipaddress.ip_network(part, strict=False)))
        except ValueError:
            raise ValueError(
                f"{ENV_PREFIX}{name}: {part!r} is not an address or a network"
            ) from None
    return tuple(found)
