"""The check worker: a large push decides the same with it as without it, and survives it."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import Engine, select

from desktop.store import Synchronizer
from sync.central.accounts import User
from sync.central.check_pool import CheckPool, check_one, check_tail
from sync.central.checks import check
from sync.central.db import make_engine, migrate
from sync.central.push import push
from sync.central.push_body import parse_fast
from sync.central.tables import record_versions, records
from tests.central.records import op, push_body, records_in
from tests.helpers.central import CentralProcess
from tests.helpers.client import (
    FAST,
    PASSWORD,
    KeyringFile,
    centre_counts,
    device,
    unique_samples,
)

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
    asked = _answers_counted(pool)
    try:
        envelope = parse_fast(raw)
        assert envelope is not None
        assert len(envelope.ops) == 600
        expected = push(alone, COUNTY, envelope)
        got = push(helped, COUNTY, parse_fast(raw), checks=pool)  # type: ignore[arg-type]
        assert sum(asked) > 0, "the worker checked none of the ops"
        assert got == expected
        statuses = {r["status"] for r in got["results"]}
        assert statuses == {"accepted", "rejected", "forbidden", "conflict"}
        assert _stored(helped) == _stored(alone)
    finally:
        alone.dispose()
        helped.dispose()


def _answers_counted(pool: CheckPool) -> list[int]:
    """The number of ops of each answer the worker gives, as the pool reads them."""
    counts: list[int] = []
    read = pool._answer

    def counted(conn: Any, ticket: int) -> Any:
        answer = read(conn, ticket)
        if answer is not None:
            counts.append(len(answer["checks"]))
        return answer

    pool._answer = counted  # type: ignore[method-assign]
    return counts


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
    # The worker stops at the first op the server has taken.
    assert check_tail(raw, 100, today, lambda i: i >= 350) == check_tail(raw, 100, today)[:250]
    assert check_tail(b"not even json", 100, today, lambda i: i >= 100) == []


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
        head = round(shares.head_share * 1000)
        shares.learn(head, head * 30e-6, 1000 - head, (1000 - head) * 10e-6)
    assert shares.head_share < start
    assert abs(shares.head_share - (0.25 + 0.03)) < 0.01
    shares.learn(500, 0.0, 500, 1.0)  # nonsense is ignored
    shares.learn(0, 1.0, 500, 1.0)
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
    answered = _answers_counted(pool)
    worker = _pid(pool)
    try:
        people = records_in(["620102003"], 600, seed=77)
        first = orjson.dumps(push_body(*(op(p) for p in people[:300])))
        with pytest.raises(RuntimeError):
            push(engine, COUNTY, parse_fast(first), checks=pool)  # type: ignore[arg-type]
        assert answered == []  # nobody waited for its answer
        second = orjson.dumps(push_body(*(op(p) for p in people[300:])))
        result = push(engine, COUNTY, parse_fast(second), checks=pool)  # type: ignore[arg-type]
        assert {r["status"] for r in result["results"]} == {"accepted"}
        # The first push's answer is dropped as it comes, and the same worker goes on.
        assert len(answered) <= 1
        _drain(pool)
        assert pool._stash == {}
        assert pool._abandoned == set()
        assert _pid(pool) == worker
    finally:
        engine.dispose()


def _pid(pool: CheckPool) -> int:
    """The worker's process id."""
    assert pool._process is not None
    assert pool._process.pid is not None
    return pool._process.pid


@contextmanager
def _stopped(pool: CheckPool) -> Iterator[int]:
    """The worker stopped (SIGSTOP) for the block, as a stuck one would be; its pid."""
    pid = _pid(pool)
    os.kill(pid, signal.SIGSTOP)
    try:
        yield pid
    finally:
        if _alive(pid):
            os.kill(pid, signal.SIGCONT)


def _drain(pool: CheckPool) -> None:
    """Read the worker's answers until every request it had is answered."""
    deadline = time.monotonic() + 10
    while pool._waiting and time.monotonic() < deadline:
        assert pool._conn is not None
        pool._conn.poll(0.05)  # waiting for a real event: the worker's next answer
        pool._answer(pool._conn, -1)
    assert not pool._waiting


def _tail_body(seed: int, n: int = 400) -> bytes:
    """``n`` ops whose checks differ by position (a looser phone every 7th, a category off
    its list every 11th), so answers put in the wrong place or order show."""
    ops = [op(p) for p in records_in(["620102001"], n, seed=seed)]
    for i, item in enumerate(ops):
        if i % 7 == 0:
            item["record"] = {**item["record"], "phone": f" 1391234{i:04d} "}
        if i % 11 == 0:
            item["record"] = {**item["record"], "disability_category": 99}
    return orjson.dumps(push_body(*ops))


def _check_here(raw: bytes, start: int, calls: list[int]) -> Any:
    ops = orjson.loads(raw)["ops"]
    today = date.today()

    def check_here(index: int) -> Any:
        calls.append(index)
        sent = ops[start + index]
        return check_one(sent["record"], sent["record_id"], today)

    return check_here


def test_a_stopped_worker_never_makes_a_push_wait(pool: CheckPool) -> None:
    raw = _tail_body(seed=78)
    today = date.today()
    with _stopped(pool):
        tail = pool.submit(raw, 100, 300, today)
        assert tail is not None
        calls: list[int] = []
        began = time.monotonic()
        checks = tail.answers(_check_here(raw, 100, calls))
        assert time.monotonic() - began < 30  # far below the worker's answer timeout
        # Every op was checked here, from the last one back.
        assert calls == list(range(299, -1, -1))
        assert checks == check_tail(raw, 100, today)
    # Woken, the worker finds every op taken and answers nothing; that answer is dropped.
    _drain(pool)
    assert pool._stash == {}
    assert pool._abandoned == set()
    answered = _answers_counted(pool)
    tail = pool.submit(raw, 0, 400, today)
    assert tail is not None
    _wait_for_answer(pool)
    calls.clear()
    assert tail.answers(_check_here(raw, 0, calls)) == check_tail(raw, 0, today)
    assert calls == []
    assert answered == [400]


def _wait_for_answer(pool: CheckPool) -> None:
    assert pool._conn is not None
    assert pool._conn.poll(10)  # waiting for a real event: the worker's answer


def test_the_worker_stops_where_this_process_has_checked_from_the_back(pool: CheckPool) -> None:
    raw = _tail_body(seed=79)
    today = date.today()
    calls: list[int] = []
    here = _check_here(raw, 50, calls)

    def slowly(index: int) -> Any:
        # Ten ops are taken here while the worker sleeps; then it wakes and checks the
        # rest while this side takes one op every 20 ms.
        if len(calls) == 10:
            os.kill(_pid(pool), signal.SIGCONT)
        if len(calls) >= 10:
            time.sleep(0.02)
        return here(index)

    with _stopped(pool):
        tail = pool.submit(raw, 50, 350, today)
        assert tail is not None
        answered = _answers_counted(pool)
        checks = tail.answers(slowly)
    assert checks == check_tail(raw, 50, today)
    assert 10 < len(calls) < 350
    assert calls == list(range(349, 349 - len(calls), -1))
    # The worker checked the rest and stopped at the claim (at most one op checked twice).
    assert len(answered) == 1
    assert 350 - len(calls) <= answered[0] <= 350 - len(calls) + 1


def test_requests_queue_at_the_worker_and_each_push_gets_its_own_answer(
    pool: CheckPool,
) -> None:
    first, second = _tail_body(seed=80, n=300), _tail_body(seed=81, n=500)
    today = date.today()
    one = pool.submit(first, 0, 300, today)
    two = pool.submit(second, 100, 400, today)
    assert one is not None
    assert two is not None
    answered = _answers_counted(pool)
    _drain_into_stash(pool, 2)
    calls: list[int] = []
    # The second push reads first, so it reads (and keeps) the first one's answer too.
    assert two.answers(_check_here(second, 100, calls)) == check_tail(second, 100, today)
    assert one.answers(_check_here(first, 0, calls)) == check_tail(first, 0, today)
    assert calls == []
    assert answered == [400, 300]
    assert pool._stash == {}


def _drain_into_stash(pool: CheckPool, answers: int) -> None:
    """Wait until the worker has answered ``answers`` requests (read into the stash)."""
    deadline = time.monotonic() + 10
    while len(pool._stash) < answers and time.monotonic() < deadline:
        _wait_for_answer(pool)
        pool._answer(pool._conn, -1)  # type: ignore[arg-type]
    assert len(pool._stash) == answers


def test_the_worker_skips_a_request_older_than_the_push_being_written(pool: CheckPool) -> None:
    older, newer = _tail_body(seed=87, n=300), _tail_body(seed=88, n=300)
    today = date.today()
    worker = _pid(pool)
    calls: list[int] = []
    with _stopped(pool):
        first = pool.submit(older, 0, 300, today)
        second = pool.submit(newer, 0, 300, today)
        assert first is not None
        assert second is not None
        # The later push got the lock first and checked everything itself.
        assert second.answers(_check_here(newer, 0, calls)) == check_tail(newer, 0, today)
    assert len(calls) == 300
    answered = _answers_counted(pool)
    _drain_into_stash(pool, 1)
    # Woken, the worker passed over the older request too; its push checks it here.
    calls.clear()
    assert first.answers(_check_here(older, 0, calls)) == check_tail(older, 0, today)
    assert answered == [0]
    assert calls == list(range(300))
    assert _pid(pool) == worker  # a short answer is no failure


@pytest.mark.allow_warning_logs
def test_a_stuck_worker_is_replaced(
    pool: CheckPool, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from sync.central import check_pool

    raw = _tail_body(seed=82, n=200)
    today = date.today()
    with _stopped(pool) as stuck:
        tail = pool.submit(raw, 0, 200, today)
        assert tail is not None
        assert tail.answers(_check_here(raw, 0, [])) == check_tail(raw, 0, today)
        monkeypatch.setattr(check_pool, "_ANSWER_TIMEOUT_S", 0.0)
        assert pool.submit(raw, 0, 200, today) is None  # unanswered too long: stopped
        assert "the check worker failed" in caplog.text
        assert not _alive(stuck)
    monkeypatch.setattr(check_pool, "_ANSWER_TIMEOUT_S", 60.0)
    pool.start()
    assert _pid(pool) != stuck
    tail = pool.submit(raw, 0, 200, today)
    assert tail is not None
    _wait_for_answer(pool)
    assert tail.answers(_check_here(raw, 0, [])) == check_tail(raw, 0, today)


def test_a_push_that_will_wait_for_another_leaves_all_its_checks_to_the_worker(
    tmp_path: Path, pool: CheckPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sync.central import push as push_module

    engine = _engine(tmp_path / "c.db")
    starts: list[int] = []
    submit = pool.submit

    def recorded(raw: bytes, start: int, count: int, today: date) -> Any:
        starts.append(start)
        return submit(raw, start, count, today)

    monkeypatch.setattr(pool, "submit", recorded)
    try:
        first, second = _tail_body(seed=83, n=300), _tail_body(seed=84, n=300)
        assert push(engine, COUNTY, parse_fast(first), checks=pool)  # type: ignore[arg-type]
        with push_module._ONE_AT_A_TIME:  # another push is being written
            waiting = threading.Thread(
                target=push,
                args=(engine, COUNTY, parse_fast(second)),
                kwargs={"checks": pool},
            )
            waiting.start()
            deadline = time.monotonic() + 10
            while len(starts) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)  # polling a real condition: the second push has submitted
        waiting.join(timeout=30)
        assert not waiting.is_alive()
        assert starts[0] > 0  # alone: it checked a head itself
        assert starts[1] == 0  # it had to wait: the worker got every op
        refused = len(range(0, 300, 11))  # a category off its list (see _tail_body)
        with engine.connect() as conn:
            assert len(conn.execute(select(records.c.record_id)).all()) == 2 * (300 - refused)
    finally:
        engine.dispose()


def test_a_laptop_pushing_batch_after_batch_through_the_worker_loses_and_doubles_nothing(
    tmp_path: Path, test_keyring: KeyringFile
) -> None:
    # Two batches on their way at a time: each push waits for the one before it, so its
    # checks queue at the worker and the server takes over from the back when it is late.
    server = CentralProcess(
        f"sqlite:///{tmp_path / 'c.sqlite3'}", tmp_path, env={"REALNAME_CENTRAL_CHECK_WORKERS": "1"}
    )
    server.start()
    try:
        server.create_user("county1", "county", "620102", PASSWORD)
        laptop = device(server, tmp_path / "laptop")
        mine = unique_samples(2400, seed=85)
        elsewhere = unique_samples(100, seed=86, region="620201")  # not this county's
        laptop.registry.save_many(mine[:1200] + elsewhere + mine[1200:])
        with laptop.client(FAST) as client:
            tally = Synchronizer(laptop.registry, client, batch_ops=250).push()
        assert (tally.accepted, tally.rejected, tally.conflicts) == (2400, 100, 0)
        counts = laptop.registry.status_counts()
        assert (counts["synced"], counts["rejected"], counts["pending"]) == (2400, 100, 0)
        laptop.close()
        assert centre_counts(server) == (2400, 2400, 0)
    finally:
        server.stop()
