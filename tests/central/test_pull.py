"""GET /sync/pull: seq order, paging, scope, cursor continuity."""

from __future__ import annotations

from typing import Any

from tests.helpers.accounts import Accounts
from tests.helpers.central_records import op, push_body, records_in


def _pull_all(
    accounts: Accounts, token: str, since: str = "", limit: int = 1000
) -> tuple[list[dict[str, Any]], str]:
    changes: list[dict[str, Any]] = []
    cursor = since
    with accounts.server.client(token) as client:
        while True:
            params: dict[str, Any] = {"limit": limit}
            if cursor:
                params["since"] = cursor
            response = client.get("/sync/pull", params=params)
            assert response.status_code == 200, response.text
            page = response.json()
            changes.extend(page["changes"])
            cursor = page["cursor"]
            if not page["more"]:
                return changes, cursor


def test_pages_come_in_seq_order_and_cover_everything(accounts: Accounts) -> None:
    records = records_in(["620102001", "620102002"], 120, seed=50)
    with accounts.server.client(accounts.worker) as client:
        response = client.post("/sync/push", json=push_body(*(op(r) for r in records)))
    assert response.status_code == 200
    changes, cursor = _pull_all(accounts, accounts.worker, limit=25)
    seqs = [c["seq"] for c in changes]
    assert seqs == sorted(seqs)
    assert len(set(seqs)) == len(seqs) == 120
    assert {c["record_id"] for c in changes} == {r["record_id"] for r in records}
    # Nothing new: the cursor holds, the page is empty.
    again, same = _pull_all(accounts, accounts.worker, since=cursor)
    assert (again, same) == ([], cursor)


def test_an_edit_moves_the_record_past_the_cursor(accounts: Accounts) -> None:
    first, second = records_in(["620102001"], 2, seed=51)
    with accounts.server.client(accounts.worker) as client:
        client.post("/sync/push", json=push_body(op(first), op(second)))
        _, cursor = _pull_all(accounts, accounts.worker)
        client.post("/sync/push", json=push_body(op({**first, "address": "改"}, base_version=1)))
    changes, _ = _pull_all(accounts, accounts.worker, since=cursor)
    assert [(c["record_id"], c["version"]) for c in changes] == [(first["record_id"], 2)]
    assert changes[0]["record"]["address"] == "改"


def test_pull_sees_only_the_callers_region(accounts: Accounts) -> None:
    lanzhou = records_in(["620102001"], 5, seed=52)
    jiayuguan = records_in(["620201001"], 4, seed=53)
    with accounts.server.client(accounts.worker) as client:
        client.post("/sync/push", json=push_body(*(op(r) for r in lanzhou)))
    with accounts.server.client(accounts.other_worker) as client:
        client.post("/sync/push", json=push_body(*(op(r) for r in jiayuguan)))
    mine = {r["record_id"] for r in lanzhou}
    theirs = {r["record_id"] for r in jiayuguan}
    seen = {
        who: {c["record_id"] for c in _pull_all(accounts, token)[0]}
        for who, token in [
            ("worker", accounts.worker),
            ("county", accounts.county),
            ("city", accounts.city),
            ("province", accounts.province),
            ("other", accounts.other_worker),
        ]
    }
    assert seen["worker"] == seen["county"] == seen["city"] == mine
    assert seen["province"] == mine | theirs
    assert seen["other"] == theirs


def test_saved_by_comes_only_to_a_pull_that_asks_for_it(accounts: Accounts) -> None:
    mine, theirs = records_in(["620102001"], 2, seed=54)
    with accounts.server.client(accounts.worker) as client:
        assert client.post("/sync/push", json=push_body(op(mine))).status_code == 200
    with accounts.server.client(accounts.county) as client:
        assert client.post("/sync/push", json=push_body(op(theirs))).status_code == 200
        plain = client.get("/sync/pull").json()["changes"]
        asked = client.get("/sync/pull", params={"saved_by": "true"}).json()["changes"]
    # A laptop from before the key refuses a change that has it: it gets none.
    assert all("saved_by" not in change for change in plain)
    assert {c["record_id"]: c["saved_by"] for c in asked} == {
        mine["record_id"]: "w" + accounts.suffix,
        theirs["record_id"]: "c" + accounts.suffix,
    }
