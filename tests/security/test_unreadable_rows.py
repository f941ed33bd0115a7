"""Issue 13, finding 2: a blank date is stored as no value, and a stored row that cannot
be read is reported and skipped, never a 500 for everyone whose scope holds it.

Blank date text passed the rules as sent and went into a DATE column as ``' '`` (on
PostgreSQL the whole push then failed); from then on every pull of a scope holding it,
and voiding it, failed. A row like that already in a database (SQLite keeps dates as text)
is left out of pulls and reported in the server's log without personal data.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest
from sqlalchemy import select

from sync.central.db import make_engine
from sync.central.tables import records
from sync.central.tabular import write_table
from tests.helpers.accounts import TOWNSHIP, Accounts, make_accounts
from tests.helpers.central import CentralProcess
from tests.helpers.central_records import csv_rows, op, push_body, records_in

BLANKS = [" ", "\u3000", "\t", "  \n "]


def _unemployed(seed: int, n: int) -> list[dict[str, Any]]:
    """``n`` valid records of people without work (no employment date is due)."""
    found = [r for r in records_in([TOWNSHIP], 12 * n, seed=seed) if r["employment_status"] == 2]
    assert len(found) >= n
    return found[:n]


def _stored_dates(db_url: str, record_ids: list[str]) -> dict[str, Any]:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            query = select(records.c.record_id, records.c.employment_date).where(
                records.c.record_id.in_(record_ids)
            )
            return {rid: value for rid, value in conn.execute(query)}
    finally:
        engine.dispose()


def test_blank_date_text_is_stored_as_no_value(shared: Accounts) -> None:
    people = _unemployed(1320, len(BLANKS) + 1)
    ops = [op({**r, "employment_date": blank}) for r, blank in zip(people, BLANKS, strict=False)]
    ops.append(op(people[-1]))
    with shared.server.client(shared.worker) as client:
        response = client.post("/sync/push", json=push_body(*ops))
        assert response.status_code == 200, response.text
        assert [r["status"] for r in response.json()["results"]] == ["accepted"] * len(ops)
        assert client.get("/sync/pull").status_code == 200
    ids = [r["record_id"] for r in people]
    assert _stored_dates(shared.server.db_url, ids) == dict.fromkeys(ids)


@pytest.fixture
def spoilt(central_server: CentralProcess) -> tuple[Accounts, list[dict[str, Any]]]:
    """A SQLite centre holding three records, the first with a date it cannot read."""
    accounts = make_accounts(central_server)
    people = records_in([TOWNSHIP], 3, seed=1321)
    with central_server.client(accounts.worker) as client:
        response = client.post("/sync/push", json=push_body(*(op(r) for r in people)))
    assert {r["status"] for r in response.json()["results"]} == {"accepted"}
    database = central_server.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as db:
        db.execute(
            "UPDATE records SET employment_date = ' ', survey_date = '2024-02-30'"
            " WHERE record_id = ?",
            (people[0]["record_id"],),
        )
    return accounts, people


def test_pulls_skip_an_unreadable_row(spoilt: tuple[Accounts, list[dict[str, Any]]]) -> None:
    accounts, people = spoilt
    for token in (accounts.worker, accounts.county, accounts.city, accounts.province):
        with accounts.server.client(token) as client:
            response = client.get("/sync/pull")
        assert response.status_code == 200, response.text
        pulled = [c["record_id"] for c in response.json()["changes"]]
        assert pulled == [people[1]["record_id"], people[2]["record_id"]]
    log = (accounts.server.data_dir / "central.log").read_text(encoding="utf-8")
    assert people[0]["record_id"] in log
    for secret in (people[0]["id_number"], people[0]["name"], people[0]["phone"]):
        assert secret not in log


def test_a_page_of_unreadable_rows_still_moves_the_cursor(
    spoilt: tuple[Accounts, list[dict[str, Any]]],
) -> None:
    accounts, people = spoilt
    with accounts.server.client(accounts.worker) as client:
        first = client.get("/sync/pull", params={"limit": 1}).json()
        second = client.get("/sync/pull", params={"limit": 1, "since": first["cursor"]}).json()
    assert (first["changes"], first["more"]) == ([], True)
    assert first["cursor"] != "0"
    assert [c["record_id"] for c in second["changes"]] == [people[1]["record_id"]]


def test_voiding_an_unreadable_row_is_a_conflict(
    spoilt: tuple[Accounts, list[dict[str, Any]]],
) -> None:
    accounts, people = spoilt
    with accounts.server.client(accounts.county) as client:
        response = client.post(
            f"/records/{people[0]['record_id']}/void", json={"reason": "重复登记"}
        )
        assert response.status_code == 409, response.text
        assert client.get("/sync/pull").status_code == 200


def test_editing_an_unreadable_row_is_a_conflict(
    spoilt: tuple[Accounts, list[dict[str, Any]]],
) -> None:
    accounts, people = spoilt
    edited = {**people[0], "address": "新地址 9 号"}
    twin = {**people[0], "record_id": records_in([TOWNSHIP], 1, seed=1322)[0]["record_id"]}
    with accounts.server.client(accounts.worker) as client:
        response = client.post(
            "/sync/push",
            json=push_body(op(edited, base_version=1), op(twin), op(people[1], base_version=1)),
        )
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["conflict", "conflict", "accepted"]
    assert [e["rule_id"] for e in results[0]["errors"]] == ["central.unreadable"]
    assert [e["rule_id"] for e in results[1]["errors"]] == ["central.duplicate_person"]
    assert results[0]["server_record"] is None
    assert results[1]["server_record"] is None


def test_export_skips_an_unreadable_row(
    spoilt: tuple[Accounts, list[dict[str, Any]]], central_server: CentralProcess, tmp_path: Any
) -> None:
    _, people = spoilt
    out = tmp_path / "export.csv"
    result = central_server.command("export-records", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    exported = out.read_text("utf-8-sig")
    assert people[0]["record_id"] not in exported
    assert all(p["record_id"] in exported for p in people[1:])


def test_import_of_an_unreadable_row_is_a_rejected_row(
    spoilt: tuple[Accounts, list[dict[str, Any]]], central_server: CentralProcess, tmp_path: Any
) -> None:
    _, people = spoilt
    header, rows = csv_rows([{**people[0], "address": "新地址"}, people[1]])
    source = tmp_path / "again.csv"
    write_table(source, header, rows)
    result = central_server.command(
        "import-records", str(source), "--report", str(tmp_path / "r.csv")
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert (summary["accepted"], summary["rejected"]) == (1, 1)
    assert "central.unreadable" in (tmp_path / "r.csv").read_text("utf-8-sig")
