"""``GET /sync/pull``: the caller's changes after a cursor, in seq order, with tombstones.

Each record appears once, at the seq of its latest change (a record changed twice since
the cursor is sent once, as it is now). The cursor is the last seq returned; writers number
changes under a lock held to commit (:mod:`sync.central.sequence`), so every seq below a
visible one is visible too and the cursor never passes a change still in flight. A row
the centre cannot read is left out (see :mod:`sync.central.stored`); the cursor still moves
past it, so a page of such rows never holds a client in place. A review moves its record to
a new seq without a new version (:mod:`sync.central.reviews`); every live change carries the
record's review state.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from sync.central import stored as store
from sync.central.accounts import User
from sync.central.problems import BadInput
from sync.central.reviews import states_of
from sync.central.scope import scope_codes
from sync.central.tables import records


def parse_cursor(since: str | None) -> int:
    """The seq a cursor stands for; BadInput naming ``since`` when it is not ours."""
    if since is None or since == "":
        return 0
    if not since.isascii() or not since.isdigit() or len(since) > 18:
        raise BadInput("since: not a cursor this server handed out")
    return int(since)


def pull(
    engine: Engine,
    user: User,
    since: str | None,
    limit: int,
    *,
    reviews: bool = True,
    saved_by: bool = False,
) -> dict[str, Any]:
    """The response body of one pull page; ``reviews``: the changes carry the ``review``
    key, ``saved_by``: the ``saved_by`` key (laptops from before either refuse a change
    with a key they do not know)."""
    after = parse_cursor(since)
    query = store.select_records().where(records.c.seq > after)
    codes = scope_codes(user)
    if codes is not None:
        query = query.where(records.c.region_code.in_(codes))
    query = query.order_by(records.c.seq).limit(limit + 1)
    with engine.connect() as conn:
        rows = list(conn.execute(query))
        more = len(rows) > limit
        rows = rows[:limit]
        live_ids = [r.record_id for r in rows if not r.deleted]
        items = store.to_stored(rows, store.trainings_of(conn, live_ids))
        live = {i.record_id: i.version for i in items if not i.deleted}
        states = states_of(conn, live) if reviews else {}
    changes: list[dict[str, Any]] = [
        {
            "record_id": item.record_id,
            "version": item.version,
            "seq": item.seq,
            "record": None if item.deleted else item.record,
            "deleted": item.deleted,
            "created_at": item.created_at,
            "updated_at": item.updated_at,
            "received_at": item.received_at,
        }
        for item in items
    ]
    if reviews:
        for change in changes:
            change["review"] = states.get(change["record_id"])
    if saved_by:
        savers = {r.record_id: r.saved_by for r in rows}
        for change in changes:
            change["saved_by"] = savers[change["record_id"]]
    cursor = int(rows[-1].seq) if rows else after
    return {"changes": changes, "cursor": str(cursor), "more": more}
