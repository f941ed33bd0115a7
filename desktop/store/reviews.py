"""The centre's reviews (审核) of this laptop's records, as pull brings them.

Every live change of a pull carries the record's review (docs/protocol.md). A review
changes no field and no version, so it arrives even when the record itself is skipped as
already known; :func:`store_reviews` keeps it in ``record_reviews`` in the pull's own
transaction: approved or returned (with the comment and the comments per field), and no
row while the record is unreviewed (a correction accepted at the centre comes back so).
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson
from sqlalchemy import Connection, Engine, delete, insert, select

from desktop.store.schema import record_reviews
from sync.contract.protocol import Change
from sync.contract.review_wire import ReviewState


def store_reviews(conn: Connection, changes: Iterable[Change]) -> None:
    """Keep the review each change carries (a change without one says nothing)."""
    rows = []
    cleared = []
    for change in changes:
        review = change.review
        if review is None:
            if change.deleted:
                cleared.append(change.record_id)
            continue
        cleared.append(change.record_id)
        if review.state == "unreviewed":
            continue
        rows.append(
            {
                "record_id": change.record_id,
                "version": change.version,
                "state": review.state,
                "comment": review.comment,
                "field_comments": orjson.dumps(review.field_comments).decode()
                if review.field_comments
                else None,
                "reviewed_by": review.by,
                "reviewed_at": None if review.at is None else review.at.isoformat(),
            }
        )
    if cleared:
        conn.execute(delete(record_reviews).where(record_reviews.c.record_id.in_(cleared)))
    if rows:
        conn.execute(insert(record_reviews), rows)


def review_of(engine: Engine, record_id: str) -> ReviewState:
    """The record's review as the last pull left it (``unreviewed`` without one)."""
    with engine.connect() as conn:
        row = conn.execute(
            select(record_reviews).where(record_reviews.c.record_id == record_id)
        ).first()
    if row is None:
        return ReviewState(state="unreviewed")
    comments = orjson.loads(row.field_comments) if row.field_comments else {}
    return ReviewState(
        state=row.state,
        comment=row.comment,
        field_comments=comments,
        by=row.reviewed_by,
        at=row.reviewed_at,
    )
