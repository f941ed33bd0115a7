"""The queue's states without a network: batches, answers, edits in flight, pulled changes."""

from __future__ import annotations

from typing import Any

from desktop.store import outbox, pulling
from desktop.store.session import Account
from sync.contract.protocol import Change, PushResult
from tests.helpers.client import unique_samples


def answer(op: Any, status: str, version: int | None = 1, **extra: Any) -> PushResult:
    return PushResult(
        op_id=op.op_id, record_id=op.record_id, status=status, version=version, **extra
    )


def test_accepted_rejected_and_forbidden_answers(account: Account) -> None:
    registry = account.registry
    records = unique_samples(3, seed=61)
    registry.save_many(records)
    batch = outbox.take_batch(account.engine, 10, 1 << 20)
    assert registry.status_counts()["syncing"] == 3
    error = {"rule_id": "R-X", "severity": "error", "fields": ["phone"], "message": "电话不对"}
    tally = outbox.apply_results(
        account.engine,
        batch,
        [
            answer(batch[0], "accepted", 1),
            answer(batch[1], "rejected", None, errors=[error]),
            answer(batch[2], "forbidden", None, errors=[{**error, "fields": ["region_code"]}]),
        ],
    )
    assert (tally.accepted, tally.rejected) == (1, 2)
    assert registry.get(batch[0].record_id).state == "synced"
    assert registry.get(batch[0].record_id).version == 1
    rejected = registry.get(batch[1].record_id)
    assert rejected.state == "rejected"
    assert rejected.findings[0].message == "电话不对"
    # Rejected ones wait in the queue with their reasons and are not sent again as they are.
    assert [e.record_id for e in registry.queue()] == [batch[1].record_id, batch[2].record_id]
    assert outbox.take_batch(account.engine, 10, 1 << 20) == []


def test_an_edit_while_syncing_stays_pending_on_top_of_the_accepted_version(
    account: Account,
) -> None:
    registry = account.registry
    record = unique_samples(1, seed=62)[0]
    registry.save_record(record)
    [sent] = outbox.take_batch(account.engine, 10, 1 << 20)
    assert (registry.status_counts()["syncing"], registry.status_counts()["pending"]) == (1, 0)
    registry.save_record({**record, "employer": "新单位"})  # the worker edits meanwhile
    # The edit is a new op, not the one on its way: pending, not syncing.
    assert (registry.status_counts()["syncing"], registry.status_counts()["pending"]) == (0, 1)
    assert registry.get(record["record_id"]).state == "pending"
    tally = outbox.apply_results(account.engine, [sent], [answer(sent, "accepted", 1)])
    assert tally.superseded == 1
    held = registry.get(record["record_id"])
    assert (held.state, held.version, held.record["employer"]) == ("pending", 1, "新单位")
    [again] = outbox.take_batch(account.engine, 10, 1 << 20)
    assert again.base_version == 1
    assert again.op_id != sent.op_id


def test_an_unanswered_batch_goes_back_with_the_same_op_ids(account: Account) -> None:
    account.registry.save_many(unique_samples(4, seed=63))
    first = outbox.take_batch(account.engine, 2, 1 << 20)
    assert len(first) == 2
    outbox.release(account.engine, [])  # nothing to put back: no statement, no error
    assert outbox.reset_in_flight(account.engine) == 2  # as the next run after a crash does
    again = outbox.take_batch(account.engine, 10, 1 << 20)
    assert len(again) == 4
    resent = {
        op.record_id: op.op_id for op in again if op.record_id in {o.record_id for o in first}
    }
    assert resent == {op.record_id: op.op_id for op in first}


def test_an_op_carries_its_save_times_to_the_second_in_utc(account: Account) -> None:
    record = unique_samples(1, seed=66)[0]
    account.registry.save_record(record)
    with account.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE records SET created_at = '2026-03-01 07:08:09.123456', "
            "updated_at = '2026-03-02T10:00:00+08:00'"
        )
    [op] = outbox.take_batch(account.engine, 10, 1 << 20)
    assert (op.created_at, op.updated_at) == ("2026-03-01T07:08:09Z", "2026-03-02T02:00:00Z")


def test_batches_are_bounded_by_bytes(account: Account) -> None:
    account.registry.save_many(unique_samples(10, seed=64))
    queued = outbox.take_batch(account.engine, 100, 1 << 30)
    assert len(queued) == 10
    assert outbox.reset_in_flight(account.engine) == 10
    sizes = [len(op.record_json) for op in queued]
    # Room for the first three ops and ten bytes more: the fourth does not fit.
    batch = outbox.take_batch(account.engine, 100, sum(sizes[:3]) + 10)
    assert [op.record_id for op in batch] == [op.record_id for op in queued[:3]]
    # The first op goes even when it alone is larger than the bound.
    assert outbox.reset_in_flight(account.engine) == 3
    [alone] = outbox.take_batch(account.engine, 100, 1)
    assert alone.record_id == queued[0].record_id


def test_a_pull_replaces_synced_records_and_merges_into_pending_ones(account: Account) -> None:
    registry = account.registry
    a, b = unique_samples(2, seed=65)
    registry.save_many([a, b])
    batch = outbox.take_batch(account.engine, 10, 1 << 20)
    outbox.apply_results(account.engine, batch, [answer(op, "accepted", 1) for op in batch])
    registry.save_record({**b, "phone": "13912345678"})  # b has local work now

    remote_a = {**a, "employer": "中心改的"}
    remote_b = {**b, "employer": "中心改的", "phone": "13700000000"}
    changes = [
        Change(record_id=a["record_id"], version=2, seq=10, record=remote_a),
        Change(record_id=b["record_id"], version=2, seq=11, record=remote_b),
    ]
    tally = pulling.apply_changes(account.engine, changes, "cursor-11")
    assert (tally.applied, tally.merged, tally.conflicts) == (2, 1, 1)
    assert registry.get(a["record_id"]).record["employer"] == "中心改的"
    assert registry.get(a["record_id"]).state == "synced"
    held = registry.get(b["record_id"])
    assert held.state == "conflict"
    assert held.record["phone"] == "13912345678"  # the local value stays in the record
    assert held.conflicts["phone"].remote == "13700000000"
    assert held.record["employer"] == "中心改的"  # only the centre changed it
    assert registry.settings.get(pulling.CURSOR_KEY) == "cursor-11"
    # The same page again (a retried pull) changes nothing.
    again = pulling.apply_changes(account.engine, changes, "cursor-11")
    assert again.applied == 0


def test_a_pull_brings_new_records_and_skips_unknown_tombstones(account: Account) -> None:
    [c] = unique_samples(1, seed=66)
    changes = [
        Change(record_id=c["record_id"], version=3, seq=1, record=c),
        Change(record_id="gone", version=2, seq=2, record=None, deleted=True),
    ]
    pulling.apply_changes(account.engine, changes, "c2")
    assert account.registry.count() == 1
    got = account.registry.get(c["record_id"])
    assert (got.state, got.version, got.record) == ("synced", 3, c)


def test_a_save_during_a_sync_write_is_never_lost(account: Account) -> None:
    """Saves and pull pages race on two threads; every save survives (BEGIN IMMEDIATE)."""
    import threading

    registry = account.registry
    records = unique_samples(60, seed=67)
    registry.save_many(records)
    batch = outbox.take_batch(account.engine, 100, 1 << 20)
    outbox.apply_results(account.engine, batch, [answer(op, "accepted", 1) for op in batch])
    failures: list[BaseException] = []

    def pull_pages() -> None:
        try:
            for version in range(2, 12):
                changes = [
                    Change(record_id=r["record_id"], version=version, seq=version, record=r)
                    for r in records
                ]
                pulling.apply_changes(account.engine, changes, f"c{version}")
        except BaseException as exc:  # reported below
            failures.append(exc)

    puller = threading.Thread(target=pull_pages)
    puller.start()
    for r in records:
        registry.save_record({**r, "employer": "本机编辑"})
    puller.join()
    assert failures == []
    for r in records:
        assert registry.get(r["record_id"]).record["employer"] == "本机编辑"
