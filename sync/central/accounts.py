"""Accounts, login with throttling, and bearer tokens (random, stored hashed, expiring).

Failed logins slow down the (account, address) pair that made them, never the account's
owner elsewhere: see :mod:`sync.central.login_throttle`. A login with the right password
can still be refused with a code the laptop acts on (docs/protocol.md): the device is
revoked (``device_revoked``, with ``wipe``), the account is disabled (``account_disabled``),
or its password is a one-time password that must be changed first
(``password_change_required``, through :func:`change_password`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from sync.central import login_throttle
from sync.central.account_audit import COMMAND_LINE, record_event
from sync.central.account_fields import ROLES, account_problems
from sync.central.clock import as_utc, utc_now
from sync.central.db import write_transaction
from sync.central.passwords import burn_time, hash_password, verify_password
from sync.central.problems import BadInput, Conflict, Forbidden, PolicyRefused, Unauthorized
from sync.central.settings import Settings
from sync.central.tables import devices, tokens, users
from sync.contract.passwords import password_problem
from sync.log_text import loggable

log = logging.getLogger(__name__)

__all__ = [
    "ROLES",
    "Login",
    "NewUser",
    "User",
    "change_password",
    "create_user",
    "create_users",
    "login",
]

# A device's last contact is written at most this often: a token's use is a read, and a
# write on every request would cost the busiest route a transaction for nothing.
SEEN_EVERY = timedelta(minutes=5)


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


@dataclass(frozen=True, slots=True)
class NewUser:
    """An account to create; ``one_time``: its password must be changed at the first login."""

    username: str
    role: str
    region_code: str
    password: str
    display_name: str = ""
    phone: str = ""
    one_time: bool = False


def create_users(
    engine: Engine, settings: Settings, new: Sequence[NewUser], actor: str = COMMAND_LINE
) -> None:
    """Create accounts, all or none; BadInput naming the first unusable field, Conflict for a
    name taken. The slow hashes run on every core (scrypt releases the GIL): 1,500 accounts
    of an import cost seconds, not minutes."""
    for user in new:
        problems = account_problems(
            user.username, user.role, user.region_code, user.display_name, user.phone
        )
        if problems:
            field, wrong = problems[0]
            raise BadInput(f"{field}: {wrong}")
        weak = password_problem(user.password, user.username)
        if weak is not None:
            raise BadInput(f"password: {weak}")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        hashes = list(pool.map(lambda u: hash_password(u.password, n=settings.scrypt_n), new))
    now = utc_now()
    rows = [
        {
            "username": u.username,
            "password_hash": stored,
            "role": u.role,
            "region_code": u.region_code,
            "created_at": now,
            "disabled": False,
            "display_name": u.display_name or None,
            "phone": u.phone or None,
            "must_change_password": u.one_time,
        }
        for u, stored in zip(new, hashes, strict=True)
    ]
    try:
        with write_transaction(engine) as conn:
            if rows:
                conn.execute(insert(users), rows)
            for u in new:
                record_event(conn, actor, "create", u.username, f"{u.role} {u.region_code}")
    except IntegrityError:
        names = ", ".join(repr(u.username) for u in new[:3])
        raise Conflict(f"username: 用户名 {names} 已存在") from None


def create_user(
    engine: Engine,
    settings: Settings,
    username: str,
    role: str,
    region_code: str,
    password: str,
    *,
    display_name: str = "",
    phone: str = "",
    one_time: bool = False,
    actor: str = COMMAND_LINE,
) -> User:
    """Create one account (see :func:`create_users`)."""
    user = NewUser(username, role, region_code, password, display_name, phone, one_time)
    create_users(engine, settings, [user], actor)
    return User(username, role, region_code)


def _checked(engine: Engine, settings: Settings, username: str, password: str, address: str) -> Any:
    """The account's row when ``password`` is its password (throttled); else Unauthorized."""
    login_throttle.admit(engine, settings, username, address)
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None:
        burn_time(password, n=settings.scrypt_n)
    if row is None or not verify_password(password, row.password_hash):
        # admit() has counted the failure already.
        log.info("login failed: account %s, address %s", loggable(username), loggable(address))
        raise Unauthorized("wrong username or password")
    return row


def _refuse(username: str, code: str, detail: str, *, wipe: bool | None = None) -> None:
    log.info("login refused: account %s, %s", loggable(username), code)
    raise Forbidden(detail, code=code, wipe=wipe)


def _revoked_device(conn: Connection, device_id: str) -> Any:
    return conn.execute(
        select(devices.c.wipe)
        .where(devices.c.device_id == device_id, devices.c.revoked_at.is_not(None))
        .limit(1)
    ).first()


def login(
    engine: Engine,
    settings: Settings,
    username: str,
    password: str,
    device_id: str,
    address: str,
    app_version: str | None = None,
) -> Login:
    """Check the credentials and issue a token; Unauthorized, Forbidden (with its code) or
    Throttled otherwise."""
    row = _checked(engine, settings, username, password, address)
    with engine.connect() as conn:
        revoked = _revoked_device(conn, device_id)
    if revoked is not None:
        _refuse(username, "device_revoked", "this device has been revoked", wipe=revoked.wipe)
    if row.disabled:
        _refuse(username, "account_disabled", "this account is disabled")
    if row.must_change_password:
        _refuse(
            username,
            "password_change_required",
            "a one-time password: set a new one with POST /auth/password first",
        )
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
        _seen(conn, device_id, username, now, app_version)
    return Login(token, expires, User(row.username, row.role, row.region_code, device_id))


def _seen(
    conn: Connection, device_id: str, username: str, now: datetime, app_version: str | None
) -> None:
    """Remember that the device logged in to the account now, with its program's version."""
    values = {"device_id": device_id, "username": username, "first_seen_at": now}
    changes: dict[str, Any] = {"last_seen_at": now}
    if app_version:
        changes["app_version"] = app_version[:40]
    dialect = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
    stmt = dialect(devices).values(**values, **changes)
    conn.execute(stmt.on_conflict_do_update(index_elements=["device_id", "username"], set_=changes))


def change_password(
    engine: Engine, settings: Settings, username: str, password: str, new: str, address: str
) -> None:
    """Set a new password (throttled like a login); the account's tokens are revoked.

    Unauthorized for a wrong password, Forbidden for a disabled account, PolicyRefused for a
    new password the policy refuses or one equal to the old.
    """
    row = _checked(engine, settings, username, password, address)
    if row.disabled:
        _refuse(username, "account_disabled", "this account is disabled")
    problem = password_problem(new, username)
    if problem is None and new == password:
        problem = "新密码不能与原密码相同"
    if problem is not None:
        raise PolicyRefused(f"new_password: {problem}")
    stored = hash_password(new, n=settings.scrypt_n)
    now = utc_now()
    with write_transaction(engine) as conn:
        login_throttle.succeeded(conn, username, address)
        conn.execute(
            update(users)
            .where(users.c.username == username)
            .values(password_hash=stored, must_change_password=False)
        )
        revoke_tokens(conn, now, tokens.c.username == username)
        record_event(conn, username, "change_password", username)


def revoke_tokens(conn: Connection, now: datetime, which: Any) -> None:
    """Revoke every live token matching the condition ``which``."""
    conn.execute(update(tokens).where(which, tokens.c.revoked_at.is_(None)).values(revoked_at=now))


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
                devices.c.revoked_at.label("device_revoked_at"),
                devices.c.wipe,
                devices.c.last_seen_at,
            )
            .join(users, users.c.username == tokens.c.username)
            .outerjoin(
                devices,
                and_(
                    devices.c.device_id == tokens.c.device_id,
                    devices.c.username == tokens.c.username,
                ),
            )
            .where(tokens.c.token_hash == _token_hash(token))
        ).first()
    if row is not None and row.device_revoked_at is not None:
        raise Unauthorized("this device has been revoked", code="device_revoked", wipe=row.wipe)
    if row is not None and row.disabled:
        raise Unauthorized("this account is disabled", code="account_disabled")
    if row is None or row.revoked_at is not None:
        raise Unauthorized("invalid or revoked token; log in again")
    now = utc_now()
    expires = as_utc(row.expires_at)
    if expires is None or expires <= now:
        raise Unauthorized("token expired; log in again")
    last_seen = as_utc(row.last_seen_at)
    if last_seen is None or last_seen + SEEN_EVERY <= now:
        with engine.begin() as conn:
            conn.execute(
                update(devices)
                .where(devices.c.device_id == row.device_id, devices.c.username == row.username)
                .values(last_seen_at=now)
            )
    return User(row.username, row.role, row.region_code, row.device_id)


def revoke_token(engine: Engine, token: str) -> None:
    """Revoke one token (logout)."""
    with engine.begin() as conn:
        revoke_tokens(conn, utc_now(), tokens.c.token_hash == _token_hash(token))
