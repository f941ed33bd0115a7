"""``GET /reports/indicators`` and ``realname-central report`` against the real server."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sync.contract.idcard import is_working_age
from sync.contract.regions import default_tree
from tests.helpers.accounts import Accounts
from tests.helpers.central_records import op, push_body, records_in

YEAR = 2024
TREE = default_tree()
# 620102001 lies in 兰州 (620100), 620201 in 嘉峪关 (620200).
REGIONS = ["620102001", "620102", "620201"]


def _entered(records: list[dict[str, Any]], prefix: str) -> int:
    """The entry-rate numerator by the definition, computed here independently."""
    return sum(
        1
        for r in records
        if r["region_code"].startswith(prefix)
        and r["survey_date"].startswith(str(YEAR))
        and is_working_age(r["id_number"], date.fromisoformat(r["survey_date"]))
    )


def _urban(records: list[dict[str, Any]]) -> int:
    return sum(
        1
        for r in records
        if r["hukou_type"] == 1
        and r["employment_status"] == 1
        and (r.get("employment_date") or "").startswith(str(YEAR))
    )


@pytest.fixture(scope="module")
def pushed(shared: Accounts) -> list[dict[str, Any]]:
    """Records of three regions pushed once per module by the province account, and targets."""
    records = records_in(REGIONS, 60, seed=23)
    with shared.server.client(shared.province) as client:
        answer = client.post("/sync/push", json=push_body(*(op(r) for r in records)))
        answer.raise_for_status()
    accepted = {r["record_id"] for r in answer.json()["results"] if r["status"] == "accepted"}
    assert accepted, answer.json()["results"][:2]
    folder = shared.server.data_dir
    (folder / "targets.csv").write_text(
        "region_code,year,indicator,target\n"
        f"620100,{YEAR},urban_new_employment,4\n"
        f"620200,{YEAR},urban_new_employment,6\n",
        encoding="utf-8",
    )
    (folder / "base.csv").write_text(
        f"region_code,year,working_age_disabled\n620000,{YEAR},1000\n", encoding="utf-8"
    )
    for kind, name in (("targets", "targets.csv"), ("base-population", "base.csv")):
        done = shared.server.command("import-reference", kind, str(folder / name))
        assert done.returncode == 0, done.stderr
    return [r for r in records if r["record_id"] in accepted]


def get(shared: Accounts, token: str, **params: Any) -> Any:
    with shared.server.client(token) as client:
        return client.get("/reports/indicators", params={"year": YEAR, **params})


def test_province_report_counts_by_the_definitions(
    shared: Accounts, pushed: list[dict[str, Any]]
) -> None:
    answer = get(shared, shared.province)
    assert answer.status_code == 200
    body = answer.json()
    assert body["region"] == {"code": "620000", "name": "甘肃省", "short_name": "甘肃"}
    assert (body["year"], body["quarter"]) == (YEAR, None)
    entry = body["indicators"]["entry_rate"]
    assert entry["numerator"] == _entered(pushed, "62")
    assert entry["denominator"] == 1000
    assert entry["rate"] == round(entry["numerator"] / 10, 2)
    urban = body["indicators"]["urban_new_employment"]
    assert urban["numerator"] == _urban(pushed)
    assert urban["denominator"] == 10  # the province's target: the sum of its children's
    children = {c["region"]["code"]: c["indicators"] for c in body["children"]}
    assert len(children) == 14
    assert children["620100"]["entry_rate"]["numerator"] == _entered(pushed, "620102")
    assert children["620200"]["entry_rate"]["numerator"] == _entered(pushed, "620201")
    assert children["620200"]["entry_rate"]["rate"] is None  # no base for 嘉峪关


def test_default_region_is_the_callers_and_others_are_refused(
    shared: Accounts, pushed: list[dict[str, Any]]
) -> None:
    body = get(shared, shared.city).json()
    assert body["region"]["code"] == "620100"
    assert body["indicators"]["entry_rate"]["numerator"] == _entered(pushed, "620102")
    assert get(shared, shared.city, region="620200").status_code == 403
    assert get(shared, shared.province, region="620102", quarter=1).status_code == 200


@pytest.mark.parametrize(
    ("params", "status"),
    [({"region": "999999"}, 404), ({"quarter": 5}, 422), ({"year": "x"}, 422)],
)
def test_bad_queries_are_clear_errors(
    shared: Accounts, params: dict[str, Any], status: int
) -> None:
    answer = get(shared, shared.province, **params)
    assert answer.status_code == status
    assert "999999" in answer.text or status == 422


def test_report_needs_a_token(shared: Accounts) -> None:
    with shared.server.client() as client:
        assert client.get("/reports/indicators", params={"year": YEAR}).status_code == 401


@pytest.mark.slow
def test_command_writes_every_format(
    shared: Accounts, pushed: list[dict[str, Any]], tmp_path: Path
) -> None:
    done = shared.server.command("report", "--year", str(YEAR), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["indicators"]["entry_rate"]["numerator"] == _entered(
        pushed, "62"
    )
    done = shared.server.command("report", "--year", str(YEAR), "--format", "text")
    assert done.returncode == 0, done.stderr
    assert "一、基本状况" in done.stdout
    assert "(一)总体录入状况。全省共有就业年龄段残疾人1000人" in done.stdout
    out, lists = tmp_path / "report.xlsx", tmp_path / "lists.xlsx"
    done = shared.server.command(
        "report", "--year", str(YEAR), "--quarter", "4", "--region", "620100",
        "--format", "xlsx", "--output", str(out), "--service-lists", str(lists),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    # The centre's report adds the review and return rates (数据审核) after the annexes.
    assert book.sheetnames == [*(f"附件{n}" for n in range(1, 7)), "数据审核"]
    assert list(book["附件1"].iter_rows(values_only=True))[-1][:2] == ("合计", "兰州")
    counts = json.loads(done.stderr.strip().splitlines()[-1])["service_lists"]
    assert set(counts) == {"priority_training", "priority_employment", "graduate_follow_up"}
    assert openpyxl.load_workbook(lists).sheetnames == [
        "优先培训",
        "优先就业服务",
        "毕业生一对一帮扶",
    ]


def test_command_refuses_unknown_region(shared: Accounts) -> None:
    done = shared.server.command(
        "report", "--year", str(YEAR), "--region", "123456", "--format", "json"
    )
    assert done.returncode == 2
    assert "123456" in done.stderr
    assert "Traceback" not in done.stderr
