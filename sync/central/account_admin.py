"""Account administration, one implementation for the commands and the API.

The command line (the administrator on the server: ``actor`` None) reaches every account.
Through the API, county, city and province staff reach the worker accounts of their own
region's subtree and nothing else: any other account answers as if it did not exist (404),
and a worker may do none of it (403). Every change is written to the audit trail
(:mod:`sync.central.account_audit`) in the transaction that makes it.

A reset gives a new one-time password and revokes the account's tokens; disabling revokes
its tokens too (and login answers ``account_disabled``), and enabling again lets it log in
(its old tokens stay revoked); revoking a device revokes that
device's tokens, and its logins answer ``device_revoked`` with ``wipe``: a laptop revoked as
lost erases that account's local data when it is told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from sync.central.account_audit import COMMAND_LINE, record_event
from sync.central.accounts import User, create_user, revoke_tokens
from sync.central.clock import as_utc, utc_now
from sync.central.db import write_transaction
from sync.central.passwords import hash_password, one_time_password
from sync.central.problems import Forbidden, NotFound
from sync.central.scope import in_scope, scope_codes
from sync.central.settings import Settings
from sync.central.tables import devices, tokens, users
from sync.contract.roles import STAFF_ROLES

Actor = User | None  # None: the administrator on the command line


@dataclass(frozen=True, slots=True)
class Device:
    """A device that has logged in to an account, as the centre knows it."""

    device_id: str
    first_seen_at: datetime
    last_seen_at: datetime
    app_version: str | None
    revoked_at: datetime | None
    wipe: bool


@dataclass(frozen=True, slots=True)
class AccountInfo:
    """An account and its devices, for the list of a region's accounts."""

    username: str
    display_name: str
    role: str
    region_code: str
    phone: str
    disabled: bool
    must_change_password: bool
    created_at: datetime
    devices: list[Device]


def _name(actor: Actor) -> str:
    return COMMAND_LINE if actor is None else actor.username


def _require_staff(actor: Actor) -> None:
    if actor is not None and actor.role not in STAFF_ROLES:
        raise Forbidden("only county, city and province accounts manage accounts")


def _reachable(actor: Actor, row: Any) -> bool:
    if actor is None:
        return True
    return bool(row.role == "worker" and in_scope(actor, row.region_code))


def _target(conn: Connection, actor: Actor, username: str) -> Any:
    """The account ``username`` if ``actor`` may manage it; NotFound otherwise."""
    _require_staff(actor)
    row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None or not _reachable(actor, row):
        raise NotFound(f"username: 没有账户 {username!r}（或不在您的管辖范围内）")
    return row


def list_accounts(engine: Engine, actor: Actor) -> list[AccountInfo]:
    """The accounts ``actor`` manages (staff: the workers of its subtree), with devices."""
    _require_staff(actor)
    query = select(users).order_by(users.c.region_code, users.c.username)
    if actor is not None:
        query = query.where(users.c.role == "worker")
        codes = scope_codes(actor)
        if codes is not None:
            query = query.where(users.c.region_code.in_(codes))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        names = [r.username for r in rows]
        seen: dict[str, list[Device]] = {}
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            for d in conn.execute(
                select(devices)
                .where(devices.c.username.in_(chunk))
                .order_by(devices.c.last_seen_at.desc())
            ):
                seen.setdefault(d.username, []).append(
                    Device(
                        d.device_id,
                        as_utc(d.first_seen_at) or d.first_seen_at,
                        as_utc(d.last_seen_at) or d.last_seen_at,
                        d.app_version,
                        as_utc(d.revoked_at),
                        bool(d.wipe),
                    )
                )
    return [
        AccountInfo(
            username=r.username,
            display_name=r.display_name or "",
            role=r.role,
            region_code=r.region_code,
            phone=r.phone or "",
            disabled=bool(r.disabled),
            must_change_password=bool(r.must_change_password),
            created_at=as_utc(r.created_at) or r.created_at,
            devices=seen.get(r.username, []),
        )
        for r in rows
    ]


def add_worker(
    engine: Engine,
    settings: Settings,
    actor: Actor,
    username: str,
    region_code: str,
    display_name: str = "",
    phone: str = "",
) -> str:
    """Create a worker account in ``actor``'s subtree; its one-time password."""
    _require_staff(actor)
    if actor is not None and not in_scope(actor, region_code):
        raise Forbidden(f"region_code: {region_code} 不在您的管辖范围内")
    password = one_time_password()
    create_user(
        engine,
        settings,
        username,
        "worker",
        region_code,
        password,
        display_name=display_name,
        phone=phone,
        one_time=True,
        actor=_name(actor),
    )
    return password


def reset_password(engine: Engine, settings: Settings, actor: Actor, username: str) -> str:
    """Give ``username`` a new one-time password (its tokens stop working); the password."""
    password = one_time_password()
    stored = hash_password(password, n=settings.scrypt_n)
    with write_transaction(engine) as conn:
        _target(conn, actor, username)
        conn.execute(
            update(users)
            .where(users.c.username == username)
            .values(password_hash=stored, must_change_password=True)
        )
        revoke_tokens(conn, utc_now(), tokens.c.username == username)
        record_event(conn, _name(actor), "reset_password", username)
    return password


def disable_user(engine: Engine, actor: Actor, username: str) -> None:
    """Disable ``username``: its tokens stop working and it cannot log in."""
    with write_transaction(engine) as conn:
        _target(conn, actor, username)
        conn.execute(update(users).where(users.c.username == username).values(disabled=True))
        revoke_tokens(conn, utc_now(), tokens.c.username == username)
        record_event(conn, _name(actor), "disable", username)


def enable_user(engine: Engine, actor: Actor, username: str) -> None:
    """Enable ``username`` again (one disabled by mistake): it may log in again.

    Its tokens stay revoked: each laptop logs in again with the password. A device revoked
    stays revoked.
    """
    with write_transaction(engine) as conn:
        _target(conn, actor, username)
        conn.execute(update(users).where(users.c.username == username).values(disabled=False))
        record_event(conn, _name(actor), "enable", username)


def revoke_device(
    engine: Engine, actor: Actor, device_id: str, *, wipe: bool, username: str | None = None
) -> list[str]:
    """Revoke ``device_id`` (for ``username`` only, when given); the accounts it held.

    Its tokens stop working at once; ``wipe``: the device erases those accounts' local data
    when it is next told (a lost laptop). NotFound for a device the actor cannot reach.
    """
    now = utc_now()
    with write_transaction(engine) as conn:
        query = select(devices.c.username).where(devices.c.device_id == device_id)
        if username is not None:
            query = query.where(devices.c.username == username)
        held = [name for name in conn.execute(query).scalars()]
        reachable = []
        for name in held:
            try:
                _target(conn, actor, name)
            except NotFound:
                continue
            reachable.append(name)
        if not reachable or (actor is not None and len(reachable) != len(held)):
            _require_staff(actor)
            raise NotFound(f"device_id: 没有设备 {device_id!r}（或不在您的管辖范围内）")
        conn.execute(
            update(devices)
            .where(devices.c.device_id == device_id, devices.c.username.in_(reachable))
            .values(revoked_at=now, revoked_by=_name(actor), wipe=wipe)
        )
        revoke_tokens(
            conn, now, (tokens.c.device_id == device_id) & tokens.c.username.in_(reachable)
        )
        for name in reachable:
            detail = f"device {device_id}" + (" wipe" if wipe else "")
            record_event(conn, _name(actor), "revoke_device", name, detail[:200])
    return reachable
