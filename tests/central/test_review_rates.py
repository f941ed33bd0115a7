"""The review rate (审核率) and the return rate (退回率) per region, as of a period's end,
against the real server (SQLite and PostgreSQL): in the report JSON, in the quality
measures and in every rendering of the 通报.

The records are pushed and reviewed through the API; the audit rows' times (when each
review and each version came to the centre, and each record's latest review, first return
and next version) are then set to the story below, since the server's clock is today's.
Hand-computed, in 城关区 (620102) and 七里河区 (620103) of 兰州:

====  ========  ================================================================
rec   surveyed  story (China Standard Time)
====  ========  ================================================================
a1    03-10     approved 03-20
a2    03-10     returned 03-21, corrected 03-25, approved 03-28
a3    03-10     returned 03-22, corrected 03-29, not reviewed again
a4    03-10     approved 04-05 (after the first quarter)
a5    03-10     never reviewed
a6    03-10     approved 03-20, corrected 04-10 (after the first quarter)
a7    03-10     never reviewed
b1    05-10     returned 06-30 23:30 (the second quarter's last half hour)
b2    05-10     approved 07-01 00:10 (China time: after the second quarter)
====  ========  ================================================================

First quarter, 城关区: 7 records; standing at 03-31: a1, a2, a6 (3); reviewed at least
once: a1, a2, a3, a6 (4); returned: a2, a3 (2). 七里河区: no record yet.
Second quarter, 城关区: 7; standing: a1, a2, a4 (a3 and a6 were corrected since) (3);
reviewed: a1-a4, a6 (5); returned 2. 七里河区: 2; standing b1 (1); reviewed 1; returned 1.
兰州: 9; 4; 6; 3.
"""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from sqlalchemy import select, update

from sync.central.db import make_engine
from sync.central.reports import indicator_report
from sync.central.review_tables import review_ops, reviews
from sync.central.tables import record_versions
from sync.contract.indicators import Period
from sync.contract.report import Report, render
from tests.helpers.accounts import Accounts
from tests.helpers.central_records import op, push_body, records_in
from tests.helpers.pdf_text import pdf_text

CHINA = timezone(timedelta(hours=8))
CITY, A, B = "620100", "620102", "620103"


def _at(month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=CHINA).astimezone(UTC)


def _push(accounts: Accounts, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    with accounts.server.client(accounts.province) as client:
        answer = client.post("/sync/push", json=push_body(*ops))
    answer.raise_for_status()
    results: list[dict[str, Any]] = answer.json()["results"]
    assert {r["status"] for r in results} == {"accepted"}, results
    return results


def _review(accounts: Accounts, record_id: str, version: int, decision: str) -> str:
    op_id = str(uuid.uuid4())
    body = {"op_id": op_id, "record_id": record_id, "version": version, "decision": decision}
    if decision == "return":
        body["comment"] = "请核实电话"
    with accounts.server.client(accounts.province) as client:
        answer = client.post("/reviews", json=body)
    assert answer.json()["status"] == "accepted", answer.text
    return op_id


class Story:
    """Pushes and reviews through the API, then dates them as the module's story says."""

    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts
        self.review_times: dict[str, datetime] = {}
        self.version_times: dict[tuple[str, int], datetime] = {}
        self.latest_review: dict[str, datetime] = {}  # as ``reviews`` keeps it
        self.first_return: dict[str, datetime] = {}  # as ``reviews`` keeps it
        self.superseded: dict[str, datetime] = {}  # as ``reviews`` keeps it

    def survey(self, region: str, n: int, day: str, seed: int) -> list[dict[str, Any]]:
        made = records_in([region], n, seed=seed)
        for record in made:
            record.update(survey_date=day, trainings=[])
            if record.get("employment_date"):
                record["employment_date"] = "2020-01-01"
        _push(self.accounts, *(op(r) for r in made))
        for record in made:
            self.version_times[(record["record_id"], 1)] = _at(3, 10)
        return made

    def review(self, record: dict[str, Any], version: int, decision: str, at: datetime) -> None:
        self.review_times[_review(self.accounts, record["record_id"], version, decision)] = at
        self.latest_review[record["record_id"]] = at
        self.superseded.pop(record["record_id"], None)
        if decision == "return":
            self.first_return.setdefault(record["record_id"], at)

    def correct(self, record: dict[str, Any], version: int, at: datetime) -> None:
        record["phone"] = "13800000000" if record.get("phone") != "13800000000" else "13900000000"
        _push(self.accounts, op(record, base_version=version - 1))
        self.version_times[(record["record_id"], version)] = at
        if record["record_id"] in self.latest_review:
            self.superseded.setdefault(record["record_id"], at)

    def date_the_audit(self) -> None:
        engine = make_engine(self.accounts.server.db_url)
        try:
            with engine.begin() as conn:
                # The database marked the reviews the pushes superseded, and those alone.
                rv = reviews.c
                marked = conn.execute(select(rv.record_id).where(rv.superseded_at.is_not(None)))
                assert set(marked.scalars()) == set(self.superseded)
                for op_id, at in self.review_times.items():
                    conn.execute(
                        update(review_ops).where(review_ops.c.op_id == op_id).values(received_at=at)
                    )
                for record_id, at in self.latest_review.items():
                    conn.execute(
                        update(reviews)
                        .where(reviews.c.record_id == record_id)
                        .values(
                            reviewed_at=at,
                            returned_at=self.first_return.get(record_id),
                            superseded_at=self.superseded.get(record_id),
                        )
                    )
                for (record_id, version), at in self.version_times.items():
                    v = record_versions.c
                    conn.execute(
                        update(record_versions)
                        .where(v.record_id == record_id, v.version == version)
                        .values(saved_at=at)
                    )
                dated = conn.execute(
                    select(review_ops.c.op_id).where(
                        review_ops.c.op_id.in_(list(self.review_times))
                    )
                ).all()
            assert len(dated) == len(self.review_times)
        finally:
            engine.dispose()


@pytest.fixture(scope="module")
def story(shared: Accounts) -> Story:
    told = Story(shared)
    a = told.survey(A, 7, "2024-03-10", seed=71)
    b = told.survey(B, 2, "2024-05-10", seed=72)
    told.review(a[0], 1, "approve", _at(3, 20))
    told.review(a[1], 1, "return", _at(3, 21))
    told.correct(a[1], 2, _at(3, 25))
    told.review(a[1], 2, "approve", _at(3, 28))
    told.review(a[2], 1, "return", _at(3, 22))
    told.correct(a[2], 2, _at(3, 29))
    told.review(a[3], 1, "approve", _at(4, 5))
    told.review(a[5], 1, "approve", _at(3, 20))
    told.correct(a[5], 2, _at(4, 10))
    told.review(b[0], 1, "return", _at(6, 30, 23, 30))
    told.review(b[1], 1, "approve", _at(7, 1, 0, 10))
    told.date_the_audit()
    return told


def _share(numerator: int, denominator: int, rate: float | None) -> dict[str, Any]:
    return {"numerator": numerator, "denominator": denominator, "rate": rate}


def _figures(review: tuple[int, int, float | None], back: tuple[int, int, float | None]) -> Any:
    return {"review_rate": _share(*review), "return_rate": _share(*back)}


def _report(accounts: Accounts, quarter: int | None) -> Any:
    params: dict[str, Any] = {"year": 2024, "region": CITY}
    if quarter is not None:
        params["quarter"] = quarter
    with accounts.server.client(accounts.province) as client:
        response = client.get("/reports/indicators", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _children(body: dict[str, Any]) -> dict[str, Any]:
    return {c["region"]["code"]: c["reviews"] for c in body["children"]}


def test_the_first_quarter_counts_what_stood_at_its_end(story: Story) -> None:
    body = _report(story.accounts, 1)
    children = _children(body)
    assert children[A] == _figures((3, 7, 42.86), (2, 4, 50.0))
    assert children[B] == _figures((0, 0, None), (0, 0, None))
    assert body["reviews"] == _figures((3, 7, 42.86), (2, 4, 50.0))
    # The indicators' keys are as they were; the reviews come beside them.
    assert list(body) == ["year", "quarter", "region", "indicators", "children", "reviews"]
    assert list(body["children"][0]) == ["region", "indicators", "reviews"]


def test_the_second_quarter_sees_corrections_and_its_last_half_hour(story: Story) -> None:
    body = _report(story.accounts, 2)
    children = _children(body)
    assert children[A] == _figures((3, 7, 42.86), (2, 5, 40.0))
    assert children[B] == _figures((1, 2, 50.0), (1, 1, 100.0))
    assert body["reviews"] == _figures((4, 9, 44.44), (3, 6, 50.0))


def test_the_year_counts_every_review_made_in_it(story: Story) -> None:
    children = _children(_report(story.accounts, None))
    assert children[B] == _figures((2, 2, 100.0), (1, 2, 50.0))


def test_the_quality_measures_carry_the_same_figures(story: Story) -> None:
    with story.accounts.server.client(story.accounts.province) as client:
        response = client.get(
            "/spot-checks/quality", params={"year": 2024, "quarter": 2, "region": CITY}
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["reviews"] == _figures((4, 9, 44.44), (3, 6, 50.0))
    children = {c["region"]["code"]: c["reviews"] for c in body["children"]}
    assert children[B] == _figures((1, 2, 50.0), (1, 1, 100.0))


@pytest.fixture(scope="module")
def second_quarter(story: Story) -> Report:
    """The centre's 通报 of 兰州 for the second quarter, with every detail."""
    engine = make_engine(story.accounts.server.db_url)
    try:
        return indicator_report(engine, CITY, Period(2024, 2))
    finally:
        engine.dispose()


ROW_A = ["城关区", "7", "3", "42.86", "5", "2", "40.00"]
TOTAL = ["合计(兰州)", "9", "4", "44.44", "6", "3", "50.00"]


def test_the_text_names_the_figures_and_holds_the_table(story: Story) -> None:
    answer = story.accounts.server.command(
        "report", "--year", "2024", "--quarter", "2", "--region", CITY, "--format", "text"
    )
    assert answer.returncode == 0, answer.stderr
    text = answer.stdout
    quality = text.split("、数据质量")[1].split("附件1")[0]
    assert (
        "(四)数据审核。截至2024年6月30日,全市本年度调查录入9条,"
        "已审核(审核通过或退回,以期末审核结论为准)4条,审核率44.44%;"
        "累计审核6条,其中曾退回修改3条,退回率50%。"
        "审核率较低的县区:城关区(42.86%)、七里河区(50%),请督促及时审核。"
    ) in quality
    lines = quality.splitlines()
    assert "\t".join(ROW_A) in lines
    assert "\t".join(TOTAL) in lines


def test_the_xlsx_has_a_review_sheet(second_quarter: Report) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(second_quarter, "xlsx")))
    assert book.sheetnames == [*(f"附件{n}" for n in range(1, 7)), "数据审核"]
    rows = list(book["数据审核"].iter_rows(values_only=True))
    assert rows[0][0] == "各县区数据审核情况(截至2024年6月30日)"
    assert rows[1] == ("地区", "录入条数", "已审核", "审核率(%)", "累计审核", "曾退回", "退回率(%)")
    assert ("城关区", 7, 3, 42.86, 5, 2, 40.0) in rows
    assert rows[-1] == ("合计(兰州)", 9, 4, 44.44, 6, 3, 50.0)


def test_the_docx_has_the_paragraph_and_table(second_quarter: Report) -> None:
    document = docx.Document(io.BytesIO(render(second_quarter, "docx")))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "审核率44.44%;累计审核6条,其中曾退回修改3条,退回率50%。" in body
    [table] = [t for t in document.tables if t.rows[0].cells[0].text == "地区"]
    assert [c.text for c in table.rows[-1].cells] == TOTAL
    assert ROW_A in [[c.text for c in row.cells] for row in table.rows]


def test_the_pdf_shows_the_figures(second_quarter: Report, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(second_quarter, "pdf"))
    text = pdf_text(pdf)
    flat = "".join(text.split())
    assert "审核率44.44%;累计审核6条,其中曾退回修改3条,退回率50%。" in flat
    lines = {" ".join(line.split()) for line in text.splitlines()}
    assert " ".join(ROW_A) in lines
    assert " ".join(TOTAL) in lines


def test_a_record_changed_since_its_review_counts_as_it_is_now(shared: Accounts) -> None:
    """Reviews superseded since count in the record's present region, and a voided record
    not at all; this year's report, every review and change made before its end (today)."""
    year = datetime.now(CHINA).year
    made = records_in(["620302001"], 3, seed=73, survey_year=year)
    for record in made:
        record.update(survey_date=f"{year}-01-01", trainings=[])
        if record.get("employment_date"):
            record["employment_date"] = "2020-01-01"
    _push(shared, *(op(r) for r in made))
    voided, moved, kept = made
    _review(shared, voided["record_id"], 1, "approve")
    _review(shared, moved["record_id"], 1, "return")
    _review(shared, kept["record_id"], 1, "approve")
    # The correction moves the record to another county; the first record is voided.
    _push(shared, op(dict(moved, region_code="620321100"), base_version=1))
    with shared.server.client(shared.province) as client:
        answer = client.post(f"/records/{voided['record_id']}/void", json={"reason": "重复"})
        assert answer.status_code == 200, answer.text
        response = client.get("/reports/indicators", params={"year": year, "region": "620300"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert _children(body) == {
        "620302": _figures((1, 1, 100.0), (0, 1, 0.0)),
        "620321": _figures((0, 1, 0.0), (1, 1, 100.0)),
    }
    assert body["reviews"] == _figures((1, 2, 50.0), (1, 2, 50.0))
