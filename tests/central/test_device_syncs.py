"""X-App-Version and X-Queue-Length: the centre keeps them per account and device."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from sync.central.clock import as_utc
from sync.central.db import make_engine
from sync.central.review_tables import device_syncs
from tests.helpers.accounts import Accounts
from tests.helpers.central_records import a_record, op, push_body


def _kept(accounts: Accounts, username: str) -> list[dict[str, Any]]:
    engine = make_engine(accounts.server.db_url)
    try:
        with engine.connect() as conn:
            query = select(device_syncs).where(device_syncs.c.username == username)
            return [dict(r) for r in conn.execute(query).mappings()]
    finally:
        engine.dispose()


def test_each_sync_request_keeps_version_queue_and_time(shared: Accounts) -> None:
    worker = "w" + shared.suffix
    headers = {"X-App-Version": "1.4.0rc1", "X-Queue-Length": "37"}
    with shared.server.client(shared.worker) as client:
        pushed = client.post("/sync/push", json=push_body(op(a_record(401))), headers=headers)
        assert pushed.status_code == 200, pushed.text
        [first] = _kept(shared, worker)
        assert (first["device_id"], first["app_version"], first["queue_length"]) == (
            "dev-w",
            "1.4.0rc1",
            37,
        )
        # A pull with a new queue length; a header left out keeps what was said before.
        pulled = client.get("/sync/pull", headers={"X-Queue-Length": "0"})
        assert pulled.status_code == 200, pulled.text
    [second] = _kept(shared, worker)
    assert (second["app_version"], second["queue_length"]) == ("1.4.0rc1", 0)
    before, after = as_utc(first["last_sync_at"]), as_utc(second["last_sync_at"])
    assert before is not None
    assert after is not None
    assert after >= before


def test_other_requests_and_other_accounts_keep_nothing(shared: Accounts) -> None:
    with shared.server.client(shared.city) as client:
        assert client.get("/reference", headers={"X-App-Version": "9.9"}).status_code == 200
    assert _kept(shared, "m" + shared.suffix) == []


def test_bad_headers_are_refused_naming_them(shared: Accounts) -> None:
    with shared.server.client(shared.other_worker) as client:
        for name, value in [("X-App-Version", "1.0 beta"), ("X-Queue-Length", "-1")]:
            response = client.get("/sync/pull", headers={name: value})
            assert response.status_code == 422, (name, response.text)
            assert name.lower() in response.text.lower(), response.text
    assert _kept(shared, "x" + shared.suffix) == []
