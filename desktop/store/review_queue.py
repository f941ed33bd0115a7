"""Reviews (审核) made on this laptop, queued offline until a sync sends them.

A county, city or province clerk approves a record version, or returns it with a comment
and comments on chosen fields, with or without a network. :func:`queue_review` (one) and
:func:`queue_approvals` (a filtered list, in one transaction) keep each in
``review_outbox`` with an op_id of its own, and writes the decision into
``record_reviews`` at once, where every screen reads a record's review (the record list,
the 审核 list and its filters, :func:`desktop.store.reviews.review_of`). A newer review of
the same record replaces one still waiting.

The sync sends them after the records and before the pull, one ``POST /reviews`` each
(desktop/store/syncing.py): :func:`take` marks one ``sending``, :func:`apply_answer` keeps
what the centre said. ``accepted``: the review leaves the queue and the centre's review
state is kept as the record's; ``stale`` (the record changed since the version judged) and
``forbidden`` (not the account's to review): it leaves the queue, its decision leaves
``record_reviews`` (the record shows unreviewed until the pull brings what the centre holds)
and the sync report names the record; so does a request the centre cannot read (400, 413,
422: ``refused``), which would otherwise block the queue. A cut leaves it queued, to be
sent again with the same op_id: the centre answers a replay as it answered first; a centre
without reviews (404) keeps them queued until it has them.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import (
    Connection,
    Engine,
    Select,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy import update as sql_update

from desktop.store.database import relaxed_transaction, write_transaction
from desktop.store.errors import RecordNotFoundError, StoreError
from desktop.store.model import RecordFilter
from desktop.store.schema import record_reviews, records, review_outbox

if TYPE_CHECKING:
    from sync.contract.review_wire import Approval, Return, ReviewResponse


class ReviewInputError(StoreError):
    """A review that cannot be queued: the message names what is wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.user_message = message


@dataclass(frozen=True, slots=True)
class QueuedReview:
    """A review waiting for the centre."""

    op_id: str
    record_id: str
    version: int
    decision: str  # approve | return
    comment: str
    field_comments: dict[str, str]
    queued_at: str


@dataclass(slots=True)
class ReviewTally:
    """What the centre said about the reviews a sync sent (records named by id)."""

    accepted: int = 0
    stale: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # a request the centre cannot read

    @property
    def sent(self) -> int:
        """How many reviews the centre answered."""
        return self.accepted + len(self.stale) + len(self.forbidden) + len(self.refused)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _request(
    op_id: str,
    record_id: str,
    version: int,
    decision: str,
    comment: str,
    field_comments: Mapping[str, str],
) -> Approval | Return:
    """The wire request, checked by the contract's own rules (one place for them)."""
    from pydantic import ValidationError

    from sync.contract.review_wire import Approval, Return

    model = Approval if decision == "approve" else Return
    body = {
        "op_id": op_id,
        "record_id": record_id,
        "version": version,
        "decision": decision,
        "comment": comment,
        "field_comments": dict(field_comments),
    }
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise ReviewInputError(_reason(exc, decision)) from None


def _reason(exc: Any, decision: str) -> str:
    first = exc.errors()[0]
    where = [str(p) for p in first.get("loc", ())]
    if where and where[0] == "comment":
        if decision == "return":
            return "退回须填写原因（1-500 字）。(A return needs a comment.)"
        return "意见不能超过 500 字。(The comment is too long.)"
    if where and where[0] == "field_comments":
        name = where[1] if len(where) > 1 else ""
        return f"字段意见 {name} 不正确：{first.get('msg', '')}"
    return f"审核意见不正确：{'.'.join(where)} {first.get('msg', '')}".strip()


def _version_of(conn: Connection, record_id: str) -> int:
    row = conn.execute(
        select(records.c.version, records.c.deleted).where(records.c.record_id == record_id)
    ).first()
    if row is None or row.deleted:
        raise RecordNotFoundError(record_id)
    if row.version is None:
        raise ReviewInputError("该记录尚未同步到中心，不能审核。(Not at the centre yet.)")
    return int(row.version)


def _queue(conn: Connection, rows: list[dict[str, Any]]) -> None:
    # A newer review of a record replaces one still waiting (not one on its way), and is
    # the record's review from now on, as the lists read it.
    ids = [r["record_id"] for r in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        conn.execute(
            delete(review_outbox).where(
                review_outbox.c.record_id.in_(chunk), review_outbox.c.state == "queued"
            )
        )
        conn.execute(delete(record_reviews).where(record_reviews.c.record_id.in_(chunk)))
    if rows:
        conn.execute(insert(review_outbox), rows)
        conn.execute(insert(record_reviews), [_shown(r) for r in rows])


def _shown(row: Mapping[str, Any]) -> dict[str, Any]:
    """The ``record_reviews`` row of a queued review: no reviewer yet, and its queue time
    as its time (what :func:`_forget` finds it by)."""
    return {
        "record_id": row["record_id"],
        "version": row["version"],
        "state": "approved" if row["decision"] == "approve" else "returned",
        "comment": row["comment"],
        "field_comments": row["field_comments"],
        "reviewed_by": None,
        "reviewed_at": row["queued_at"],
    }


def _forget(conn: Connection, review: QueuedReview) -> None:
    """Take a review the centre did not take out of ``record_reviews`` (unless a pull has
    replaced it meanwhile)."""
    conn.execute(
        delete(record_reviews).where(
            record_reviews.c.record_id == review.record_id,
            record_reviews.c.version == review.version,
            record_reviews.c.reviewed_by.is_(None),
            record_reviews.c.reviewed_at == review.queued_at,
        )
    )


def queue_review(
    engine: Engine,
    record_id: str,
    decision: str,
    comment: str = "",
    field_comments: Mapping[str, str] | None = None,
) -> QueuedReview:
    """Queue a review of the record's current version: ``approve``, or ``return`` with a
    comment (required) and comments on chosen fields. ReviewInputError says what is wrong."""
    if decision not in ("approve", "return"):
        raise ReviewInputError(f"未知的审核结论：{decision}")
    comments = {k: v.strip() for k, v in (field_comments or {}).items() if v.strip()}
    with write_transaction(engine) as conn:
        version = _version_of(conn, record_id)
        request = _request(str(uuid.uuid4()), record_id, version, decision, comment, comments)
        queued = QueuedReview(
            request.op_id, record_id, version, decision, request.comment, comments, _now()
        )
        _queue(conn, [_row(queued)])
    return queued


def queue_approvals(engine: Engine, filters: RecordFilter) -> int:
    """Approve every record the filter matches that the centre holds, in one transaction;
    how many were queued."""
    query = approvals_query(filters)
    with write_transaction(engine) as conn:
        now = _now()
        rows = [
            _row(
                QueuedReview(str(uuid.uuid4()), r.record_id, int(r.version), "approve", "", {}, now)
            )
            for r in conn.execute(query)
        ]
        _queue(conn, rows)
    return len(rows)


def approvals_query(filters: RecordFilter) -> Select[Any]:
    """SELECT of the id and version of every record ``filters`` matches that the centre
    holds: what a batch approval judges."""
    from desktop.store.listing import listed, where

    return (
        select(records.c.record_id, records.c.version)
        .select_from(listed(filters))
        .where(where(filters), records.c.version.is_not(None))
    )


def _row(review: QueuedReview) -> dict[str, Any]:
    return {
        "op_id": review.op_id,
        "record_id": review.record_id,
        "version": review.version,
        "decision": review.decision,
        "comment": review.comment or None,
        "field_comments": orjson.dumps(review.field_comments).decode()
        if review.field_comments
        else None,
        "queued_at": review.queued_at,
        "state": "queued",
    }


def _queued(row: Any) -> QueuedReview:
    return QueuedReview(
        row.op_id,
        row.record_id,
        int(row.version),
        row.decision,
        row.comment or "",
        orjson.loads(row.field_comments) if row.field_comments else {},
        row.queued_at,
    )


def pending_reviews(engine: Engine) -> list[QueuedReview]:
    """The reviews waiting for the centre, oldest first."""
    query = select(review_outbox).order_by(review_outbox.c.queued_at, review_outbox.c.op_id)
    with engine.connect() as conn:
        return [_queued(r) for r in conn.execute(query)]


# ---- what the sync needs -------------------------------------------------------------------


def waiting(engine: Engine) -> int:
    """How many reviews wait for the centre: queued, or left ``sending`` by a sync that
    died (sent again first). The sync adds them to X-Queue-Length."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(review_outbox)).scalar_one())


def take(engine: Engine) -> tuple[QueuedReview, Approval | Return] | None:
    """The oldest queued review, marked ``sending``, with its request; None when none waits.

    A review left ``sending`` by a sync that died goes first, with its op_id unchanged.
    """
    with relaxed_transaction(engine) as conn:
        row = conn.execute(
            select(review_outbox)
            .order_by(
                (review_outbox.c.state == "sending").desc(),
                review_outbox.c.queued_at,
                review_outbox.c.op_id,
            )
            .limit(1)
        ).first()
        if row is None:
            return None
        conn.execute(
            sql_update(review_outbox)
            .where(review_outbox.c.op_id == row.op_id)
            .values(state="sending")
        )
    queued = _queued(row)
    return queued, _request(
        queued.op_id,
        queued.record_id,
        queued.version,
        queued.decision,
        queued.comment,
        queued.field_comments,
    )


def release(engine: Engine, review: QueuedReview) -> None:
    """Put a review whose request got no answer back in the queue (same op_id)."""
    with relaxed_transaction(engine) as conn:
        conn.execute(
            sql_update(review_outbox)
            .where(review_outbox.c.op_id == review.op_id)
            .values(state="queued")
        )


def apply_answer(
    engine: Engine, review: QueuedReview, answer: ReviewResponse, tally: ReviewTally
) -> None:
    """Keep the centre's answer to ``review``: it leaves the queue in every case."""
    from desktop.store.reviews import keep_review

    with write_transaction(engine) as conn:
        conn.execute(delete(review_outbox).where(review_outbox.c.op_id == review.op_id))
        if answer.status == "accepted":
            tally.accepted += 1
            if answer.review is not None:
                keep_review(conn, review.record_id, review.version, answer.review)
        elif answer.status == "stale":
            _forget(conn, review)
            tally.stale.append(review.record_id)
        else:
            _forget(conn, review)
            tally.forbidden.append(review.record_id)


def drop(engine: Engine, review: QueuedReview, tally: ReviewTally) -> None:
    """Take a review out of the queue that the centre refused as unreadable (400, 413,
    422): sent again it would be refused again, and hold up every review behind it."""
    with write_transaction(engine) as conn:
        conn.execute(delete(review_outbox).where(review_outbox.c.op_id == review.op_id))
        _forget(conn, review)
    tally.refused.append(review.record_id)
