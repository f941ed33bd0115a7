"""The centre's reviews (审核) of this laptop's records, as pull brings them.

Every live change of a pull carries the record's review (docs/protocol.md). A review
changes no field and no version, so it arrives even when the record itself is skipped as
already known; :func:`store_reviews` keeps it in ``record_reviews`` in the pull's own
transaction: approved or returned (with the comment and the comments per field), and no
row while the record is unreviewed (a correction accepted at the centre comes back so).

A review holds for the version it judged. The push drops the review of a record whose new
version the centre accepted (``outbox.apply_results``: the centre makes it unreviewed), and
the pull replaces it, so ``record_reviews`` holds the reviews of the versions the laptop
has. Rows read whole (a page, a record, the queue) join on the id *and* the version
(:func:`review_applies`), to be exact even where a pull has not caught up; the list's
filters join on the id alone (:func:`review_by_key`), which lets SQLite walk a covering
index of ``records`` and probe the small reviews table, never the wide records rows.
A review this laptop made and has not sent yet is written here as it is queued
(desktop/store/review_queue.py), so every screen shows it at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import ColumnElement, Connection, Engine, and_, delete, insert, select

from desktop.store.schema import record_reviews, records

if TYPE_CHECKING:  # the wire models (pydantic) load with the first review read
    from sync.contract.protocol import Change
    from sync.contract.review_wire import ReviewState

# The review's columns beside a record's (labelled: ``state`` and ``comment`` are taken).
REVIEW_COLUMNS = (
    record_reviews.c.state.label("review_state"),
    record_reviews.c.comment.label("review_comment"),
    record_reviews.c.field_comments.label("review_field_comments"),
    record_reviews.c.reviewed_by,
    record_reviews.c.reviewed_at,
)


def review_applies() -> ColumnElement[bool]:
    """The join of a record to its review: by primary key, for the version it holds."""
    return and_(
        record_reviews.c.record_id == records.c.record_id,
        record_reviews.c.version == records.c.version,
    )


def review_by_key() -> ColumnElement[bool]:
    """The join of a record to its review by primary key alone (the list's filters)."""
    return record_reviews.c.record_id == records.c.record_id


def drop_replaced(conn: Connection, accepted: Iterable[tuple[int | None, str]]) -> None:
    """Forget the reviews of records whose new version the centre accepted, given as
    (version, record_id): the centre holds that version unreviewed."""
    conn.exec_driver_sql(
        "DELETE FROM record_reviews WHERE record_id = ? AND version < ?",
        [(record_id, version) for version, record_id in accepted if version is not None],
    )


def review_from(m: Mapping[Any, Any]) -> ReviewState:
    """The review in a row read with :data:`REVIEW_COLUMNS` (none: unreviewed)."""
    from sync.contract.review_wire import UNREVIEWED, ReviewState

    if m["review_state"] is None:
        return UNREVIEWED
    comments = m["review_field_comments"]
    return ReviewState(
        state=m["review_state"],
        comment=m["review_comment"],
        field_comments=orjson.loads(comments) if comments else {},
        by=m["reviewed_by"],
        at=m["reviewed_at"],
    )


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
    """The record's review: this laptop's own while it waits to be sent
    (desktop/store/review_queue.py), else as the last pull or the centre's answer left it;
    ``unreviewed`` without one."""
    with engine.connect() as conn:
        row = conn.execute(
            select(*REVIEW_COLUMNS).where(record_reviews.c.record_id == record_id)
        ).first()
    return review_from({"review_state": None} if row is None else row._mapping)
