"""Accounts, login with throttling, and bearer tokens (random, stored hashed, expiring).

Failed logins slow down the (account, address) pair that made them, never the account's
owner elsewhere: see :mod:`sync.central.login_throttle`.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from sync.central import login_throttle
from sync.central.clock import as_utc, utc_now
from sync.central.db import write_transaction
from sync.central.passwords import burn_time, hash_password, verify_password
from sync.central.problems import BadInput, Unauthorized
from sync.central.scope import regions
from sync.central.settings import Settings
from sync.central.tables import tokens, users
from sync.contract.passwords import password_problem
from sync.log_text import loggable

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


def login(
    engine: Engine, settings: Settings, username: str, password: str, device_id: str, address: str
) -> Login:
    """Check the credentials and issue a token; Unauthorized or Throttled otherwise."""
    login_throttle.admit(engine, settings, username, address)
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None:
        burn_time(password, n=settings.scrypt_n)
        ok = False
    else:
        ok = verify_password(password, row.password_hash) and not row.disabled
    if not ok or row is None:
        # admit() has counted the failure already.
        log.info("login failed: account %s, address %s", loggable(username), loggable(address))
        raise Unauthorized("wrong username or password")
    now = utc_now()
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(seconds=settings.token_ttl_seconds)
    with write_transaction(engine) as conn:
        login_throttle.succeeded(conn, username, address)
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
