"""The save rule, the same on every path: a record is queued exactly when it is complete and
breaks no rule, else kept as a draft out of the queue (desktop.store.saving)."""

from __future__ import annotations

import json

import pytest

from desktop.store import ConflictOpenError, outbox, pulling
from desktop.store.session import Account
from sync.contract.protocol import Change, PushResult
from tests.helpers.client import unique_samples


def _in_conflict(account: Account) -> str:
    """A record whose phone the laptop and the centre both changed; its id."""
    registry = account.registry
    [record] = unique_samples(1, seed=83)
    registry.save_record(record)
    [op] = outbox.take_batch(account.engine, 10, 1 << 20)
    answer = PushResult(op_id=op.op_id, record_id=op.record_id, status="accepted", version=1)
    outbox.apply_results(account.engine, [op], [answer])
    registry.save_record({**record, "phone": "13912345678"})
    remote = {**record, "phone": "13700000000"}
    change = Change(record_id=record["record_id"], version=2, seq=1, record=remote)
    assert pulling.apply_changes(account.engine, [change], "c1").conflicts == 1
    return str(record["record_id"])


def test_every_save_path_queues_valid_records_and_keeps_invalid_ones_drafts(
    account: Account,
) -> None:
    registry = account.registry
    good, bad, many_good, many_bad, incomplete = unique_samples(5, seed=81)
    one = registry.save_record(good)
    other = registry.save_record({**bad, "disability_level": 9})
    many = registry.save_many([many_good, {**many_bad, "disability_level": 9}])
    draft = registry.save_draft(incomplete)
    states = [r.state for r in (one, other, *many, draft)]
    assert states == ["pending", "draft", "pending", "draft", "draft"]
    assert [e.record_id for e in registry.queue()] == [one.record_id, many[0].record_id]
    # Saving a queued record again with an error takes it out of the queue, on either path.
    registry.save_record({**good, "disability_level": 9})
    registry.save_many([{**many_good, "disability_level": 9}])
    assert registry.queue() == []
    assert registry.status_counts()["draft"] == 5


def test_a_record_in_conflict_is_saved_only_by_resolving_it(account: Account) -> None:
    registry = account.registry
    record_id = _in_conflict(account)
    held = registry.get(record_id)
    with pytest.raises(ConflictOpenError):
        registry.save_record(held.record)
    [kept] = registry.save_many([{**held.record, "employer": "别的单位"}])
    assert kept.state == "conflict"
    assert registry.get(record_id).record == held.record

    result = registry.resolve_conflict(record_id, {"phone": "remote"})
    assert (result.state, result.errors) == ("pending", ())
    resolved = registry.get(record_id)
    assert (resolved.state, resolved.conflicts) == ("pending", {})
    assert resolved.record["phone"] == "13700000000"
    [op] = outbox.take_batch(account.engine, 10, 1 << 20)
    assert (op.record_id, op.base_version) == (record_id, held.version)
    assert held.version == 2
    assert json.loads(op.record_json)["phone"] == "13700000000"
