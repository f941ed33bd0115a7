"""Saving, states, drafts, queue and lists of the local registry (real SQLCipher files)."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.store import RecordFilter, RecordNotFoundError, StoreError
from desktop.store.session import Account
from sync.contract.samples import sample_records


def _one(seed: int = 1) -> dict[str, Any]:
    return sample_records(1, seed=seed)[0]


def test_complete_save_queues_and_draft_does_not(account: Account) -> None:
    registry = account.registry
    record = _one()
    saved = registry.save_record(record)
    assert saved.state == "pending"
    assert saved.errors == ()
    assert [e.record_id for e in registry.queue()] == [saved.record_id]

    draft = dict(_one(2), id_number="1234")
    result = registry.save_draft(draft)
    assert result.state == "draft"
    assert registry.get(result.record_id).record["id_number"] == "1234"
    assert [e.record_id for e in registry.queue()] == [saved.record_id]
    assert registry.status_counts()["draft"] == 1
    assert registry.status_counts()["pending"] == 1


def test_a_record_with_errors_is_kept_as_a_draft_with_its_findings(account: Account) -> None:
    record = dict(_one(), survey_date="not a date", disability_level=9)
    result = account.registry.save_record(record, complete=True)
    assert result.state == "draft"
    fields = {f for finding in result.errors for f in finding.fields}
    assert {"survey_date", "disability_level"} <= fields
    kept = account.registry.get(result.record_id)
    assert kept.record["survey_date"] == "not a date"
    assert account.registry.queue() == []


def test_saving_again_replaces_the_op_and_keeps_one_queue_entry(account: Account) -> None:
    registry = account.registry
    record = _one()
    first = registry.save_record(record)
    registry.save_record({**record, "record_id": first.record_id, "employer": "新单位"})
    assert len(registry.queue()) == 1
    assert registry.get(first.record_id).record["employer"] == "新单位"
    assert registry.count() == 1


def test_trainings_and_columns_follow_the_record(account: Account) -> None:
    registry = account.registry
    record = _one()
    record["trainings"] = [{"year": 2024, "type": 1, "period": 3, "provider": "县就业中心"}]
    saved = registry.save_record(record)
    got = registry.get(saved.record_id).record
    assert got["trainings"] == record["trainings"]
    row = registry.page([saved.record_id])[0]
    assert row.name == record["name"]
    assert row.survey_date == record["survey_date"]


def test_lists_filter_by_prefix_state_and_keep_order(account: Account) -> None:
    registry = account.registry
    records = sample_records(30, seed=5)
    for r in records[:20]:
        registry.save_record(r)
    for r in records[20:]:
        registry.save_draft(r)
    assert registry.count() == 30
    assert registry.count(RecordFilter(states=("draft",))) == 10
    name = records[0]["name"]
    by_name = registry.ids(RecordFilter(name_prefix=name[:1]), order="name")
    assert records[0]["record_id"] in by_name
    assert all(row.name.startswith(name[:1]) for row in registry.page(by_name))
    number = records[3]["id_number"]
    assert records[3]["record_id"] in registry.ids(RecordFilter(id_number_prefix=number[:14]))
    found = registry.find_by_id_number(number.lower())
    assert found is not None
    assert found.record_id == records[3]["record_id"]
    page = registry.page([records[5]["record_id"], "missing", records[1]["record_id"]])
    assert [p.record_id for p in page] == [records[5]["record_id"], records[1]["record_id"]]


def test_wildcards_in_a_prefix_are_literal(account: Account) -> None:
    account.registry.save_record(_one())
    assert account.registry.count(RecordFilter(name_prefix="%")) == 0
    assert account.registry.count(RecordFilter(name_prefix="_")) == 0


def test_unknown_record_and_bad_resolution_are_typed_errors(account: Account) -> None:
    with pytest.raises(RecordNotFoundError):
        account.registry.get("no-such-id")
    saved = account.registry.save_record(_one())
    with pytest.raises(StoreError, match="not in conflict"):
        account.registry.resolve_conflict(saved.record_id, {"name": "local"})


def test_only_a_never_synced_draft_can_be_discarded(account: Account) -> None:
    registry = account.registry
    draft = registry.save_draft(_one())
    registry.void(draft.record_id)
    assert registry.count() == 0
    pending = registry.save_record(_one(3))
    with pytest.raises(StoreError):
        registry.void(pending.record_id)


def test_the_list_filters_by_employment_status(account: Account) -> None:
    registry = account.registry
    records = sample_records(40, seed=11)
    for r in records:
        registry.save_record(r)
    for status in (1, 2):
        expected = {r["record_id"] for r in records if r.get("employment_status") == status}
        assert expected, "the samples hold both statuses"
        chosen = RecordFilter(employment_status=status)
        assert set(registry.ids(chosen)) == expected
        assert registry.count(chosen) == len(expected)
    assert registry.count(RecordFilter(employment_status=1, states=("draft",))) == 0
