"""Issue 13, findings 1 and 8: region scope is judged on the record the centre stores.

A worker of 620102 spelling another county's code any way the normaliser reads it (12
digits, an integer, full-width digits, spaces) is refused, and nothing is stored; the same
for moving its own record out of its county. A refusal names no region of another county.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from sync.central.db import make_engine
from sync.central.tables import records
from tests.helpers.accounts import OTHER_COUNTY, TOWNSHIP, Accounts
from tests.helpers.central_records import op, push_ops, records_in

# Every spelling of 620201 (嘉峪关市) or its township 620201001 that the normaliser turns
# into the code itself.
OTHER_SPELLINGS: list[Any] = [
    "620201000000",
    620201,
    "６２０２０１",
    " 620201 ",
    "620201\u3000",
    "\t620201\n",
    "6202 01",
    "６２０２０１００００００",
    "620201001000",
    620201001,
    "６２０２０１００１",
]


def _stored_region(db_url: str, record_id: str) -> str | None:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            query = select(records.c.region_code).where(records.c.record_id == record_id)
            found: str | None = conn.execute(query).scalar_one_or_none()
            return found
    finally:
        engine.dispose()


def _names_no_region(result: dict[str, Any]) -> None:
    text = str(result["errors"])
    for leak in ("620201", "嘉峪关"):
        assert leak not in text, text


@pytest.mark.parametrize("spelling", OTHER_SPELLINGS, ids=repr)
def test_another_countys_code_in_any_spelling_is_forbidden(shared: Accounts, spelling: Any) -> None:
    [record] = records_in([TOWNSHIP], 1, seed=1301)
    sent = {**record, "region_code": spelling}
    [result] = push_ops(shared, shared.worker, op(sent))
    assert result["status"] == "forbidden", result
    assert [e["rule_id"] for e in result["errors"]] == ["central.out_of_scope"]
    _names_no_region(result)
    assert _stored_region(shared.server.db_url, record["record_id"]) is None


@pytest.mark.parametrize("spelling", OTHER_SPELLINGS, ids=repr)
def test_moving_ones_own_record_out_in_any_spelling_is_forbidden(
    shared: Accounts, spelling: Any
) -> None:
    [record] = records_in([TOWNSHIP], 1, seed=1400 + OTHER_SPELLINGS.index(spelling))
    [created] = push_ops(shared, shared.worker, op(record))
    assert created["status"] == "accepted", created
    [moved] = push_ops(
        shared, shared.worker, op({**record, "region_code": spelling}, base_version=1)
    )
    assert moved["status"] == "forbidden", moved
    _names_no_region(moved)
    assert _stored_region(shared.server.db_url, record["record_id"]) == TOWNSHIP


def test_ones_own_region_in_a_loose_spelling_is_stored_in_canonical_form(
    shared: Accounts,
) -> None:
    [record] = records_in([TOWNSHIP], 1, seed=1303)
    [result] = push_ops(
        shared, shared.worker, op({**record, "region_code": "６２０１０２００１０００"})
    )
    assert result["status"] == "accepted", result
    assert _stored_region(shared.server.db_url, record["record_id"]) == TOWNSHIP


def test_editing_another_countys_record_names_no_region(shared: Accounts) -> None:
    [theirs] = records_in(["620201001"], 1, seed=1304)
    assert push_ops(shared, shared.other_worker, op(theirs))[0]["status"] == "accepted"
    [result] = push_ops(
        shared, shared.worker, op({**theirs, "region_code": TOWNSHIP}, base_version=1)
    )
    assert result["status"] == "forbidden"
    assert result["server_record"] is None
    _names_no_region(result)
    assert _stored_region(shared.server.db_url, theirs["record_id"]) == "620201001"


def test_a_person_registered_in_another_county_names_no_region(shared: Accounts) -> None:
    [theirs] = records_in([f"{OTHER_COUNTY}002"], 1, seed=1305)
    assert push_ops(shared, shared.other_worker, op(theirs))[0]["status"] == "accepted"
    [mine] = records_in([TOWNSHIP], 1, seed=1306)
    twin = {**theirs, "record_id": mine["record_id"], "region_code": TOWNSHIP}
    [result] = push_ops(shared, shared.worker, op(twin))
    assert result["status"] == "conflict"
    assert result["server_record"] is None
    assert [e["rule_id"] for e in result["errors"]] == ["central.duplicate_person"]
    _names_no_region(result)
