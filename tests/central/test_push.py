"""POST /sync/push against the real server: statuses, replays, conflicts, scope, history."""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.helpers.accounts import OTHER_COUNTY, TOWNSHIP, Accounts
from tests.helpers.central_records import history, op, push_body, records_in, table_counts


def _push(accounts: Accounts, token: str, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    with accounts.server.client(token) as client:
        response = client.post("/sync/push", json=push_body(*ops))
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def test_accepted_ops_get_versions_and_history_names_who_and_device(shared: Accounts) -> None:
    record = records_in([TOWNSHIP], 1, seed=11)[0]
    [first] = _push(shared, shared.worker, op(record))
    assert (first["status"], first["version"]) == ("accepted", 1)
    edited = {**record, "address": "新地址 8 号"}
    [second] = _push(shared, shared.worker, op(edited, base_version=1))
    assert (second["status"], second["version"]) == ("accepted", 2)
    rows = history(shared.server.db_url, record["record_id"])
    assert [r["version"] for r in rows] == [1, 2]
    assert [r["action"] for r in rows] == ["create", "update"]
    assert {r["saved_by"] for r in rows} == {"w" + shared.suffix}
    assert {r["device_id"] for r in rows} == {"dev-w"}  # the token's device (make_accounts)
    assert rows[0]["before"] is None
    assert json.loads(rows[1]["before"])["address"] == record["address"]
    assert json.loads(rows[1]["after"])["address"] == "新地址 8 号"
    assert rows[0]["seq"] < rows[1]["seq"]


def test_replayed_op_returns_first_result_and_writes_nothing(shared: Accounts) -> None:
    record = records_in([TOWNSHIP], 1, seed=12)[0]
    the_op = op(record)
    [first] = _push(shared, shared.worker, the_op)
    before = table_counts(shared.server.db_url)
    # The replay carries a changed record: it must still be ignored.
    changed = {**the_op, "record": {**record, "address": "另一个地址"}}
    [again] = _push(shared, shared.worker, changed)
    assert again == first
    assert table_counts(shared.server.db_url) == before


def _push_ops_counted(accounts: Accounts) -> dict[str, float]:
    """The server's ``realname_push_ops_total`` by outcome, from its /metrics."""
    response = httpx.get(f"{accounts.server.url}/metrics", timeout=5)
    assert response.status_code == 200, response.text
    return {
        sample.labels["outcome"]: sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
        if sample.name == "realname_push_ops_total"
    }


def test_metrics_count_an_op_once_however_often_it_is_replayed(shared: Accounts) -> None:
    good, bad = records_in([TOWNSHIP], 2, seed=29)
    ops = [op(good), op({**bad, "id_number": "not-a-number"})]
    before = _push_ops_counted(shared)
    first = _push(shared, shared.worker, *ops)
    assert [r["status"] for r in first] == ["accepted", "rejected"]
    # Replayed whole, and within one push (the same op twice): the first answers again.
    assert _push(shared, shared.worker, *ops) == first
    assert _push(shared, shared.worker, ops[0], ops[0]) == [first[0], first[0]]
    after = _push_ops_counted(shared)
    counted = {k: after[k] - before.get(k, 0.0) for k in after if after[k] != before.get(k)}
    assert counted == {"accepted": 1.0, "rejected": 1.0}


def test_concurrent_replays_write_once(shared: Accounts) -> None:
    records = records_in([TOWNSHIP], 50, seed=13)
    body = push_body(*(op(r) for r in records))
    before = table_counts(shared.server.db_url)
    answers: list[list[dict[str, Any]]] = []
    barrier = threading.Barrier(6)

    def send() -> None:
        with shared.server.client(shared.worker) as client:
            barrier.wait()
            response = client.post("/sync/push", json=body)
        assert response.status_code == 200, response.text
        answers.append(response.json()["results"])

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 6
    assert all(a == answers[0] for a in answers)
    assert {r["status"] for r in answers[0]} == {"accepted"}
    after = table_counts(shared.server.db_url)
    assert after["records"] - before["records"] == 50
    assert after["record_versions"] - before["record_versions"] == 50
    assert after["ops"] - before["ops"] == 50
    assert after["seq"] - before["seq"] == 50


def test_stale_edit_is_a_conflict_with_the_server_copy(shared: Accounts) -> None:
    record = records_in([TOWNSHIP], 1, seed=14)[0]
    _push(shared, shared.worker, op(record))
    _push(shared, shared.county, op({**record, "address": "县里改的"}, base_version=1))
    before = table_counts(shared.server.db_url)
    [stale] = _push(shared, shared.worker, op({**record, "address": "我改的"}, base_version=1))
    assert stale["status"] == "conflict"
    assert stale["version"] == 2
    assert stale["server_record"]["address"] == "县里改的"
    assert stale["errors"][0]["rule_id"] == "central.stale_version"
    assert table_counts(shared.server.db_url)["records"] == before["records"]
    assert len(history(shared.server.db_url, record["record_id"])) == 2


def test_creating_an_existing_record_again_is_a_conflict(shared: Accounts) -> None:
    record = records_in([TOWNSHIP], 1, seed=15)[0]
    _push(shared, shared.worker, op(record))
    [again] = _push(shared, shared.worker, op(record))  # a new op_id, base_version None
    assert again["status"] == "conflict"
    assert again["server_record"] == record


def test_a_person_registered_twice_is_a_conflict_with_that_record(shared: Accounts) -> None:
    first, other = records_in([TOWNSHIP], 2, seed=16)
    _push(shared, shared.worker, op(first))
    twin = {**first, "record_id": other["record_id"], "address": "另一份登记"}
    before = table_counts(shared.server.db_url)
    [result] = _push(shared, shared.worker, op(twin))
    assert result["status"] == "conflict"
    assert result["server_record"]["record_id"] == first["record_id"]
    assert result["errors"][0]["fields"] == ["id_number"]
    assert table_counts(shared.server.db_url)["records"] == before["records"]


def test_duplicate_outside_the_callers_region_hides_the_other_record(shared: Accounts) -> None:
    [theirs] = records_in(["620201001"], 1, seed=17)
    _push(shared, shared.other_worker, op(theirs))
    [mine] = records_in([TOWNSHIP], 1, seed=18)
    twin = {**theirs, "record_id": mine["record_id"], "region_code": TOWNSHIP}
    [result] = _push(shared, shared.worker, op(twin))
    assert result["status"] == "conflict"
    assert result["server_record"] is None


def test_rule_errors_are_rejected_with_rule_ids_and_others_still_pass(shared: Accounts) -> None:
    good, bad = records_in([TOWNSHIP], 2, seed=19)
    bad = {
        **bad,
        "id_number": bad["id_number"][:-1] + ("0" if bad["id_number"][-1] != "0" else "1"),
    }
    bad_results = _push(shared, shared.worker, op(good), op(bad))
    assert [r["status"] for r in bad_results] == ["accepted", "rejected"]
    assert any("id_number" in e["fields"] for e in bad_results[1]["errors"])
    assert all(e["rule_id"] for e in bad_results[1]["errors"])


def test_writes_outside_the_region_are_forbidden(shared: Accounts) -> None:
    [outside] = records_in([OTHER_COUNTY], 1, seed=20)
    before = table_counts(shared.server.db_url)
    [result] = _push(shared, shared.worker, op(outside))
    assert result["status"] == "forbidden"
    assert table_counts(shared.server.db_url)["records"] == before["records"]


def test_moving_or_editing_someone_elses_record_is_forbidden(shared: Accounts) -> None:
    [theirs] = records_in(["620201001"], 1, seed=21)
    _push(shared, shared.other_worker, op(theirs))
    # The worker names the other region's record but claims it lies in their own region.
    moved = {**theirs, "region_code": TOWNSHIP}
    [result] = _push(shared, shared.worker, op(moved, base_version=1))
    assert result["status"] == "forbidden"
    assert result["server_record"] is None
    with shared.server.client(shared.other_worker) as client:
        changes = client.get("/sync/pull").json()["changes"]
    mine = [c for c in changes if c["record_id"] == theirs["record_id"]]
    assert mine[0]["version"] == 1
    assert mine[0]["record"]["region_code"] == "620201001"


def test_several_ops_on_one_record_in_one_push_apply_in_order(shared: Accounts) -> None:
    record = records_in([TOWNSHIP], 1, seed=22)[0]
    results = _push(
        shared,
        shared.worker,
        op(record),
        op({**record, "address": "一"}, base_version=1),
        op({**record, "address": "二"}, base_version=2),
        op({**record, "address": "旧"}, base_version=1),
    )
    assert [r["status"] for r in results] == ["accepted", "accepted", "accepted", "conflict"]
    assert results[3]["server_record"]["address"] == "二"
    assert [h["version"] for h in history(shared.server.db_url, record["record_id"])] == [1, 2, 3]


def test_laptop_times_are_kept_but_never_after_arrival(shared: Accounts) -> None:
    record = records_in([TOWNSHIP], 1, seed=23)[0]
    the_op = {
        **op(record),
        "created_at": "2024-03-01T08:00:00Z",
        "updated_at": "2999-01-01T00:00:00Z",
    }
    _push(shared, shared.worker, the_op)
    with shared.server.client(shared.worker) as client:
        changes = client.get("/sync/pull").json()["changes"]
    [change] = [c for c in changes if c["record_id"] == record["record_id"]]
    assert change["created_at"].startswith("2024-03-01T08:00:00")
    assert change["updated_at"] <= change["received_at"]
    assert change["received_at"] < "2999"


def test_an_op_id_of_another_account_reveals_nothing(shared: Accounts) -> None:
    record = records_in([TOWNSHIP], 1, seed=24)[0]
    the_op = op(record)
    _push(shared, shared.worker, the_op)
    [result] = _push(shared, shared.county, the_op)
    assert result["status"] == "forbidden"
    assert result["server_record"] is None


def test_void_makes_a_tombstone_and_blocks_edits(shared: Accounts) -> None:
    record = records_in([TOWNSHIP], 1, seed=25)[0]
    _push(shared, shared.worker, op(record))
    url = f"/records/{record['record_id']}/void"
    with shared.server.client(shared.worker) as client:
        assert client.post(url, json={"reason": "重复登记"}).status_code == 403
    with shared.server.client(shared.county) as client:
        voided = client.post(url, json={"reason": "重复登记"})
        assert voided.status_code == 200, voided.text
        assert voided.json()["version"] == 2
        assert client.post(url, json={"reason": "again"}).status_code == 409
        assert client.post(url, json={}).status_code == 422
        assert client.post("/records/no-such-id/void", json={"reason": "x"}).status_code == 404
        assert client.post("/records/a%00b/void", json={"reason": "x"}).status_code == 422
    with shared.server.client(shared.worker) as client:
        changes = client.get("/sync/pull").json()["changes"]
    [tomb] = [c for c in changes if c["record_id"] == record["record_id"]]
    assert tomb["deleted"] is True
    assert tomb["record"] is None
    assert tomb["version"] == 2
    [edit] = _push(shared, shared.worker, op({**record, "address": "x"}, base_version=2))
    assert edit["status"] == "conflict"
    # The person may be registered again under a new record once the old one is void.
    again = {**record, "record_id": records_in([TOWNSHIP], 1, seed=26)[0]["record_id"]}
    [fresh] = _push(shared, shared.worker, op(again))
    assert fresh["status"] == "accepted"
    rows = history(shared.server.db_url, record["record_id"])
    assert rows[-1]["action"] == "void"
    assert rows[-1]["after"] is None


def test_void_outside_the_region_is_not_found(shared: Accounts) -> None:
    [theirs] = records_in(["620201001"], 1, seed=27)
    _push(shared, shared.other_worker, op(theirs))
    with shared.server.client(shared.county) as client:
        response = client.post(f"/records/{theirs['record_id']}/void", json={"reason": "x"})
    assert response.status_code == 404


def test_push_without_token_is_unauthorized(shared: Accounts) -> None:
    record = records_in([TOWNSHIP], 1, seed=28)[0]
    response = httpx.post(f"{shared.server.url}/api/v1/sync/push", json=push_body(op(record)))
    assert response.status_code == 401
    assert "detail" in response.json()
