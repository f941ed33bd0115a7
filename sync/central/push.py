"""``POST /sync/push``: each op stands alone; a replayed op_id returns its first result.

Parsing runs before any lock, and the rules checks of a large push start then in the check
worker (see :mod:`sync.central.check_pool`). Then, one push at a time, one write
transaction (see :mod:`sync.central.sequence`) looks up replays, current versions and
id_number holders, decides every op in order (a later op may edit what an earlier one in
the batch created), and writes the records, their history, the op results and the counter
in bulk. The ``ops`` primary key is the database's guarantee that an op is applied once;
should a concurrent writer win that or the live-id_number race anyway, the whole push is
retried and then finds the winner's row.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError

from sync.central import stored as store
from sync.central.accounts import User
from sync.central.bulk import insert_tuples, stamper
from sync.central.check_pool import CheckPool, Tail, TailCheck, check_one
from sync.central.checks import rules_version
from sync.central.clock import as_utc, utc_now
from sync.central.db import write_transaction
from sync.central.problems import Problem
from sync.central.push_body import Envelope, Op
from sync.central.scope import in_scope, regions
from sync.central.sequence import lock_counter, store_counter
from sync.central.tables import ops, record_versions

log = logging.getLogger(__name__)


class Busy(Problem):
    """Concurrent writers kept winning; the client should retry."""

    status = 503


def _finding(rule_id: str, fields: tuple[str, ...], message: str) -> dict[str, Any]:
    return {"rule_id": rule_id, "severity": "error", "fields": list(fields), "message": message}


@dataclass(slots=True)
class _Prepared:
    op: Op
    result: dict[str, Any] | None  # decided before the lock: forbidden or rejected
    record: dict[str, Any] = field(default_factory=dict)


def _forbidden(user: User, op: Op) -> _Prepared | None:
    region = op.record.get("region_code")
    if isinstance(region, str) and region in regions() and not in_scope(user, region):
        return _Prepared(op, _result(op, "forbidden", errors=[_outside(region)]))
    return None


def _prepare(user: User, op: Op, today: date) -> _Prepared:
    forbidden = _forbidden(user, op)
    if forbidden is not None:
        return forbidden
    return _judged(op, check_one(op.record, op.record_id, today))


def _outside(region: str) -> dict[str, Any]:
    return _finding(
        "central.out_of_scope", ("region_code",), f"行政区划 {region} 不在本账号的管辖范围内"
    )


def _result(
    op: Op,
    status: str,
    *,
    version: int | None = None,
    errors: list[dict[str, Any]] | None = None,
    server_record: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "op_id": op.op_id,
        "record_id": op.record_id,
        "status": status,
        "version": version,
        "errors": errors or [],
        "server_record": server_record,
    }


# A push of this many ops or more has its tail checked in the worker process, if there is
# one; its head (a share the pool learns) is checked and written here meanwhile.
OFFLOAD_MIN_OPS = 200


def push(
    engine: Engine,
    user: User,
    request: Envelope,
    *,
    retries: int = 3,
    checks: CheckPool | None = None,
) -> dict[str, Any]:
    """Apply a push and return the response body (``results`` in op order)."""
    today = date.today()
    count = len(request.ops)
    split, tail_checks = count, None
    if checks is not None and request.raw is not None and count >= OFFLOAD_MIN_OPS:
        # A push that will wait while another is written leaves all its checks to the
        # worker, which has them done by then; else it checks its head meanwhile.
        waits = _ONE_AT_A_TIME.locked()
        split = 0 if waits else min(count - 1, math.ceil(count * checks.head_share))
        tail_checks = checks.submit(request.raw, split, count - split, today)
        if tail_checks is None:
            split = count
    tail = _Tail(user, request.ops[split:], today, tail_checks)
    try:
        with _ONE_AT_A_TIME:
            head = [_prepare(user, op, today) for op in request.ops[:split]]
            for attempt in range(retries):
                try:
                    with write_transaction(engine) as conn:
                        results = _apply(conn, user, request, [lambda: head, tail.prepared])
                    return {"results": results, "rules_version": rules_version()}
                except IntegrityError:
                    log.info("push lost a race to a concurrent writer (attempt %d)", attempt + 1)
        raise Busy("the database is busy with concurrent changes; retry the push")
    finally:
        tail.finish()


# Pushes in one server process take turns (their tails go to the check worker first). Side
# by side they would gain nothing, as the interpreter runs one thread at a time, and lose
# much: a thread checking records holds the interpreter for milliseconds at a time, while
# the thread writing gives it up and waits for it again at every row it inserts, and
# SQLite would make the second writer sleep until the first commits. In turns, a push that
# arrives while another writes has its tail checked meanwhile and starts at once after.
_ONE_AT_A_TIME = threading.Lock()


class _Tail:
    """The ops after the head, prepared once: from the worker's checks, or here."""

    def __init__(self, user: User, ops: list[Op], today: date, checks: Tail | None) -> None:
        self.user, self.ops, self.today, self.checks = user, ops, today, checks
        self._prepared: list[_Prepared] | None = None

    def finish(self) -> None:
        """A push that failed before it needed the worker's answer lets it be dropped."""
        if self._prepared is None and self.checks is not None:
            self.checks.abandon()
            self.checks = None

    def prepared(self) -> list[_Prepared]:
        if self._prepared is None:
            if self.checks is None:
                self._prepared = [_prepare(self.user, op, self.today) for op in self.ops]
            else:
                answers = self.checks.answers(self._check_here)
                pairs = zip(self.ops, answers, strict=True)
                self._prepared = [_checked(self.user, op, answer) for op, answer in pairs]
        return self._prepared

    def _check_here(self, index: int) -> TailCheck:
        op = self.ops[index]
        return check_one(op.record, op.record_id, self.today)


def _checked(user: User, op: Op, answer: TailCheck) -> _Prepared:
    """What :func:`_prepare` makes of ``op``, with the worker's check of its record."""
    forbidden = _forbidden(user, op)
    return forbidden if forbidden is not None else _judged(op, answer)


def _judged(op: Op, answer: TailCheck) -> _Prepared:
    if answer is None:
        return _Prepared(op, None, op.record)  # passes as sent
    record, errors = answer
    if errors:
        return _Prepared(op, _result(op, "rejected", errors=errors), record)
    return _Prepared(op, None, record)


def _clamp(value: datetime | None, limit: datetime) -> datetime | None:
    value = as_utc(value)
    return None if value is None else min(value, limit)


class _Batch:
    """The state one push decides against: stored records, id_number holders, new rows."""

    def __init__(self, conn: Connection, user: User, prepared: list[_Prepared]) -> None:
        live = [p for p in prepared if p.result is None]
        ids = [p.op.record_id for p in live]
        numbers = [n for p in live if isinstance(n := p.record.get("id_number"), str)]
        self.user = user
        self.records: dict[str, store.Stored] = {}
        self.holder: dict[str, str] = {}
        for item in store.load(conn, ids, numbers):
            self.records[item.record_id] = item
            number = item.record.get("id_number")
            if not item.deleted and isinstance(number, str):
                self.holder[number] = item.record_id
        wanted = set(ids)
        self.existing = {rid for rid in self.records if rid in wanted}
        self.touched: dict[str, store.Stored] = {}
        self.versions: list[tuple[Any, ...]] = []

    def server_copy(self, item: store.Stored) -> dict[str, Any] | None:
        if item.deleted or not in_scope(self.user, item.record.get("region_code")):
            return None
        return item.record

    def decide(self, p: _Prepared, ctx: dict[str, Any]) -> dict[str, Any]:
        op, record = p.op, p.record
        current = self.records.get(op.record_id)
        if current is not None and not in_scope(self.user, current.record.get("region_code")):
            region = str(current.record.get("region_code"))
            return _result(op, "forbidden", errors=[_outside(region)])
        if current is not None and current.deleted:
            error = _finding("central.record_voided", ("record_id",), "该记录已被注销，不能再修改")
            return _result(op, "conflict", version=current.version, errors=[error])
        if current is not None and (op.base_version or 0) != current.version:
            error = _finding(
                "central.stale_version",
                ("record_id",),
                f"该记录已在中心更新（版本 {current.version}），请核对后再提交",
            )
            return _result(
                op,
                "conflict",
                version=current.version,
                errors=[error],
                server_record=self.server_copy(current),
            )
        number = record.get("id_number")
        holder_id = self.holder.get(number) if isinstance(number, str) else None
        if holder_id is not None and holder_id != op.record_id:
            holder = self.records[holder_id]
            copy = self.server_copy(holder)
            where = "" if copy is not None else "（在其他地区）"
            error = _finding(
                "central.duplicate_person", ("id_number",), f"该身份证号已有登记记录{where}"
            )
            return _result(
                op, "conflict", version=holder.version, errors=[error], server_record=copy
            )
        return self._accept(p, current, ctx)

    def _accept(
        self, p: _Prepared, current: store.Stored | None, ctx: dict[str, Any]
    ) -> dict[str, Any]:
        op, record, now = p.op, p.record, ctx["now"]
        ctx["seq"] += 1
        version = (current.version if current else 0) + 1
        item = store.Stored(
            record=record,
            version=version,
            seq=ctx["seq"],
            deleted=False,
            created_at=(current.created_at if current else None) or _clamp(op.created_at, now),
            updated_at=_clamp(op.updated_at, now) or now,
            received_at=(current.received_at if current else None) or now,
        )
        if current is not None:
            old = current.record.get("id_number")
            if isinstance(old, str) and self.holder.get(old) == op.record_id:
                del self.holder[old]
        number = record.get("id_number")
        if isinstance(number, str):
            self.holder[number] = op.record_id
        self.records[op.record_id] = item
        self.touched[op.record_id] = item
        # A record_versions row in column order (see insert_tuples).
        self.versions.append(
            (
                op.record_id,
                version,
                ctx["seq"],
                "update" if current else "create",
                op.op_id,
                self.user.username,
                ctx["device_id"],
                ctx["stamp"],
                ctx["rules_version"],
                orjson.dumps(current.record).decode() if current else None,
                orjson.dumps(record).decode(),
            )
        )
        return _result(op, "accepted", version=version)


def _apply(
    conn: Connection,
    user: User,
    request: Envelope,
    parts: list[Callable[[], list[_Prepared]]],
) -> list[dict[str, Any]]:
    """Decide and write the ops, part after part (each part sees what the one before wrote)."""
    last_seq = lock_counter(conn)
    now = utc_now()
    ctx: dict[str, Any] = {
        "seq": last_seq,
        "now": now,
        "stamp": stamper(conn)(now),
        "device_id": request.device_id,
        "rules_version": request.rules_version,
    }
    results: list[dict[str, Any]] = []
    for part in parts:
        prepared = part()
        if prepared:
            results.extend(_apply_part(conn, user, request, prepared, ctx))
    if ctx["seq"] != last_seq:
        store_counter(conn, ctx["seq"])
    return results


def _apply_part(
    conn: Connection,
    user: User,
    request: Envelope,
    prepared: list[_Prepared],
    ctx: dict[str, Any],
) -> list[dict[str, Any]]:
    op_ids = sorted({p.op.op_id for p in prepared})
    earlier: dict[str, tuple[str, dict[str, Any]]] = {}
    for condition in store.among(conn, ops.c.op_id, op_ids):
        query = select(ops.c.op_id, ops.c.username, ops.c.result).where(condition)
        for op_id, username, result in conn.execute(query):
            earlier[op_id] = (username, orjson.loads(result))
    fresh = [p for p in prepared if p.op.op_id not in earlier]
    batch = _Batch(conn, user, fresh)
    stamp = ctx["stamp"]
    results: list[dict[str, Any]] = []
    op_rows: list[tuple[Any, ...]] = []
    for p in prepared:
        if p.op.op_id in earlier:
            owner, first = earlier[p.op.op_id]
            if owner != user.username:
                # Another account's op id: never show its result.
                error = _finding("central.op_id_taken", ("op_id",), "操作编号已被其他账号使用")
                first = _result(p.op, "forbidden", errors=[error])
            results.append(first)
            continue
        result = p.result if p.result is not None else batch.decide(p, ctx)
        earlier[p.op.op_id] = (user.username, result)
        results.append(result)
        op_rows.append(
            (
                p.op.op_id,
                p.op.record_id,
                user.username,
                request.device_id,
                stamp,
                result["status"],
                orjson.dumps(result).decode(),
            )
        )
    extra = {
        "saved_by": user.username,
        "device_id": request.device_id,
        "rules_version": request.rules_version,
    }
    touched = list(batch.touched.values())
    new = [t for t in touched if t.record_id not in batch.existing]
    changed = [t for t in touched if t.record_id in batch.existing]
    store.write(conn, new, changed, extra)
    insert_tuples(conn, record_versions, batch.versions)
    insert_tuples(conn, ops, op_rows)
    return results
