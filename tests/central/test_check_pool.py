"""The check worker: a large push decides the same with it as without it, and survives it."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import Engine, select

from sync.central.accounts import User
from sync.central.check_pool import CheckPool, check_tail
from sync.central.checks import check
from sync.central.db import make_engine, migrate
from sync.central.push import push
from sync.central.push_body import parse_fast
from sync.central.tables import record_versions, records
from tests.central.records import op, push_body, records_in
from tests.helpers.central import CentralProcess

COUNTY = User("county-1", "county", "620102")


@pytest.fixture
def pool() -> Iterator[CheckPool]:
    """A started worker."""
    started = CheckPool(1)
    started.start()
    yield started
    started.close()


def _engine(path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    return engine


def _mixed_body(seed: int) -> bytes:
    """600 ops of every kind a push holds: plain, refused by a rule, in a looser spelling,
    outside the caller's region, an edit of a record made earlier in the same push, a
    second person with an id_number already taken, and an op sent twice."""
    people = records_in(["620102001", "620102002"], 600, seed=seed)
    ops = [op(p) for p in people[:560]]
    ops[30]["record"] = {**ops[30]["record"], "disability_category": 99}  # off its list
    ops[40]["record"] = {**ops[40]["record"], "id_number": ops[40]["record"]["id_number"][:17]}
    looser = ops[500]["record"]
    ops[500]["record"] = {**looser, "id_number": looser["id_number"].replace("X", "x")}
    ops[501]["record"] = {**ops[501]["record"], "phone": " 13912345678 "}
    ops[510]["record"] = {**ops[510]["record"], "region_code": "620201"}  # not the county's
    twin = {**people[0], "record_id": people[560]["record_id"]}  # the same person again
    ops.append(op(twin))
    ops.append(op({**people[10], "address": "改过的地址"}, base_version=1))
    ops.append(dict(ops[5]))  # the same op_id again
    ops.extend(op(p) for p in people[561:598])
    return orjson.dumps(push_body(*ops))


def _stored(engine: Engine) -> tuple[list[Any], list[Any]]:
    with engine.connect() as conn:
        rows = conn.execute(select(records).order_by(records.c.record_id)).all()
        versions = conn.execute(
            select(
                record_versions.c.record_id,
                record_versions.c.version,
                record_versions.c.action,
                record_versions.c.after,
            ).order_by(record_versions.c.record_id, record_versions.c.version)
        ).all()
    skip = {"created_at", "updated_at", "received_at"}
    return [{k: v for k, v in r._mapping.items() if k not in skip} for r in rows], [
        tuple(v) for v in versions
    ]


def test_a_large_push_decides_and_stores_the_same_with_the_worker(
    tmp_path: Path, pool: CheckPool
) -> None:
    raw = _mixed_body(seed=71)
    alone, helped = _engine(tmp_path / "alone.db"), _engine(tmp_path / "helped.db")
    asked: list[float] = []
    learn = pool.learn
    pool.learn = lambda share, head, tail: asked.append(share) or learn(share, head, tail)  # type: ignore[method-assign]
    try:
        envelope = parse_fast(raw)
        assert envelope is not None
        assert len(envelope.ops) == 600
        expected = push(alone, COUNTY, envelope)
        got = push(helped, COUNTY, parse_fast(raw), checks=pool)  # type: ignore[arg-type]
        assert asked, "the worker did not check the tail"
        assert got == expected
        statuses = {r["status"] for r in got["results"]}
        assert statuses == {"accepted", "rejected", "forbidden", "conflict"}
        assert _stored(helped) == _stored(alone)
    finally:
        alone.dispose()
        helped.dispose()


def test_the_worker_answers_what_check_answers_here() -> None:
    raw = _mixed_body(seed=72)
    today = date.today()
    ops = orjson.loads(raw)["ops"]
    for sent, answer in zip(ops[100:], check_tail(raw, 100, today), strict=True):
        here = check(sent["record"], sent["record_id"], today)
        if answer is None:
            assert not here.errors
            assert here.record == sent["record"]
        else:
            assert answer == [here.record, [f.to_dict() for f in here.errors]]


@pytest.mark.allow_warning_logs
def test_a_killed_worker_costs_only_speed(
    tmp_path: Path, pool: CheckPool, caplog: pytest.LogCaptureFixture
) -> None:
    engine = _engine(tmp_path / "c.db")
    try:
        first = orjson.dumps(push_body(*(op(p) for p in records_in(["620102001"], 300, seed=73))))
        assert pool._process is not None
        os.kill(pool._process.pid or 0, signal.SIGKILL)
        pool._process.join(timeout=5)
        answer = push(engine, COUNTY, parse_fast(first), checks=pool)  # type: ignore[arg-type]
        assert [r["status"] for r in answer["results"]] == ["accepted"] * 300
        assert "the check worker failed" in caplog.text
        # The next large push starts a new worker, and the one after uses it.
        second = records_in(["620102002"], 600, seed=74)
        for part in (second[:300], second[300:]):
            body = orjson.dumps(push_body(*(op(p) for p in part)))
            result = push(engine, COUNTY, parse_fast(body), checks=pool)  # type: ignore[arg-type]
            assert {r["status"] for r in result["results"]} == {"accepted"}
            pool.start()
        with engine.connect() as conn:
            assert len(conn.execute(select(records.c.record_id)).all()) == 900
    finally:
        engine.dispose()


def test_the_share_moves_towards_both_sides_finishing_together() -> None:
    shares = CheckPool(1)
    start = shares.head_share
    # Here 30 us an op, there 10 us: both finish together at a quarter here.
    for _ in range(20):
        share = shares.head_share
        shares.learn(share, head_took=share * 1000 * 30e-6, worker_took=(1 - share) * 1000 * 10e-6)
    assert shares.head_share < start
    assert abs(shares.head_share - (0.25 + 0.03)) < 0.01
    shares.learn(0.5, head_took=0.0, worker_took=1.0)  # nonsense is ignored
    assert abs(shares.head_share - 0.28) < 0.01


def test_the_server_starts_the_worker_and_it_ends_with_the_server(tmp_path: Path) -> None:
    server = CentralProcess(
        f"sqlite:///{tmp_path / 'c.sqlite3'}", tmp_path, env={"REALNAME_CENTRAL_CHECK_WORKERS": "1"}
    )
    server.start()
    try:
        assert server.process is not None
        workers = _children(server.process.pid)
        assert len(workers) == 1
        server.create_user("county-1", "county", "620102", "county-pass-1")
        token = server.login("county-1", "county-pass-1")
        people = records_in(["620102001"], 400, seed=75)
        with server.client(token) as client:
            response = client.post("/sync/push", json=push_body(*(op(p) for p in people)))
        assert response.status_code == 200
        assert {r["status"] for r in response.json()["results"]} == {"accepted"}
        server.stop(kill=True)
        deadline = time.monotonic() + 10
        while _alive(workers[0]) and time.monotonic() < deadline:
            time.sleep(0.05)  # polling a real condition: the worker sees its pipe close
        assert not _alive(workers[0])
    finally:
        server.stop()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and "spawn_main" in _cmdline(entry):
                found.append(int(entry.name))
    return found


def _cmdline(entry: Path) -> str:
    try:
        return (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.allow_warning_logs
def test_a_worker_that_cannot_start_leaves_every_check_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from multiprocessing.context import SpawnProcess

    def refuse(self: SpawnProcess) -> None:
        raise OSError("no processes allowed here")

    monkeypatch.setattr(SpawnProcess, "start", refuse)
    checks = CheckPool(1)
    checks.start()
    assert checks.workers == 0
    assert "cannot start" in caplog.text
    engine = _engine(tmp_path / "c.db")
    try:
        body = orjson.dumps(push_body(*(op(p) for p in records_in(["620102001"], 250, seed=76))))
        answer = push(engine, COUNTY, parse_fast(body), checks=checks)  # type: ignore[arg-type]
        assert {r["status"] for r in answer["results"]} == {"accepted"}
    finally:
        engine.dispose()
        checks.close()


def test_a_push_that_fails_before_its_tail_leaves_the_worker_free(
    tmp_path: Path, pool: CheckPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sync.central import push as push_module

    engine = _engine(tmp_path / "c.db")
    writes = push_module._apply_part
    failing = [True]

    def head_fails(*args: Any, **kwargs: Any) -> Any:
        if failing.pop() if failing else False:
            raise RuntimeError("the disk is full")
        return writes(*args, **kwargs)

    monkeypatch.setattr(push_module, "_apply_part", head_fails)
    answered: list[float] = []
    learn = pool.learn
    monkeypatch.setattr(pool, "learn", lambda s, h, t: answered.append(s) or learn(s, h, t))
    try:
        people = records_in(["620102003"], 600, seed=77)
        first = orjson.dumps(push_body(*(op(p) for p in people[:300])))
        with pytest.raises(RuntimeError):
            push(engine, COUNTY, parse_fast(first), checks=pool)  # type: ignore[arg-type]
        assert answered  # its tail's answer was taken all the same
        second = orjson.dumps(push_body(*(op(p) for p in people[300:])))
        result = push(engine, COUNTY, parse_fast(second), checks=pool)  # type: ignore[arg-type]
        assert {r["status"] for r in result["results"]} == {"accepted"}
        assert len(answered) == 2  # the worker checked the next push's tail
    finally:
        engine.dispose()
