"""``GET /sync/roster``: the roster (调查底册) of a year in the caller's scope, after a cursor.

Like a pull (:mod:`sync.central.pull`): entries in seq order of the roster's own counter,
each at the seq of its latest change, and the cursor is the last seq returned (the roster
is numbered under a lock held to commit, so no seq below a visible one is still in flight).
An account sees the entries of its region's subtree; an entry taken off the roster comes
as ``deleted``, and so does one whose last change moved it out of the caller's scope (it
left the caller's region: the caller is told it is gone, not where it went). A deleted
entry carries its id_number and year only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, or_, select

from sync.central.accounts import User
from sync.central.pull import parse_cursor
from sync.central.scope import scope_codes
from sync.central.tables import roster
from sync.contract.tables import ROSTER_FIELDS

_GONE = dict.fromkeys(ROSTER_FIELDS[1:])


def roster_page(
    engine: Engine, user: User, year: int, since: str | None, limit: int
) -> dict[str, Any]:
    """The response body of one page of the roster of ``year``."""
    after = parse_cursor(since)
    columns = [roster.c[name] for name in (*ROSTER_FIELDS, "deleted", "seq")]
    query = select(*columns).where(roster.c.year == year, roster.c.seq > after)
    codes = scope_codes(user)
    if codes is not None:
        query = query.where(
            or_(roster.c.region_code.in_(codes), roster.c.left_region_code.in_(codes))
        )
    query = query.order_by(roster.c.seq).limit(limit + 1)
    with engine.connect() as conn:
        rows = list(conn.execute(query))
    more = len(rows) > limit
    rows = rows[:limit]
    inside = None if codes is None else frozenset(codes)
    entries = []
    for row in rows:
        if row.deleted or (inside is not None and row.region_code not in inside):
            entries.append({"id_number": row.id_number, "year": year, **_GONE, "deleted": True})
            continue
        entry = {"id_number": row.id_number, "year": year}
        entry.update((name, row[i]) for i, name in enumerate(ROSTER_FIELDS) if i)
        entry["deleted"] = False
        entries.append(entry)
    cursor = int(rows[-1].seq) if rows else after
    return {"entries": entries, "cursor": str(cursor), "more": more}
