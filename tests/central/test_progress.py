"""GET /progress and `realname-central progress` against a hand-computed round (SQLite and
PostgreSQL): a roster, surveys across weeks by two workers, reviews, a correction.

The round of 2025, as of Sunday 15 June 2025 (the week: Monday 9 to Sunday 15 June).
Township A (620102001) has a1-a4 on the roster, township B (620102002) b1-b2, and 嘉峪关
(620201001) e1. Worker W visits a1 (10 June), a2 (20 May), b1 (15 June) and n1, a person
not on the roster (3 March), b2 (20 June, after the day asked about) and a4 in 2024 only;
worker V (of township A) visits a3 (9 June); the other county's worker visits e1 (1 June).
The county approves a1, returns n1, and returns a2, which W corrects.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from sync.central.cli import main
from sync.contract.progress_wire import ProgressResponse
from sync.contract.samples import sample_records
from tests.helpers.accounts import KINDS, PASSWORD, Accounts, running_centre
from tests.helpers.central_records import op, push_body
from tests.helpers.roster_files import roster_file

YEAR, AS_OF = 2025, "2025-06-15"
A, B, ELSEWHERE = "620102001", "620102002", "620201001"


def _person(region: str, seed: int, day: str) -> dict[str, Any]:
    """A valid record in ``region`` surveyed on ``day``."""
    [record] = sample_records(1, seed=seed, region_codes=[region], survey_year=int(day[:4]))
    record["survey_date"] = day
    if record.get("employment_date") and record["employment_date"] > day:
        record["employment_date"] = day
    return record


def _push(accounts: Accounts, token: str, *ops: dict[str, Any], **headers: str) -> list[int]:
    with accounts.server.client(token) as client:
        response = client.post("/sync/push", json=push_body(*ops), headers=headers)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["accepted"] * len(ops), results
    return [r["version"] for r in results]


def _review(accounts: Accounts, record_id: str, version: int, decision: str) -> None:
    body = {
        "op_id": str(uuid.uuid4()),
        "record_id": record_id,
        "version": version,
        "decision": decision,
        **({"comment": "请核对"} if decision == "return" else {}),
    }
    # The county's laptop says what it has queued, as a worker's does.
    headers = {"X-App-Version": "0.9.1", "X-Queue-Length": "2"}
    with accounts.server.client(accounts.county) as client:
        answer = client.post("/reviews", json=body, headers=headers)
        assert answer.json()["status"] == "accepted"


@pytest.fixture(scope="module", params=KINDS)
def round_of_2025(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Accounts]:
    """The round described above, on a server of the module's own (the tests only read)."""
    for accounts in running_centre(request.param, tmp_path_factory):
        _survey(accounts, tmp_path_factory.mktemp("roster"))
        yield accounts


def _survey(accounts: Accounts, tmp_path: Path) -> None:
    a1, a2, a3, a4 = (_person(A, seed, "2025-06-01") for seed in (1, 2, 3, 4))
    b1, b2 = (_person(B, seed, "2025-06-01") for seed in (5, 6))
    e1 = _person(ELSEWHERE, 7, "2025-06-01")
    path = roster_file(tmp_path / "roster.csv", YEAR, [a1, a2, a3, a4, b1, b2, e1])
    assert main(["--db", accounts.server.db_url, "import-reference", "roster", str(path)]) == 0
    worker_v = "v" + accounts.suffix
    accounts.server.create_user(worker_v, "worker", A, PASSWORD)
    v_token = accounts.server.login(worker_v, PASSWORD, device_id="dev-v")

    visits = {
        "a1": {**a1, "survey_date": "2025-06-10"},
        "a2": {**a2, "survey_date": "2025-05-20"},
        "b1": {**b1, "survey_date": "2025-06-15"},
        "n1": _person(A, 8, "2025-03-03"),
        "b2": {**b2, "survey_date": "2025-06-20"},
        "a4_2024": {**_person(A, 4, "2024-05-05"), "record_id": str(uuid.uuid4())},
    }
    headers = {"X-App-Version": "0.9.0", "X-Queue-Length": "3"}
    _push(accounts, accounts.worker, *(op(r) for r in visits.values()), **headers)
    _push(accounts, v_token, op({**a3, "survey_date": "2025-06-09"}))
    _push(accounts, accounts.other_worker, op(e1))
    _review(accounts, visits["a1"]["record_id"], 1, "approve")
    _review(accounts, visits["n1"]["record_id"], 1, "return")
    _review(accounts, visits["a2"]["record_id"], 1, "return")
    corrected = {**visits["a2"], "address": "更正后的地址"}
    _push(accounts, accounts.worker, op(corrected, base_version=1))


def _progress(accounts: Accounts, token: str, **params: Any) -> Any:
    with accounts.server.client(token) as client:
        return client.get("/progress", params={"year": YEAR, "as_of": AS_OF, **params})


def _figures(item: dict[str, Any]) -> tuple[Any, ...]:
    keys = ("roster", "surveyed", "rate", "surveyed_last_7_days")
    return (*(item[k] for k in keys), item["approved"], item["returned"], item["unreviewed"])


def test_a_countys_progress_is_the_hand_computed_one(round_of_2025: Accounts) -> None:
    accounts = round_of_2025
    response = _progress(accounts, accounts.county)
    assert response.status_code == 200, response.text
    body = response.json()
    # The declared shape, which the laptop reads.
    assert ProgressResponse.model_validate(body).totals.unreviewed == 3
    assert (body["year"], body["as_of"], body["region"]["code"]) == (YEAR, AS_OF, "620102")
    # roster, surveyed, rate, last 7 days, approved, returned, unreviewed
    assert _figures(body["totals"]) == (6, 5, 83.33, 3, 1, 1, 3)
    children = {c["region"]["code"]: _figures(c) for c in body["children"]}
    # n1, not on the roster, counts as surveyed: A is at 100 % with a4 still to visit.
    assert children[A] == (4, 4, 100.0, 2, 1, 1, 2)
    assert children[B] == (2, 1, 50.0, 1, 0, 0, 1)
    assert children["620102003"] == (0, 0, None, 0, 0, 0, 0)
    assert len(children) == 28  # the county's townships, each once
    workers = {w["username"]: w for w in body["workers"]}
    assert set(workers) == {"w" + accounts.suffix, "v" + accounts.suffix}
    w, v = workers["w" + accounts.suffix], workers["v" + accounts.suffix]
    assert (w["region_code"], w["surveyed"], w["app_version"], w["queued"]) == (
        "620102",
        4,
        "0.9.0",
        3,
    )
    assert (v["region_code"], v["surveyed"], v["app_version"], v["queued"]) == (A, 1, None, None)
    assert w["last_sync_at"] is not None
    assert v["last_sync_at"] is not None
    # The county's own laptop is listed apart, with its queue of reviews; no count changes.
    [county] = body["staff"]
    assert {key: value for key, value in county.items() if key != "last_sync_at"} == {
        "username": "c" + accounts.suffix,
        "role": "county",
        "region_code": "620102",
        "surveyed": 0,
        "app_version": "0.9.1",
        "queued": 2,
    }
    assert county["last_sync_at"] is not None
    weeks = body["weeks"]
    assert (weeks[0]["week_start"], weeks[-1]["week_start"], len(weeks)) == (
        "2024-12-30",
        "2025-06-09",
        24,
    )
    assert {w["week_start"]: w["surveyed"] for w in weeks if w["surveyed"]} == {
        "2025-03-03": 1,
        "2025-05-19": 1,
        "2025-06-09": 3,
    }


def test_the_province_sees_every_prefecture(round_of_2025: Accounts) -> None:
    accounts = round_of_2025
    body = _progress(accounts, accounts.province).json()
    assert _figures(body["totals"]) == (7, 6, 85.71, 3, 1, 1, 4)
    children = {c["region"]["code"]: _figures(c) for c in body["children"]}
    assert len(children) == 14
    assert children["620100"] == (6, 5, 83.33, 3, 1, 1, 3)
    assert children["620200"] == (1, 1, 100.0, 0, 0, 0, 1)
    assert {w["username"] for w in body["workers"]} == {
        "w" + accounts.suffix,
        "v" + accounts.suffix,
        "x" + accounts.suffix,
    }
    staff = {(s["username"], s["role"], s["queued"]) for s in body["staff"]}
    assert staff == {
        ("c" + accounts.suffix, "county", 2),
        ("m" + accounts.suffix, "city", None),
        ("p" + accounts.suffix, "province", None),
    }
    # A later day counts b2, surveyed on 20 June, and a new week.
    later = _progress(accounts, accounts.province, as_of="2025-06-22").json()
    assert _figures(later["totals"]) == (7, 7, 100.0, 1, 1, 1, 5)


def test_progress_is_for_staff_in_their_region(round_of_2025: Accounts) -> None:
    accounts = round_of_2025
    assert _progress(accounts, accounts.worker).status_code == 403
    assert _progress(accounts, accounts.county, region="620201").status_code == 403
    assert _progress(accounts, accounts.city, region="620102").status_code == 200
    assert _progress(accounts, accounts.county, region="629999").status_code == 404


def test_the_weekly_ranking_as_text_and_xlsx(
    round_of_2025: Accounts, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", round_of_2025.server.db_url]
    args = ["progress", "--year", str(YEAR), "--region", "620100", "--as-of", AS_OF]
    assert main([*db, *args, "--format", "text"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "兰州市2025年残疾人就业实名制调查进度排名（截至6月15日）"
    assert lines[1].split("\t") == [
        "排名", "地区", "底册人数", "已调查", "调查率(%)", "本周新增", "已审核", "退回"
    ]  # fmt: skip
    assert lines[2].split("\t") == ["1", "城关区", "6", "5", "83.33", "3", "1", "1"]
    assert lines[-2].split("\t") == ["", "合计", "6", "5", "83.33", "3", "1", "1"]
    # 兰州's counties, 城关区 first, each once.
    assert len(lines) == 2 + 9 + 1 + 1
    output = tmp_path / "rank.xlsx"
    assert main([*db, *args, "--format", "xlsx", "--output", str(output)]) == 0
    sheet = load_workbook(output).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[2] == [1, "城关区", 6, 5, 83.33, 3, 1, 1]
    assert rows[-1] == [None, "合计", 6, 5, 83.33, 3, 1, 1]
    # The JSON format is the API's answer.
    assert main([*db, *args, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["surveyed"] == 5
    assert date.fromisoformat(AS_OF).weekday() == 6  # the day asked about is a Sunday
