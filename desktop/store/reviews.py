"""The centre's reviews (审核) of this laptop's records, as pull brings them.

Every live change of a pull carries the record's review (docs/protocol.md). A review
changes no field and no version, so it arrives even when the record itself is skipped as
already known; :func:`store_reviews` keeps it in ``record_reviews`` in the pull's own
transaction: approved or returned (with the comment and the comments per field), and no
row while the record is unreviewed (a correction accepted at the centre comes back so).
A review this laptop made and has not sent yet (desktop/store/review_queue.py) is shown
in place of the pulled one until the centre answers it.
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson
from sqlalchemy import Connection, Engine, delete, insert, select

from desktop.store.schema import record_reviews, review_outbox
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
        if review.state != "unreviewed":
            rows.append(_row(change.record_id, change.version, review))
    if cleared:
        conn.execute(delete(record_reviews).where(record_reviews.c.record_id.in_(cleared)))
    if rows:
        conn.execute(insert(record_reviews), rows)


def keep_review(conn: Connection, record_id: str, version: int, review: ReviewState) -> None:
    """Keep the review the centre answered to this laptop's own review of ``version``."""
    conn.execute(delete(record_reviews).where(record_reviews.c.record_id == record_id))
    if review.state != "unreviewed":
        conn.execute(insert(record_reviews), [_row(record_id, version, review)])


def _row(record_id: str, version: int, review: ReviewState) -> dict[str, object]:
    return {
        "record_id": record_id,
        "version": version,
        "state": review.state,
        "comment": review.comment,
        "field_comments": orjson.dumps(review.field_comments).decode()
        if review.field_comments
        else None,
        "reviewed_by": review.by,
        "reviewed_at": None if review.at is None else review.at.isoformat(),
    }


def review_of(engine: Engine, record_id: str) -> ReviewState:
    """The record's review: this laptop's own while it waits to be sent, else as the last
    pull (or the centre's answer to a review sent from here) left it; ``unreviewed``
    without one."""
    with engine.connect() as conn:
        queued = conn.execute(
            select(review_outbox)
            .where(review_outbox.c.record_id == record_id)
            .order_by(review_outbox.c.queued_at.desc())
            .limit(1)
        ).first()
        row = conn.execute(
            select(record_reviews).where(record_reviews.c.record_id == record_id)
        ).first()
    if queued is not None:
        return ReviewState(
            state="approved" if queued.decision == "approve" else "returned",
            comment=queued.comment or None,
            field_comments=orjson.loads(queued.field_comments) if queued.field_comments else {},
            at=queued.queued_at,
        )
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
