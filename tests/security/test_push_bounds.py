"""Issue 13, finding 12: an op's time out of range is that op's error, not the push's 500.

``0001-01-01T00:00:00+14:00`` is a valid RFC 3339 time whose UTC instant lies before year 1;
converting it failed the whole push. The body's times are bounded where the body is read,
and an op with a time out of bounds is rejected alone, naming the field.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers.accounts import TOWNSHIP, Accounts
from tests.helpers.central_records import op, push_body, records_in
from tests.helpers.central_records import table_counts as counts

OUT_OF_RANGE = [
    ("created_at", "0001-01-01T00:00:00+14:00"),
    ("updated_at", "0001-01-01T00:00:00+14:00"),
    ("updated_at", "9999-12-31T23:59:59-14:00"),
    ("created_at", "1899-12-31T23:59:59Z"),
    ("created_at", "3000-01-01T00:00:00Z"),
    # Not the RFC 3339 shape the fast reading takes: pydantic reads these.
    ("created_at", "0001-01-01T00:00+14:00"),
    ("updated_at", "9999-12-31 23:59:59-14:00"),
]


@pytest.mark.parametrize(("name", "value"), OUT_OF_RANGE)
def test_an_op_with_a_time_out_of_range_is_rejected_alone(
    shared: Accounts, name: str, value: str
) -> None:
    seed = 1330 + OUT_OF_RANGE.index((name, value))
    bad, good = records_in([TOWNSHIP], 2, seed=seed)
    body = push_body({**op(bad), name: value}, op(good))
    before = counts(shared.server.db_url)
    with shared.server.client(shared.worker) as client:
        response = client.post("/sync/push", json=body)
    assert response.status_code == 200, response.text
    first, second = response.json()["results"]
    assert first["status"] == "rejected"
    assert [(e["rule_id"], e["fields"]) for e in first["errors"]] == [
        ("central.time_out_of_range", [name])
    ]
    assert second["status"] == "accepted"
    after = counts(shared.server.db_url)
    assert after["records"] - before["records"] == 1


def test_times_at_the_bounds_are_kept(shared: Accounts) -> None:
    [record] = records_in([TOWNSHIP], 1, seed=1350)
    the_op: dict[str, Any] = {
        **op(record),
        "created_at": "1900-01-01T00:00:00Z",
        "updated_at": "2999-12-31T23:59:59+00:00",
    }
    with shared.server.client(shared.worker) as client:
        response = client.post("/sync/push", json=push_body(the_op))
        assert response.json()["results"][0]["status"] == "accepted"
        changes = client.get("/sync/pull").json()["changes"]
    [change] = [c for c in changes if c["record_id"] == record["record_id"]]
    assert change["created_at"].startswith("1900-01-01T00:00:00")
