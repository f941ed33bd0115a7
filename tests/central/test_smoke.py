from __future__ import annotations

from tests.helpers.accounts import PASSWORD
from tests.helpers.central import CentralProcess
from tests.helpers.central_records import op, push_body, records_in


def test_a_restarted_server_answers_on_its_port_with_its_data(
    central_server: CentralProcess,
) -> None:
    central_server.create_user("w1", "worker", "620102", PASSWORD)
    token = central_server.login("w1", PASSWORD)
    [record] = records_in(["620102001"], 1, seed=5)
    with central_server.client(token) as client:
        assert client.post("/sync/push", json=push_body(op(record))).status_code == 200
    port = central_server.port
    central_server.restart()  # start() returns once /health answers
    assert central_server.port == port
    with central_server.client(token) as client:
        pulled = client.get("/sync/pull")
    assert pulled.status_code == 200, pulled.text
    assert [c["record"] for c in pulled.json()["changes"]] == [record]


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
