"""``POST /reviews``: county, city and province staff approve or return a record version.

A review is a change: an accepted one takes the next seq under the sequence lock
(:mod:`sync.central.sequence`) and moves the record to it, so the record, with its review,
reaches every laptop whose scope holds it at the next pull. The version stays: a review
changes no field, and a worker's pending edit of the record is no conflict with it.

A review judges one version. It is ``stale`` when the record has moved on (a newer version,
or voided) and ``forbidden`` for a worker, or for a record outside the caller's region
(which it is not told exists). ``review_ops`` keeps every review by op_id, with who sent it
from which device, when, the decision, the comments and the answer: the audit trail, and
what a replay gets back without writing again. A worker's review is refused before
anything is read or written. ``reviews`` also keeps the region and survey date of the
version judged, for progress to count reviews without reading the records, and, for the
review rates, when that version stopped being the record's (``superseded_at``, which the
database sets when a new version comes: :mod:`sync.central.review_tables`) and when the
record was first returned.

The review state of a record is its latest accepted review while that review's version is
the record's version; otherwise the record is ``unreviewed``, so a new accepted version
needs no reset. Equally, the review is current while the record's ``seq`` is the
review's: every writer that makes a new version (push, void, import) gives the record a
new seq too, and only a review moves the seq alone.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, String, insert, select, type_coerce, update
from sqlalchemy.exc import IntegrityError

from sync.central import stored as store
from sync.central.accounts import User
from sync.central.clock import as_utc, utc_now
from sync.central.db import write_transaction
from sync.central.push import Busy
from sync.central.review_tables import review_ops, reviews
from sync.central.scope import in_scope
from sync.central.sequence import lock_counter, store_counter
from sync.central.tables import records
from sync.contract.review_wire import Approval, Return
from sync.contract.roles import STAFF_ROLES

log = logging.getLogger(__name__)

_STATE = {"approve": "approved", "return": "returned"}


def _state(row: Any, version: int) -> dict[str, Any]:
    """The JSON review state of a record at ``version`` from its ``reviews`` row (or None)."""
    if row is None or row.version != version:
        return {
            "state": "unreviewed",
            "comment": None,
            "field_comments": {},
            "by": None,
            "at": None,
        }
    at = as_utc(row.reviewed_at)
    return {
        "state": row.state,
        "comment": row.comment or None,
        "field_comments": orjson.loads(row.field_comments) if row.field_comments else {},
        "by": row.reviewed_by,
        "at": None if at is None else at.isoformat(),
    }


def states_of(conn: Connection, versions: dict[str, int]) -> dict[str, dict[str, Any]]:
    """The review state of each record id at its version (``versions``: id -> version)."""
    found: dict[str, Any] = {}
    ids = sorted(versions)
    for condition in store.among(conn, reviews.c.record_id, ids):
        for row in conn.execute(select(reviews).where(condition)):
            found[row.record_id] = row
    return {rid: _state(found.get(rid), version) for rid, version in versions.items()}


def review(
    engine: Engine, user: User, request: Approval | Return, *, retries: int = 3
) -> dict[str, Any]:
    """Apply one review; the response body ``{status, review}``."""
    if user.role not in STAFF_ROLES:
        return {"status": "forbidden", "review": None}
    for attempt in range(retries):
        try:
            with write_transaction(engine) as conn:
                return _apply(conn, user, request)
        except IntegrityError:
            log.info("review lost a race to a concurrent writer (attempt %d)", attempt + 1)
    raise Busy("the database is busy with concurrent changes; retry the review")


def _apply(conn: Connection, user: User, request: Approval | Return) -> dict[str, Any]:
    last_seq = lock_counter(conn)
    first = conn.execute(
        select(review_ops.c.username, review_ops.c.result).where(
            review_ops.c.op_id == request.op_id
        )
    ).first()
    if first is not None:
        # Another account's op id: never show its result.
        if first.username != user.username:
            return {"status": "forbidden", "review": None}
        answer: dict[str, Any] = orjson.loads(first.result)
        return answer
    row = conn.execute(
        select(
            records.c.version,
            records.c.region_code,
            records.c.deleted,
            # As text: a stored row whose date cannot be read must not fail the review.
            type_coerce(records.c.survey_date, String).label("survey_date"),
        ).where(records.c.record_id == request.record_id)
    ).first()
    now = utc_now()
    seq: int | None = None
    if row is None or not in_scope(user, row.region_code):
        answer = {"status": "forbidden", "review": None}
    else:
        current = conn.execute(
            select(reviews).where(reviews.c.record_id == request.record_id)
        ).first()
        if row.deleted or row.version != request.version:
            answer = {"status": "stale", "review": _state(current, int(row.version))}
        else:
            seq = last_seq + 1
            where = (row.region_code, _day(row.survey_date))
            _store(conn, user, request, current, seq, now, where)
            conn.execute(
                update(records).where(records.c.record_id == request.record_id).values(seq=seq)
            )
            store_counter(conn, seq)
            stored = conn.execute(
                select(reviews).where(reviews.c.record_id == request.record_id)
            ).one()
            answer = {"status": "accepted", "review": _state(stored, request.version)}
    conn.execute(
        insert(review_ops).values(
            op_id=request.op_id,
            record_id=request.record_id,
            version=request.version,
            decision=request.decision,
            comment=request.comment or None,
            field_comments=_comments_json(request.field_comments),
            username=user.username,
            device_id=user.device_id,
            received_at=now,
            status=answer["status"],
            seq=seq,
            result=orjson.dumps(answer).decode(),
        )
    )
    return answer


def _day(value: object) -> date | None:
    """A stored survey date (a date, or SQLite's text); None when it is not one."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _comments_json(comments: dict[str, str]) -> str | None:
    return orjson.dumps(comments, option=orjson.OPT_SORT_KEYS).decode() if comments else None


def _store(
    conn: Connection,
    user: User,
    request: Approval | Return,
    current: Any,
    seq: int,
    now: datetime,
    where: tuple[str, date | None],
) -> None:
    """Store the review as the record's latest (``current``: the ``reviews`` row, or None)."""
    returned_at = None if current is None else current.returned_at
    if returned_at is None and request.decision == "return":
        returned_at = now
    values = {
        "region_code": where[0],
        "survey_date": where[1],
        "version": request.version,
        "state": _STATE[request.decision],
        "comment": request.comment or None,
        "field_comments": _comments_json(request.field_comments),
        "reviewed_by": user.username,
        "reviewed_at": now,
        "seq": seq,
        "superseded_at": None,
        "returned_at": returned_at,
    }
    if current is not None:
        conn.execute(update(reviews).where(reviews.c.record_id == request.record_id).values(values))
    else:
        conn.execute(insert(reviews).values(record_id=request.record_id, **values))
