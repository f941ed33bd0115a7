"""New rules from the centre: taken, kept, and records they reject marked for correction."""

from __future__ import annotations

from collections.abc import Iterator

import orjson
import pytest

from desktop.store import RecordFilter
from desktop.store.reference import refresh_reference
from desktop.store.registry import Registry
from desktop.store.session import Account
from sync.client import CentralClient
from sync.contract import default_rules
from tests.helpers.client import unique_samples
from tests.helpers.scripted_server import Answer, ScriptedServer

REFERENCE = "/api/v1/reference"


def stricter_rules() -> dict[str, object]:
    """The shipped rules plus one: the phone number becomes required."""
    rules = default_rules().to_json()
    rules["version"] = "2099.1"
    rules["rules"].append(
        {
            "id": "R-REQ-PHONE",
            "kind": "required",
            "severity": "error",
            "fields": ["phone"],
            "message": "请填写联系电话",
        }
    )
    return rules


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    yield scripted
    scripted.close()


def test_new_rules_mark_records_for_correction(account: Account, server: ScriptedServer) -> None:
    registry = account.registry
    records = unique_samples(6, seed=41)
    for r in records:
        r["phone"] = None
    registry.save_many(records[:3])  # pending
    registry.save_many(records[3:])
    with account.engine.begin() as conn:  # as if the centre had them already
        conn.exec_driver_sql(
            "UPDATE records SET state = 'synced', version = 1 WHERE record_id IN (?, ?, ?)",
            tuple(r["record_id"] for r in records[3:]),
        )
        conn.exec_driver_sql(
            "DELETE FROM outbox WHERE record_id IN (?, ?, ?)",
            tuple(r["record_id"] for r in records[3:]),
        )
    body = {"version": "ref-2", "rules_version": "2099.1", "rules": stricter_rules()}
    server.add(REFERENCE, Answer.json(body, headers={"ETag": '"ref-2"'}), Answer(304, b""))
    with CentralClient(server.url, token="t") as client:
        assert refresh_reference(registry, client) is True
        assert refresh_reference(registry, client) is False  # 304: nothing new
    assert server.seen[1].headers["If-None-Match"] == '"ref-2"'

    assert registry.rules.version == "2099.1"
    counts = registry.status_counts()
    assert (counts["rejected"], counts["synced"], counts["needs_correction"]) == (3, 3, 6)
    flagged = registry.get(records[4]["record_id"])
    assert flagged.needs_correction
    assert [f.rule_id for f in flagged.findings] == ["R-REQ-PHONE"]
    assert registry.count(RecordFilter(needs_correction=True)) == 6
    # The queue shows the rejected ones with the reason; a correction queues it again.
    assert {e.record_id for e in registry.queue()} == {r["record_id"] for r in records[:3]}
    fixed = registry.save_record({**records[0], "phone": "13912345678"})
    assert fixed.state == "pending"
    assert not registry.get(records[0]["record_id"]).needs_correction

    # The rules survive a restart of the program.
    again = Registry(account.engine, username="worker1", device_id="d")
    assert again.rules.version == "2099.1"
    assert orjson.loads(again.settings.get("reference") or "{}")["version"] == "ref-2"


@pytest.mark.allow_warning_logs
def test_damaged_stored_rules_fall_back_and_are_fetched_again(account: Account) -> None:
    account.registry.settings.set("rules", "{not json")
    account.registry.settings.set("reference_etag", '"old"')
    again = Registry(account.engine, username="worker1", device_id="d")
    assert again.rules.version == default_rules().version
    assert again.settings.get("reference_etag") is None
