"""Issue 13, findings 1 and 2, fuzzed: region codes and dates in every spelling the
normaliser reads (full-width digits, spaces of every kind, integers, 12-digit codes, other
counties' codes) never put a record outside the pusher's scope, and no pull answers 500."""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from sync.central.accounts import User
from sync.central.db import make_engine
from sync.central.scope import in_scope
from sync.central.tables import records
from tests.helpers.accounts import WORKER_REGION, Accounts
from tests.helpers.central_records import op, push_body, records_in

_WORKER = User("fuzz", "worker", WORKER_REGION)
# Own townships, the own county, its city, the province, and other counties and townships.
_CODES = ["620102001", "620102", "620100", "620000", "620201", "620201001", "620103", "620103001"]
_SPACES = [" ", "\u3000", "\t", "\n", "\u00a0"]
_BLANK_DATES = ["", " ", "\u3000", "\t\n", None]
_PEOPLE = records_in(["620102001"], 40, seed=1370)


@st.composite
def _spelling(draw: st.DrawFn) -> Any:
    code = draw(st.sampled_from(_CODES))
    if draw(st.integers(0, 4)) == 0:
        return int(code)
    if draw(st.booleans()) and len(code) in (6, 9):
        code = code.ljust(12, "0")  # the statistical 12-digit form
    chars = [chr(ord(c) + 0xFEE0) if draw(st.booleans()) else c for c in code]  # full width
    for _ in range(draw(st.integers(0, 3))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(_SPACES)))
    return "".join(chars)


def _stored(db_url: str, record_ids: list[str]) -> list[tuple[Any, Any]]:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            query = select(records.c.region_code, records.c.employment_date).where(
                records.c.record_id.in_(record_ids)
            )
            return [tuple(row) for row in conn.execute(query)]
    finally:
        engine.dispose()


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    person=st.integers(0, len(_PEOPLE) - 1),
    region=_spelling(),
    date=st.sampled_from(_BLANK_DATES),
    move=st.booleans(),
)
def test_no_spelling_stores_a_record_outside_scope(
    shared: Accounts, person: int, region: Any, date: Any, move: bool
) -> None:
    record = {**_PEOPLE[person], "record_id": str(uuid.uuid4())}
    if record["employment_status"] != 1:
        record["employment_date"] = date
    ops = [op({**record, "region_code": region})]
    if move:  # first a record in the worker's own township, then the move
        ops = [op(record), op({**record, "region_code": region}, base_version=1)]
    with shared.server.client(shared.worker) as client:
        response = client.post("/sync/push", json=push_body(*ops))
        assert response.status_code == 200, response.text
        statuses = {r["status"] for r in response.json()["results"]}
        assert statuses <= {"accepted", "rejected", "conflict", "forbidden"}
        assert client.get("/sync/pull").status_code == 200
    with shared.server.client(shared.province) as client:
        assert client.get("/sync/pull").status_code == 200
    for stored_region, employment_date in _stored(shared.server.db_url, [record["record_id"]]):
        assert in_scope(_WORKER, stored_region), stored_region
        assert employment_date is None or str(employment_date).strip() != ""
