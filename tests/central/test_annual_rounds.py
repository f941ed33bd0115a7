"""Annual rounds at the API: a record is one person's survey in one year (SQLite, PostgreSQL).

Each test keeps to survey years of its own on the module's server.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from sync.contract.idcard import is_working_age
from sync.contract.records_io import write_table
from tests.helpers.accounts import Accounts
from tests.helpers.central_records import csv_rows, op, push_ops, records_in, rule_ids

COUNTY = "620102"


def surveyed(year: int, n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` records of the worker's county surveyed in ``year``."""
    return records_in([COUNTY, "620102001", "620102002"], n, seed=seed, survey_year=year)


def next_year_visit(record: dict[str, Any], day: str) -> dict[str, Any]:
    """A new year's visit to the person of ``record``: a new record, the earlier year's facts
    carried over (never its trainings), one more fact changed."""
    return {
        **record,
        "record_id": str(uuid.uuid4()),
        "survey_date": day,
        "trainings": [],
        "address": "新的住址 8 号",
    }


def review(accounts: Accounts, record_id: str, decision: str) -> str:
    """The county's review of version 1 of ``record_id``: the answer's status."""
    body = {"op_id": str(uuid.uuid4()), "record_id": record_id, "version": 1, "decision": decision}
    if decision == "return":
        body["comment"] = "请核实住址"
    with accounts.server.client(accounts.county) as client:
        response = client.post("/reviews", json=body)
    assert response.status_code == 200, response.text
    status: str = response.json()["status"]
    return status


def report_bytes(accounts: Accounts, year: int, quarter: int | None = None) -> bytes:
    params: dict[str, Any] = {"year": year, "region": COUNTY}
    if quarter is not None:
        params["quarter"] = quarter
    with accounts.server.client(accounts.county) as client:
        response = client.get("/reports/indicators", params=params)
    assert response.status_code == 200, response.text
    return response.content


def test_a_years_report_stays_the_same_after_the_next_years_round(shared: Accounts) -> None:
    first = surveyed(2021, 20, seed=301)
    assert {r["survey_date"][:4] for r in first} == {"2021"}
    results = push_ops(shared, shared.worker, *(op(r) for r in first))
    assert {r["status"] for r in results} == {"accepted"}
    year_report = report_bytes(shared, 2021)
    quarter_report = report_bytes(shared, 2021, quarter=4)
    with shared.server.client(shared.county) as client:
        entered = client.get("/reports/indicators", params={"year": 2021, "region": COUNTY})
    assert entered.json()["indicators"]["entry_rate"]["numerator"] > 0
    # The next year's round visits every person again: twenty new records.
    again = [next_year_visit(r, "2022-03-15") for r in first]
    results = push_ops(shared, shared.worker, *(op(r) for r in again))
    assert [r["status"] for r in results] == ["accepted"] * 20
    assert [r["version"] for r in results] == [1] * 20
    # The county reviews the new year's records, and one of 2021's after 2021 has ended:
    # no review counts in a year that ended before it.
    for record, decision in [(again[0], "approve"), (again[1], "return"), (first[2], "approve")]:
        assert review(shared, record["record_id"], decision) == "accepted"
    assert report_bytes(shared, 2021) == year_report
    assert report_bytes(shared, 2021, quarter=4) == quarter_report
    with shared.server.client(shared.county) as client:
        later = client.get("/reports/indicators", params={"year": 2022, "region": COUNTY}).json()
    working = sum(1 for r in first if is_working_age(r["id_number"], date(2022, 3, 15)))
    assert later["indicators"]["entry_rate"]["numerator"] == working


def test_a_new_years_visit_is_a_new_record_and_the_old_year_stays(shared: Accounts) -> None:
    [old] = surveyed(2019, 1, seed=302)
    assert push_ops(shared, shared.worker, op(old))[0]["status"] == "accepted"
    visit = next_year_visit(old, "2020-05-06")
    [result] = push_ops(shared, shared.worker, op(visit))
    assert (result["status"], result["version"], result["errors"]) == ("accepted", 1, [])
    # Correcting last year's record changes that record alone.
    fixed = {**old, "phone": "13800001111"}
    [result] = push_ops(shared, shared.county, op(fixed, base_version=1))
    assert (result["status"], result["version"]) == ("accepted", 2)
    with shared.server.client(shared.county) as client:
        changes = client.get("/sync/pull", params={"limit": 5000}).json()["changes"]
    mine = {
        c["record_id"]: c
        for c in changes
        if c["record_id"] in (old["record_id"], visit["record_id"])
    }
    assert mine[old["record_id"]]["record"]["phone"] == "13800001111"
    assert mine[old["record_id"]]["record"]["address"] == old["address"]
    assert mine[visit["record_id"]]["record"]["phone"] == old["phone"]
    assert mine[visit["record_id"]]["record"]["address"] == "新的住址 8 号"
    assert mine[visit["record_id"]]["version"] == 1


def test_a_second_record_of_one_person_in_one_year_is_a_conflict(shared: Accounts) -> None:
    [first] = surveyed(2017, 1, seed=303)
    second_year = next_year_visit(first, "2018-04-01")
    push_ops(shared, shared.worker, op(first), op(second_year))
    twice = {**next_year_visit(first, "2018-09-09"), "address": "又来一次"}
    same_year_old = {**next_year_visit(first, "2017-12-01")}
    results = push_ops(shared, shared.worker, op(twice), op(same_year_old))
    assert [r["status"] for r in results] == ["conflict", "conflict"]
    assert [rule_ids(r) for r in results] == [["central.duplicate_person"]] * 2
    assert [r["errors"][0]["message"] for r in results] == [
        "该身份证号 2018 年已有调查记录",
        "该身份证号 2017 年已有调查记录",
    ]
    # Each conflict holds that year's record: the centre's copy to resolve against.
    assert results[0]["server_record"]["record_id"] == second_year["record_id"]
    assert results[1]["server_record"]["record_id"] == first["record_id"]
    assert [r["version"] for r in results] == [1, 1]
    # Moving a record into a year the person already has is the same conflict.
    moved = {**second_year, "survey_date": "2017-10-10"}
    [result] = push_ops(shared, shared.worker, op(moved, base_version=1))
    assert (result["status"], rule_ids(result)) == ("conflict", ["central.duplicate_person"])
    assert result["server_record"]["record_id"] == first["record_id"]
    # Within one push the same holds: the first of two new records of a year wins.
    [fresh] = surveyed(2016, 1, seed=304)
    one, two = fresh, {**fresh, "record_id": str(uuid.uuid4())}
    results = push_ops(shared, shared.worker, op(one), op(two))
    assert [r["status"] for r in results] == ["accepted", "conflict"]


def test_import_matches_a_row_to_the_persons_record_of_its_year(
    shared: Accounts, tmp_path: Path
) -> None:
    [person] = surveyed(2015, 1, seed=305)
    push_ops(shared, shared.worker, op(person))
    visit = {**next_year_visit(person, "2016-06-01"), "record_id": None}
    correction = {**person, "record_id": None, "phone": "13900002222"}
    header, rows = csv_rows([visit, correction])
    path = tmp_path / "list.csv"
    write_table(path, header, rows)
    done = shared.server.command("import-records", str(path))
    assert done.returncode == 0, done.stderr
    assert '"created": 1' in done.stdout
    assert '"updated": 1' in done.stdout
    again = shared.server.command("import-records", str(path))
    assert '"unchanged": 2' in again.stdout
    with shared.server.client(shared.county) as client:
        changes = client.get("/sync/pull", params={"limit": 5000}).json()["changes"]
    theirs = sorted(
        (c["record"]["survey_date"], c["record"]["phone"], c["record"]["address"], c["version"])
        for c in changes
        if c["record"] and c["record"]["id_number"] == person["id_number"]
    )
    assert theirs == [
        (person["survey_date"], "13900002222", person["address"], 2),
        ("2016-06-01", person["phone"], "新的住址 8 号", 1),
    ]
