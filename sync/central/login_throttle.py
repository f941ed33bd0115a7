"""Login throttling: growing delays per (account, address), a ceiling per address.

Nobody can lock an account's owner out by failing logins in its name: failures count per
(account, address) pair. After ``login_max_failures`` of them, each further attempt from
that address for that account must wait ``login_first_delay_seconds``, doubled with every
further failure, at most ``login_max_delay_seconds``; the same account from any other address
is untouched. Against spraying many accounts from one address, that address may fail at most
``login_max_failures_per_address`` times in a window of ``login_window_seconds`` (counted from
its first failure), whatever the accounts; it waits for the window's end after that. A pair
or an address is forgotten a window after its last failure; a success clears its pair.

The state lives in the database (``login_throttle``), so that several server processes share
it. An attempt is counted as a failure before the password is checked and taken back if it
succeeds, inside a transaction that locks the rows of its pair and address (on SQLite the
write lock): concurrent guesses are counted one by one, never all let through at once.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sync.central.clock import as_utc, utc_now
from sync.central.db import write_transaction
from sync.central.problems import Throttled
from sync.central.settings import Settings
from sync.central.tables import login_throttle
from sync.log_text import loggable

log = logging.getLogger(__name__)

# 2**30 times any first delay is past every sensible cap: the exponent stops growing there.
_MAX_DOUBLINGS = 30


@dataclass(frozen=True, slots=True)
class _Keys:
    pair: str
    address: str


def _keys(username: str, address: str) -> _Keys:
    # The address (an IP address or "unknown") holds no "|": the pair key is unambiguous.
    # 50 characters hold any address (an IPv6 one is at most 45, plus a scope id): with a
    # username of at most 64, a key fits its column of 120.
    address = address[:50]
    return _Keys(pair=f"pair:{address}|{username[:64]}", address=f"addr:{address}")


def delay_seconds(failures: int, settings: Settings) -> int:
    """How long the next attempt of a pair with ``failures`` must wait after the last one."""
    if failures < settings.login_max_failures:
        return 0
    doublings = min(failures - settings.login_max_failures, _MAX_DOUBLINGS)
    delay: int = settings.login_first_delay_seconds << doublings
    return min(delay, settings.login_max_delay_seconds)


def _wait(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds()))


def _ensure_rows(conn: Connection, keys: _Keys, now: datetime) -> None:
    rows = [
        {"key": key, "failures": 0, "first_failed_at": now, "last_failed_at": now}
        for key in (keys.address, keys.pair)
    ]
    if conn.dialect.name == "postgresql":
        conn.execute(postgresql_insert(login_throttle).values(rows).on_conflict_do_nothing())
    else:
        conn.execute(sqlite_insert(login_throttle).values(rows).on_conflict_do_nothing())


def admit(engine: Engine, settings: Settings, username: str, address: str) -> None:
    """Let one login attempt through, counted as failed until :func:`succeeded`; else Throttled."""
    now = utc_now()
    window = timedelta(seconds=settings.login_window_seconds)
    keys = _keys(username, address)
    with write_transaction(engine) as conn:
        conn.execute(delete(login_throttle).where(login_throttle.c.last_failed_at < now - window))
        _ensure_rows(conn, keys, now)
        rows = {
            row.key: row
            for row in conn.execute(
                select(login_throttle)
                .where(login_throttle.c.key.in_([keys.address, keys.pair]))
                .order_by(login_throttle.c.key)
                .with_for_update()
            )
        }
        pair, by_address = rows[keys.pair], rows[keys.address]
        pair_last = as_utc(pair.last_failed_at) or now
        ready_at = pair_last + timedelta(seconds=delay_seconds(pair.failures, settings))
        if ready_at > now:
            _refuse(username, address, _wait(ready_at, now))
        address_first = as_utc(by_address.first_failed_at) or now
        address_failures = by_address.failures
        if address_first + window <= now:  # a new window for the address
            address_first, address_failures = now, 0
        if address_failures >= settings.login_max_failures_per_address:
            _refuse(username, address, _wait(address_first + window, now), " (this address)")
        conn.execute(
            update(login_throttle)
            .where(login_throttle.c.key == keys.pair)
            .values(failures=pair.failures + 1, last_failed_at=now)
        )
        conn.execute(
            update(login_throttle)
            .where(login_throttle.c.key == keys.address)
            .values(
                failures=address_failures + 1, first_failed_at=address_first, last_failed_at=now
            )
        )


def _refuse(username: str, address: str, seconds: int, what: str = "") -> None:
    log.info(
        "login delayed: account %s, address %s, retry in %d s%s",
        loggable(username),
        loggable(address),
        seconds,
        what,
    )
    raise Throttled(f"too many failed logins; try again in {seconds} s", retry_after=seconds)


def succeeded(conn: Connection, username: str, address: str) -> None:
    """Clear the pair's failures and take back the attempt counted for the address."""
    keys = _keys(username, address)
    conn.execute(delete(login_throttle).where(login_throttle.c.key == keys.pair))
    conn.execute(
        update(login_throttle)
        .where(login_throttle.c.key == keys.address, login_throttle.c.failures > 0)
        .values(failures=login_throttle.c.failures - 1)
    )
