"""The roster (调查底册) on this laptop: this year's persons of the account's region, pulled
incrementally from ``GET /sync/roster`` at every sync and kept in the encrypted database.

Like the record pull, the cursor advances only in the transaction that stores the page it
ends. Only the current survey year's roster is kept: the first pull of a new year starts
from no cursor and drops the year before. A person taken off the roster comes as
``deleted`` and leaves the table; no record is ever touched by the roster.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import ColumnElement, Engine, and_, delete, exists, insert, select, tuple_, update

from desktop.store.database import relaxed_transaction
from desktop.store.schema import records, roster, roster_progress
from desktop.store.settings import Settings, get_in, set_in
from desktop.store.survey_years import round_year
from sync.client.errors import ServerError
from sync.client.link import Exchange, LinkSizer
from sync.contract.protocol import MAX_PULL_LIMIT, RosterEntry, RosterResponse
from sync.contract.rounds import in_survey_year
from sync.contract.tables import ROSTER_FIELDS

if TYPE_CHECKING:
    from desktop.store.registry import Registry
    from sync.client.transport import CentralClient

log = logging.getLogger(__name__)

CURSOR_KEY = "roster_cursor"  # {"year": Y, "cursor": "..."}
_CHUNK = 400  # keys per DELETE ... IN (...): below SQLite's limit of bound parameters


@dataclass(slots=True)
class RosterTally:
    """What a roster refresh did."""

    year: int = 0
    received: int = 0
    removed: int = 0
    skipped: int = 0  # entries too malformed to keep (logged without their content)


def _kept(stored: str | None) -> dict[str, Any]:
    try:
        kept = orjson.loads(stored) if stored else {}
    except orjson.JSONDecodeError:
        return {}
    return kept if isinstance(kept, dict) else {}


def _kept_year(stored: str | None) -> Any:
    return _kept(stored).get("year")


def _cursor(settings: Settings, year: int) -> str | None:
    kept = _kept(settings.get(CURSOR_KEY))
    cursor = kept.get("cursor")
    return cursor if kept.get("year") == year and isinstance(cursor, str) else None


def _row(entry: RosterEntry, year: int) -> dict[str, Any] | None:
    """The table row of one roster entry; None when it is unusable (no ID number)."""
    number = entry.id_number.strip().upper()
    if not number:
        return None
    row: dict[str, Any] = {name: getattr(entry, name) for name in ROSTER_FIELDS}
    row.update(year=year, id_number=number)
    return row


def surveyed_in(year: int) -> ColumnElement[bool]:
    """The roster row's person has a live record of ``year`` past its draft: what the
    triggers of schema v7 keep in ``roster.surveyed`` at every write of a record."""
    return exists(
        select(records.c.record_id).where(
            and_(
                records.c.id_number == roster.c.id_number,
                in_survey_year(records.c.survey_date, year),
                records.c.deleted.is_(False),
                records.c.state != "draft",
            )
        )
    )


def apply_page(
    engine: Engine, year: int, entries: Iterable[RosterEntry], cursor: str
) -> RosterTally:
    """Store one page of year ``year``'s roster and its cursor, in one transaction."""
    tally = RosterTally(year=year)
    rows: dict[str, dict[str, Any]] = {}
    gone: set[str] = set()
    for entry in entries:
        if entry.year != year:
            tally.skipped += 1
            continue
        row = _row(entry, year)
        if row is None:
            tally.skipped += 1
            continue
        number = row["id_number"]
        if entry.deleted:
            gone.add(number)
            rows.pop(number, None)
        else:
            rows[number] = row
            gone.discard(number)
        tally.received += 1
    if tally.skipped:
        log.warning("roster %d: %d unusable entries skipped", year, tally.skipped)
    with relaxed_transaction(engine) as conn:
        if _kept_year(get_in(conn, CURSOR_KEY)) != year:
            # A new year's first page: last year's roster goes.
            conn.execute(delete(roster).where(roster.c.year != year))
            conn.execute(delete(roster_progress).where(roster_progress.c.year != year))
        replaced = list(rows) + list(gone)
        for start in range(0, len(replaced), _CHUNK):
            keys = [(year, n) for n in replaced[start : start + _CHUNK]]
            conn.execute(delete(roster).where(tuple_(roster.c.year, roster.c.id_number).in_(keys)))
        if rows:
            conn.execute(insert(roster), list(rows.values()))
            added = list(rows)
            for start in range(0, len(added), _CHUNK):
                chunk = added[start : start + _CHUNK]
                conn.execute(
                    update(roster)
                    .where(roster.c.year == year, roster.c.id_number.in_(chunk))
                    .values(surveyed=surveyed_in(year))
                )
        tally.removed = len(gone)
        set_in(conn, CURSOR_KEY, orjson.dumps({"year": year, "cursor": cursor}).decode())
    return tally


def refresh_roster(
    registry: Registry,
    client: CentralClient,
    sizer: LinkSizer | None = None,
    *,
    today: date | None = None,
    received: Callable[[int], None] | None = None,
) -> RosterTally:
    """Pull the current year's roster changes since the kept cursor until none are left,
    each page as large as the link carries: ``sizer`` is the sync's (a new one if None),
    measuring each page and halving the next after a cut or a stall. ``received`` is told
    after each page how many entries have come so far.

    A centre older than the roster (404) leaves the laptop without one, as before.
    """
    year = round_year(today)
    settings = Settings(registry.engine)
    if sizer is None:
        sizer = LinkSizer(MAX_PULL_LIMIT, retry=client.retry)
    total = RosterTally(year=year)
    while True:
        cursor = _cursor(settings, year)

        def sized(size: int, cursor: str | None = cursor) -> tuple[RosterResponse, int, Exchange]:
            answer = client.roster(year, cursor, size)
            return answer, len(answer.entries), client.last_exchange

        try:
            page = sizer.run(sized)
        except ServerError as exc:
            if exc.status == 404:
                log.info("the centre serves no roster")
                return total
            raise
        done = apply_page(registry.engine, year, page.entries, page.cursor)
        total.received += done.received
        total.removed += done.removed
        total.skipped += done.skipped
        if received is not None:
            received(total.received + total.removed + total.skipped)
        if not page.more or not page.entries:
            return total
