"""``POST /sync/push``: each op stands alone; a replayed op_id returns its first result.

First, with no lock held, every op is checked on its own (:func:`_prepare`): a time out of
bounds rejects it (see :mod:`sync.central.push_body`); its record is normalised and judged
by the rules (:func:`sync.central.checks.check`); and the region of the normalised record,
the one the centre would store, must lie in the caller's scope. Then one write transaction
takes the sequence lock (:mod:`sync.central.sequence`), looks up replays, current versions
and the holders of each (id_number, survey year) in bulk (one live record per person and
year: :mod:`sync.contract.rounds`), decides every op in order (a later op may edit what an
earlier one in the batch created; the stored record's region must be in scope too), and
writes the records, their history, the op results and the counter in bulk. The audit trail
names the device the caller's token was issued to, not the one the body claims.

The ``ops`` primary key is the database's guarantee that an op is applied once; should a
concurrent writer win that or the race for a person's year anyway, the transaction is retried
and then finds the winner's row.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from sync.central import stored as store
from sync.central.accounts import User
from sync.central.bulk import insert_tuples, stamper
from sync.central.checks import check, rules_version
from sync.central.clock import as_utc, utc_now
from sync.central.db import write_transaction
from sync.central.problems import Problem
from sync.central.push_body import EARLIEST, LATEST, Envelope, Op
from sync.central.scope import in_scope, regions
from sync.central.sequence import lock_counter, store_counter
from sync.central.tables import ops, record_versions
from sync.contract.rounds import person_year

log = logging.getLogger(__name__)


class Busy(Problem):
    """Concurrent writers kept winning; the client should retry."""

    status = 503


def _finding(rule_id: str, fields: tuple[str, ...], message: str) -> dict[str, Any]:
    return {"rule_id": rule_id, "severity": "error", "fields": list(fields), "message": message}


# A refusal names no region: the caller may not learn where another county's people are.
_OUTSIDE = _finding("central.out_of_scope", ("region_code",), "该记录不在本账号的管辖范围内")


@dataclass(slots=True)
class _Prepared:
    op: Op
    result: dict[str, Any] | None  # decided before the lock: rejected or forbidden
    record: dict[str, Any] = field(default_factory=dict)  # normalised: what is stored
    key: tuple[str, int] | None = None  # its (id_number, survey year): see person_year


def _prepare(user: User, op: Op, today: date) -> _Prepared:
    """Check one op with no lock held: its times, its rules, and its region's scope."""
    if op.out_of_range is not None:
        error = _finding(
            "central.time_out_of_range",
            (op.out_of_range,),
            f"{op.out_of_range}：时间须在 {EARLIEST.year} 年至 {LATEST.year - 1} 年之间",
        )
        return _Prepared(op, _result(op, "rejected", errors=[error]))
    checked = check(op.record, op.record_id, today)
    region = checked.record.get("region_code")
    known = isinstance(region, str) and region in regions()
    # A known region outside the scope is refused before the rules speak; any region the
    # rules let pass must be in scope too.
    if not in_scope(user, region) and (known or not checked.errors):
        return _Prepared(op, _result(op, "forbidden", errors=[_OUTSIDE]), checked.record)
    if checked.errors:
        errors = [f.to_dict() for f in checked.errors]
        return _Prepared(op, _result(op, "rejected", errors=errors), checked.record)
    return _Prepared(op, None, checked.record, person_year(checked.record))


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


@dataclass(frozen=True, slots=True)
class Pushed:
    """A push's answer: the response body, and the results given for the first time (a
    replayed op's result, answered again, is not among them: the metrics count these)."""

    body: dict[str, Any]
    first: list[dict[str, Any]]


def push(engine: Engine, user: User, request: Envelope, *, retries: int = 3) -> Pushed:
    """Apply a push; its body holds the ``results`` in op order."""
    today = date.today()
    prepared = [_prepare(user, op, today) for op in request.ops]
    for attempt in range(retries):
        try:
            with write_transaction(engine) as conn:
                results, fresh = _apply(conn, user, request, prepared)
            return Pushed({"results": results, "rules_version": rules_version()}, fresh)
        except IntegrityError:
            log.info("push lost a race to a concurrent writer (attempt %d)", attempt + 1)
    raise Busy("the database is busy with concurrent changes; retry the push")


def _clamp(value: datetime | None, limit: datetime) -> datetime | None:
    value = as_utc(value)
    return value if value is None or value < limit else limit


class _Batch:
    """The state one push decides against: stored records, the live record holding each
    (id_number, survey year), new rows."""

    def __init__(
        self, conn: Connection, user: User, prepared: list[_Prepared], ctx: dict[str, Any]
    ) -> None:
        live = [p for p in prepared if p.result is None]
        ids = [p.op.record_id for p in live]
        numbers = [p.key[0] for p in live if p.key is not None]
        self.user, self.ctx = user, ctx
        self.records: dict[str, store.Stored] = {}
        self.holder: dict[tuple[str, int], str] = {}
        # Stored rows the centre cannot read: never overwritten, never shown.
        self.unreadable: dict[str, store.Unreadable] = {}
        for item in store.load(conn, ids, numbers, self.unreadable):
            self.records[item.record_id] = item
            key = person_year(item.record)
            if not item.deleted and key is not None:
                self.holder[key] = item.record_id
        for record_id, row in self.unreadable.items():
            if row.person_year is not None:
                self.holder[row.person_year] = record_id
        wanted = set(ids)
        self.existing = {rid for rid in self.records if rid in wanted}
        self.touched: dict[str, store.Stored] = {}
        self.versions: list[tuple[Any, ...]] = []

    def server_copy(self, item: store.Stored) -> dict[str, Any] | None:
        if item.deleted or not in_scope(self.user, item.record.get("region_code")):
            return None
        return item.record

    def decide(self, p: _Prepared) -> dict[str, Any]:
        op = p.op
        if op.record_id in self.unreadable:
            if not in_scope(self.user, self.unreadable[op.record_id].region_code):
                return _result(op, "forbidden", errors=[_OUTSIDE])
            error = _finding(
                "central.unreadable", ("record_id",), "该记录在中心的数据无法读取，请联系管理员"
            )
            return _result(op, "conflict", errors=[error])
        current = self.records.get(op.record_id)
        if current is not None and not in_scope(self.user, current.record.get("region_code")):
            return _result(op, "forbidden", errors=[_OUTSIDE])
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
        key = p.key
        holder_id = self.holder.get(key) if key is not None else None
        if key is not None and holder_id is not None and holder_id != op.record_id:
            holder = self.records.get(holder_id)
            copy = None if holder is None else self.server_copy(holder)
            where = "（在其他地区）" if holder is not None and copy is None else ""
            error = _finding(
                "central.duplicate_person",
                ("id_number",),
                f"该身份证号 {key[1]} 年已有调查记录{where}",
            )
            version = None if holder is None else holder.version
            return _result(op, "conflict", version=version, errors=[error], server_record=copy)
        return self._accept(p, current)

    def _accept(self, p: _Prepared, current: store.Stored | None) -> dict[str, Any]:
        op, record, ctx = p.op, p.record, self.ctx
        now = ctx["now"]
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
            old = person_year(current.record)
            if old is not None and self.holder.get(old) == op.record_id:
                del self.holder[old]
        if p.key is not None:
            self.holder[p.key] = op.record_id
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
                self.user.device_id,
                ctx["stamp"],
                ctx["rules_version"],
                orjson.dumps(current.record).decode() if current else None,
                orjson.dumps(record).decode(),
            )
        )
        return _result(op, "accepted", version=version)


def _apply(
    conn: Connection, user: User, request: Envelope, prepared: list[_Prepared]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Under the sequence lock: decide every op in order and write the outcome in bulk.
    Returns every op's result, and those given for the first time (see :class:`Pushed`)."""
    last_seq = lock_counter(conn)
    now = utc_now()
    stamp = stamper(conn)(now)
    ctx: dict[str, Any] = {
        "seq": last_seq,
        "now": now,
        "stamp": stamp,
        "rules_version": request.rules_version,
    }
    op_ids = sorted({p.op.op_id for p in prepared})
    earlier: dict[str, tuple[str, dict[str, Any]]] = {}
    for op_id, username, result in store.find(
        conn, ops, ("op_id", "username", "result"), "op_id", op_ids
    ):
        earlier[op_id] = (username, orjson.loads(result))
    batch = _Batch(conn, user, [p for p in prepared if p.op.op_id not in earlier], ctx)
    results: list[dict[str, Any]] = []
    fresh: list[dict[str, Any]] = []  # the results given for the first time
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
        result = p.result if p.result is not None else batch.decide(p)
        earlier[p.op.op_id] = (user.username, result)
        results.append(result)
        fresh.append(result)
        op_rows.append(
            (
                p.op.op_id,
                p.op.record_id,
                user.username,
                user.device_id,
                stamp,
                result["status"],
                orjson.dumps(result).decode(),
            )
        )
    extra = {
        "saved_by": user.username,
        "device_id": user.device_id,
        "rules_version": request.rules_version,
    }
    touched = batch.touched.items()
    store.write(
        conn,
        [item for record_id, item in touched if record_id not in batch.existing],
        [item for record_id, item in touched if record_id in batch.existing],
        extra,
    )
    insert_tuples(conn, record_versions, batch.versions)
    insert_tuples(conn, ops, op_rows)
    if ctx["seq"] != last_seq:
        store_counter(conn, ctx["seq"])
    return results, fresh
