from __future__ import annotations

import time

from tests.central.conftest import PASSWORD
from tests.central.records import op, push_body, records_in
from tests.helpers.central import CentralProcess


def test_start_is_quick(central_server: CentralProcess) -> None:
    central_server.stop()
    started = time.monotonic()
    central_server.start()
    assert time.monotonic() - started < 1.5


def test_push_then_pull(central_server: CentralProcess) -> None:
    central_server.create_user("w1", "worker", "620102", PASSWORD)
    token = central_server.login("w1", PASSWORD)
    recs = records_in(["620102001"], 3)
    with central_server.client(token) as client:
        r = client.post("/sync/push", json=push_body(*(op(x) for x in recs)))
        assert r.status_code == 200, r.text
        assert [x["status"] for x in r.json()["results"]] == ["accepted"] * 3, r.text
        pulled = client.get("/sync/pull").json()
    assert sorted(c["record"]["record_id"] for c in pulled["changes"]) == sorted(
        x["record_id"] for x in recs
    )
    assert [c["record"] for c in sorted(pulled["changes"], key=lambda c: c["record_id"])] == sorted(
        recs, key=lambda r: r["record_id"]
    )
