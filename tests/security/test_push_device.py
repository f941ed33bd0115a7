"""Issue 13, finding 14 (the audit trail): the device of a change is the one its token was
issued to, never the ``device_id`` a push body claims."""

from __future__ import annotations

from sqlalchemy import select

from sync.central.db import make_engine
from sync.central.tables import ops, record_versions, records
from tests.helpers.accounts import Accounts
from tests.helpers.central_records import op, push_body, records_in


def test_the_audit_trail_names_the_tokens_device(shared: Accounts) -> None:
    [record] = records_in(["620102001"], 1, seed=1360)
    the_op = op(record)
    body = push_body(the_op, device_id="someone-elses-laptop")
    with shared.server.client(shared.worker) as client:
        response = client.post("/sync/push", json=body)
    assert response.json()["results"][0]["status"] == "accepted"
    engine = make_engine(shared.server.db_url)
    try:
        with engine.connect() as conn:
            kept = [
                conn.execute(
                    select(table.c.device_id).where(table.c.record_id == record["record_id"])
                ).scalar_one()
                for table in (records, record_versions, ops)
            ]
    finally:
        engine.dispose()
    # make_accounts logs the worker in on device "dev-w".
    assert kept == ["dev-w", "dev-w", "dev-w"]
