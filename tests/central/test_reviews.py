"""POST /reviews against the real server (SQLite and PostgreSQL): approve, return with field
comments, the review in pull changes, correction -> unreviewed, stale, replay, scope, audit."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from sync.central.db import make_engine
from sync.central.review_tables import review_ops
from sync.contract.review_wire import ReviewState
from tests.helpers.accounts import OTHER_COUNTY, PASSWORD, TOWNSHIP, Accounts
from tests.helpers.central_records import a_record, op, push, push_body, table_counts

UNREVIEWED = {"state": "unreviewed", "comment": None, "field_comments": {}, "by": None, "at": None}


def _review(
    accounts: Accounts,
    token: str,
    record_id: str,
    version: int,
    decision: str = "approve",
    op_id: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body = {
        "op_id": op_id or str(uuid.uuid4()),
        "record_id": record_id,
        "version": version,
        "decision": decision,
        **extra,
    }
    with accounts.server.client(token) as client:
        response = client.post("/reviews", json=body)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _pulled(
    accounts: Accounts, token: str, record_id: str, app_version: str | None = "2026.12"
) -> dict[str, Any]:
    """The record's latest change as ``token`` pulls it from the start (a laptop that says
    its version, unless ``app_version`` is None: one from before reviews)."""
    headers = {} if app_version is None else {"X-App-Version": app_version}
    with accounts.server.client(token) as client:
        response = client.get("/sync/pull", params={"limit": 5000}, headers=headers)
    assert response.status_code == 200, response.text
    [change] = [c for c in response.json()["changes"] if c["record_id"] == record_id]
    found: dict[str, Any] = change
    return found


def _ops_of(accounts: Accounts, record_id: str) -> list[dict[str, Any]]:
    engine = make_engine(accounts.server.db_url)
    try:
        with engine.connect() as conn:
            query = select(review_ops).where(review_ops.c.record_id == record_id)
            return [
                dict(r) for r in conn.execute(query.order_by(review_ops.c.received_at)).mappings()
            ]
    finally:
        engine.dispose()


def test_an_approval_reaches_the_workers_pull(shared: Accounts) -> None:
    record = a_record(301)
    push(shared, record)
    before = _pulled(shared, shared.worker, record["record_id"])
    assert before["review"] == UNREVIEWED
    answer = _review(shared, shared.county, record["record_id"], 1, comment="核实无误")
    assert answer["status"] == "accepted"
    review = answer["review"]
    assert (review["state"], review["comment"], review["field_comments"]) == (
        "approved",
        "核实无误",
        {},
    )
    assert ReviewState.model_validate(review).by == "c" + shared.suffix
    after = _pulled(shared, shared.worker, record["record_id"])
    # A review is a change of its own: a later seq, the same version and record.
    assert after["seq"] > before["seq"]
    assert (after["version"], after["record"]) == (1, before["record"])
    assert after["review"] == review


def test_a_laptop_from_before_reviews_pulls_changes_without_the_review_key(
    shared: Accounts,
) -> None:
    # Its change model refuses unknown keys: a page with ``review`` would stop its sync.
    record = a_record(399)
    push(shared, record)
    _review(shared, shared.county, record["record_id"], 1)
    old = _pulled(shared, shared.worker, record["record_id"], app_version=None)
    assert "review" not in old
    assert old["version"] == 1
    assert _pulled(shared, shared.worker, record["record_id"])["review"]["state"] == "approved"


def test_a_return_with_field_comments_then_a_correction_is_unreviewed(shared: Accounts) -> None:
    record = a_record(302)
    push(shared, record)
    comments = {"phone": "号码少一位", "employer": "单位名称不全"}
    answer = _review(
        shared,
        shared.city,
        record["record_id"],
        1,
        "return",
        comment="请核对",
        field_comments=comments,
    )
    assert answer["status"] == "accepted"
    returned = _pulled(shared, shared.worker, record["record_id"])["review"]
    assert returned["state"] == "returned"
    assert (returned["comment"], returned["field_comments"]) == ("请核对", comments)
    assert returned["by"] == "m" + shared.suffix
    # The worker corrects it: a new version, unreviewed again.
    corrected = {**record, "phone": "13912345678"}
    with shared.server.client(shared.worker) as client:
        pushed = client.post("/sync/push", json=push_body(op(corrected, base_version=1)))
    assert pushed.json()["results"][0]["version"] == 2
    change = _pulled(shared, shared.county, record["record_id"])
    assert (change["version"], change["review"]) == (2, UNREVIEWED)
    # Reviewing the old version is stale and changes nothing; the new one is approved.
    stale = _review(shared, shared.county, record["record_id"], 1)
    assert stale == {"status": "stale", "review": UNREVIEWED}
    assert _pulled(shared, shared.county, record["record_id"])["seq"] == change["seq"]
    approved = _review(shared, shared.county, record["record_id"], 2)
    assert (approved["status"], approved["review"]["state"]) == ("accepted", "approved")


def test_a_voided_record_is_stale(shared: Accounts) -> None:
    record = a_record(303)
    push(shared, record)
    with shared.server.client(shared.county) as client:
        voided = client.post(f"/records/{record['record_id']}/void", json={"reason": "重复"})
    assert voided.status_code == 200, voided.text
    assert _review(shared, shared.county, record["record_id"], 2)["status"] == "stale"


def test_a_replayed_review_answers_as_first_and_writes_nothing(shared: Accounts) -> None:
    record = a_record(304)
    push(shared, record)
    op_id = str(uuid.uuid4())
    first = _review(
        shared, shared.county, record["record_id"], 1, "return", op_id, comment="缺照片"
    )
    counts = table_counts(shared.server.db_url)
    # The replay says something else: it must still get the first answer.
    again = _review(shared, shared.county, record["record_id"], 1, "approve", op_id)
    assert again == first
    assert table_counts(shared.server.db_url) == counts
    assert _pulled(shared, shared.county, record["record_id"])["review"] == first["review"]
    # Another account sending that op id learns nothing of it.
    theirs = _review(shared, shared.province, record["record_id"], 1, "approve", op_id)
    assert theirs == {"status": "forbidden", "review": None}
    assert len(_ops_of(shared, record["record_id"])) == 1


def test_workers_and_staff_of_other_regions_are_forbidden(shared: Accounts) -> None:
    record = a_record(305)
    push(shared, record)
    counts = table_counts(shared.server.db_url)
    assert _review(shared, shared.worker, record["record_id"], 1) == {
        "status": "forbidden",
        "review": None,
    }
    name = "y" + uuid.uuid4().hex[:6]
    shared.server.create_user(name, "county", OTHER_COUNTY, PASSWORD)
    outsider = shared.server.login(name, PASSWORD)
    refused = _review(shared, outsider, record["record_id"], 1)
    assert refused == {"status": "forbidden", "review": None}
    unknown = _review(shared, shared.county, str(uuid.uuid4()), 1)
    assert unknown == {"status": "forbidden", "review": None}
    # Refusals change no record and no seq; the worker's was not even kept.
    assert table_counts(shared.server.db_url)["seq"] == counts["seq"]
    assert [r["username"] for r in _ops_of(shared, record["record_id"])] == [name]
    # The province reviews anywhere.
    assert _review(shared, shared.province, record["record_id"], 1)["status"] == "accepted"


def test_the_audit_trail_keeps_who_when_what_and_from_which_device(shared: Accounts) -> None:
    record = a_record(306, TOWNSHIP)
    push(shared, record)
    _review(
        shared,
        shared.county,
        record["record_id"],
        1,
        "return",
        comment="就业时间有误",
        field_comments={"employment_date": "应在调查日期之前"},
    )
    _review(shared, shared.county, record["record_id"], 5)  # stale: kept too
    rows = _ops_of(shared, record["record_id"])
    assert [(r["decision"], r["status"], r["version"]) for r in rows] == [
        ("return", "accepted", 1),
        ("approve", "stale", 5),
    ]
    first = rows[0]
    assert (first["username"], first["device_id"]) == ("c" + shared.suffix, "dev-c")
    assert first["comment"] == "就业时间有误"
    assert first["field_comments"] == '{"employment_date":"应在调查日期之前"}'
    assert first["received_at"] is not None
    assert first["seq"] is not None
    assert rows[1]["seq"] is None


def test_bad_reviews_are_refused_naming_the_field(shared: Accounts) -> None:
    record = a_record(307)
    push(shared, record)
    base = {"op_id": "x-1", "record_id": record["record_id"], "version": 1}
    cases = [
        ({**base, "decision": "return"}, "comment"),
        ({**base, "decision": "return", "comment": "   "}, "comment"),
        ({**base, "decision": "approve", "field_comments": {"salary": "?"}}, "field_comments"),
        ({**base, "decision": "approve", "version": "1"}, "version"),
        ({**base, "decision": "reject"}, "decision"),
    ]
    with shared.server.client(shared.county) as client:
        for body, field in cases:
            response = client.post("/reviews", json=body)
            assert response.status_code == 422, body
            assert field in response.text, (field, response.text)
    assert _ops_of(shared, record["record_id"]) == []
