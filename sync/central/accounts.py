"""Accounts, login with throttling, and bearer tokens (random, stored hashed, expiring).

Throttling state lives in the database (``login_failures``) so that several server
processes share it: after ``login_max_failures`` failures for one account, or
``login_max_failures_per_address`` from one address, within the window, logins from there
are refused with 429 until the oldest counted failure leaves the window.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from sync.central.clock import as_utc, utc_now
from sync.central.passwords import burn_time, hash_password, verify_password
from sync.central.problems import BadInput, Throttled, Unauthorized
from sync.central.scope import regions
from sync.central.settings import Settings
from sync.central.tables import login_failures, tokens, users
from sync.contract.passwords import password_problem

log = logging.getLogger(__name__)

ROLES = ("worker", "county", "city", "province")


@dataclass(frozen=True, slots=True)
class User:
    """An authenticated caller."""

    username: str
    role: str
    region_code: str
    device_id: str = ""


@dataclass(frozen=True, slots=True)
class Login:
    """A fresh token and its owner."""

    token: str
    expires_at: datetime
    user: User


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_user(
    engine: Engine, settings: Settings, username: str, role: str, region_code: str, password: str
) -> User:
    """Create an account; BadInput when the role, region, name or password is unusable."""
    if not username or len(username) > 64 or not username.isprintable() or " " in username:
        raise BadInput("username: 1-64 printable characters without spaces")
    if role not in ROLES:
        raise BadInput(f"role: must be one of {', '.join(ROLES)}")
    if regions().get(region_code) is None:
        raise BadInput(f"region: {region_code!r} is not a code of the region tree")
    problem = password_problem(password, username)
    if problem is not None:
        raise BadInput(f"password: {problem}")
    stored = hash_password(password, n=settings.scrypt_n)
    try:
        with engine.begin() as conn:
            conn.execute(
                insert(users).values(
                    username=username,
                    password_hash=stored,
                    role=role,
                    region_code=region_code,
                    created_at=utc_now(),
                    disabled=False,
                )
            )
    except IntegrityError:
        raise BadInput(f"username: {username!r} exists already") from None
    return User(username, role, region_code)


def _failures_since(engine: Engine, key: str, since: datetime) -> tuple[int, datetime | None]:
    with engine.connect() as conn:
        count, oldest = conn.execute(
            select(func.count(), func.min(login_failures.c.failed_at)).where(
                login_failures.c.key == key, login_failures.c.failed_at > since
            )
        ).one()
    return int(count), as_utc(oldest)


def _check_throttle(engine: Engine, settings: Settings, keys: list[tuple[str, int]]) -> None:
    now = utc_now()
    window = timedelta(seconds=settings.login_window_seconds)
    for key, limit in keys:
        count, oldest = _failures_since(engine, key, now - window)
        if count >= limit and oldest is not None:
            retry = max(1, int((oldest + window - now).total_seconds()) + 1)
            raise Throttled("too many failed logins; try again later", retry_after=retry)


def login(
    engine: Engine, settings: Settings, username: str, password: str, device_id: str, address: str
) -> Login:
    """Check the credentials and issue a token; Unauthorized or Throttled otherwise."""
    user_key, addr_key = f"user:{username}", f"addr:{address}"
    _check_throttle(
        engine,
        settings,
        [
            (user_key, settings.login_max_failures),
            (addr_key, settings.login_max_failures_per_address),
        ],
    )
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None:
        burn_time(password, n=settings.scrypt_n)
        ok = False
    else:
        ok = verify_password(password, row.password_hash) and not row.disabled
    now = utc_now()
    if not ok or row is None:
        with engine.begin() as conn:
            conn.execute(
                insert(login_failures),
                [{"key": user_key, "failed_at": now}, {"key": addr_key, "failed_at": now}],
            )
            # Keep the table small: failures older than the window no longer count.
            cutoff = now - timedelta(seconds=settings.login_window_seconds)
            conn.execute(delete(login_failures).where(login_failures.c.failed_at < cutoff))
        log.info("login refused for an account (device %s)", device_id)
        raise Unauthorized("wrong username or password")
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(seconds=settings.token_ttl_seconds)
    with engine.begin() as conn:
        conn.execute(delete(login_failures).where(login_failures.c.key == user_key))
        conn.execute(
            insert(tokens).values(
                token_hash=_token_hash(token),
                username=username,
                device_id=device_id,
                created_at=now,
                expires_at=expires,
            )
        )
    return Login(token, expires, User(row.username, row.role, row.region_code, device_id))


def user_for_token(engine: Engine, token: str) -> User:
    """The owner of a live token; Unauthorized when it is unknown, expired or revoked."""
    with engine.connect() as conn:
        row = conn.execute(
            select(
                tokens.c.expires_at,
                tokens.c.revoked_at,
                tokens.c.device_id,
                users.c.username,
                users.c.role,
                users.c.region_code,
                users.c.disabled,
            )
            .join(users, users.c.username == tokens.c.username)
            .where(tokens.c.token_hash == _token_hash(token))
        ).first()
    if row is None or row.revoked_at is not None or row.disabled:
        raise Unauthorized("invalid or revoked token; log in again")
    expires = as_utc(row.expires_at)
    if expires is None or expires <= utc_now():
        raise Unauthorized("token expired; log in again")
    return User(row.username, row.role, row.region_code, row.device_id)


def revoke_token(engine: Engine, token: str) -> None:
    """Revoke one token (logout)."""
    with engine.begin() as conn:
        conn.execute(
            update(tokens)
            .where(tokens.c.token_hash == _token_hash(token), tokens.c.revoked_at.is_(None))
            .values(revoked_at=utc_now())
        )
