"""Real client against the real central endpoint on 127.0.0.1: push, pull, conflicts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop.store import Account, Synchronizer
from desktop.store.syncing import Progress
from sync.contract.samples import sample_records
from tests.helpers.central import CentralProcess
from tests.helpers.client import (
    FAST,
    PASSWORD,
    KeyringFile,
    centre_counts,
    device,
    sync,
    unique_samples,
)


def _one_record_on_two_laptops(
    centre: CentralProcess, tmp_path: Path, seed: int
) -> tuple[Account, Account, dict[str, Any]]:
    """Two laptops of county1, both holding one record synced from the first."""
    first = device(centre, tmp_path / "laptop1")
    record = sample_records(1, seed=seed, region_codes=["620102"])[0]
    first.registry.save_record(record)
    sync(first)
    second = device(centre, tmp_path / "laptop2")
    sync(second)
    return first, second, record


@pytest.mark.slow
def test_ten_thousand_records_round_trip_to_a_second_device(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    first = device(centre, tmp_path / "laptop1")
    records = unique_samples(10_000, seed=4)
    assert {r.state for r in first.registry.save_many(records)} == {"pending"}
    progress: list[int] = []
    report = sync(first, progress=lambda p: progress.append(p.records_done))
    assert report.push.accepted == 10_000
    assert first.registry.status_counts()["synced"] == 10_000
    assert progress[-1] == 10_000
    assert centre_counts(centre) == (10_000, 10_000, 0)

    second = device(centre, tmp_path / "laptop2")
    sync(second)
    assert second.registry.status_counts()["synced"] == 10_000
    for r in records[:50]:
        got = second.registry.get(r["record_id"]).record
        assert got == first.registry.get(r["record_id"]).record
    first.close()
    second.close()


def test_push_progress_counts_every_record_and_byte_it_sends(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    laptop = device(centre, tmp_path / "laptop")
    try:
        # Records of another county: the centre refuses them, and they wait in the queue
        # for the worker to correct them; a push does not send them again.
        elsewhere = unique_samples(5, seed=9, region="620201")
        laptop.registry.save_many(elsewhere)
        assert sync(laptop).push.rejected == 5
        records = unique_samples(300, seed=10)
        laptop.registry.save_many(records)
        with laptop.engine.connect() as conn:
            docs = conn.execute(
                text(
                    "SELECT d.doc FROM record_docs d JOIN records r USING (record_id) "
                    "WHERE r.state = 'pending'"
                )
            ).scalars()
            queued_bytes = sum(len(doc.encode()) for doc in docs)
        seen: list[Progress] = []
        report = sync(laptop, progress=seen.append, batch_ops=100)
        assert report.push.accepted == 300
        pushed = [p for p in seen if p.phase == "push"]
        # Exact from the first report on: the names and addresses are Chinese, so bytes
        # and characters differ.
        assert {(p.records_total, p.bytes_total) for p in pushed} == {(300, queued_bytes)}
        assert (pushed[-1].records_done, pushed[-1].bytes_done) == (300, queued_bytes)
        assert laptop.registry.status_counts()["rejected"] == 5
    finally:
        laptop.close()


def test_two_devices_edit_one_field_and_the_worker_keeps_both_values(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    first, second, record = _one_record_on_two_laptops(centre, tmp_path, seed=8)
    rid = record["record_id"]

    first.registry.save_record({**record, "employer": "甲公司", "village": "东村"})
    second.registry.save_record({**record, "employer": "乙公司", "address": "新地址"})
    sync(first)
    sync(second)  # its push meets the first laptop's version: a conflict, merged field by field

    held = second.registry.get(rid)
    assert held.state == "conflict"
    assert set(held.conflicts) == {"employer"}
    assert (held.conflicts["employer"].local, held.conflicts["employer"].remote) == (
        "乙公司",
        "甲公司",
    )
    assert held.record["village"] == "东村"  # only the first laptop changed it
    assert held.record["address"] == "新地址"  # only the second laptop changed it
    assert [c.record_id for c in second.registry.conflicts()] == [rid]

    second.registry.resolve_conflict(rid, {"employer": "remote"})
    sync(second)
    sync(first)
    for laptop in (first, second):
        final = laptop.registry.get(rid)
        assert final.state == "synced"
        assert final.record["employer"] == "甲公司"
        assert final.record["address"] == "新地址"
        assert final.record["village"] == "东村"
    first.close()
    second.close()


def test_a_pull_merges_into_a_pending_record_without_overwriting_it(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    first, second, record = _one_record_on_two_laptops(centre, tmp_path, seed=11)
    first.registry.save_record({**record, "employer": "甲公司"})
    sync(first)
    second.registry.save_record({**record, "phone": "13912345678"})
    with second.client(FAST) as client:
        Synchronizer(second.registry, client).pull()
    held = second.registry.get(record["record_id"])
    assert held.state == "pending"
    assert held.record["phone"] == "13912345678"
    assert held.record["employer"] == "甲公司"
    sync(second)
    assert second.registry.get(record["record_id"]).state == "synced"
    assert centre_counts(centre)[0] == 1
    first.close()
    second.close()


def test_a_second_account_sees_only_its_scope_and_switching_keeps_unsynced_data(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    centre.create_user("county2", "county", "620103", PASSWORD)
    root = tmp_path / "shared-laptop"
    first = device(centre, root, "county1")
    mine, unsynced = unique_samples(3, seed=2), unique_samples(1, seed=3)[0]
    first.registry.save_many(mine)
    sync(first)
    first.registry.save_record(unsynced)
    first.close()

    other = device(centre, root, "county2")
    sync(other)
    assert other.registry.count() == 0
    other.close()

    back = device(centre, root, "county1")
    assert back.registry.get(unsynced["record_id"]).state == "pending"
    assert back.registry.count() == 4
    back.close()
