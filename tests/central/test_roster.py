"""The roster (调查底册): `import-reference roster` and GET /sync/roster, on both databases.

Each test uses a year of its own on the module's server, since a roster import concerns
the years in its file alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sync.central import roster_import
from sync.central.cli import main
from sync.contract.protocol import RosterResponse
from sync.contract.records_io import write_table
from tests.helpers.accounts import PASSWORD, Accounts
from tests.helpers.roster_files import roster_file, roster_people

TOWNSHIP_A = "620102001"
TOWNSHIP_B = "620102002"
ELSEWHERE = "620201001"  # 嘉峪关: another county and city


@pytest.fixture
def load(
    shared: Accounts, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, dict[str, Any], str]]:
    """Runs the import in this process (a subprocess per import costs seconds): its exit
    status, its JSON line and its error output."""

    def run(path: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
        args = ["--db", shared.server.db_url, "import-reference", "roster", str(path), *extra]
        status = main(args)
        out, err = capsys.readouterr()
        return status, (json.loads(out) if out.strip() else {}), err

    return run


Load = Callable[..., tuple[int, dict[str, Any], str]]


def pull_roster(
    accounts: Accounts, token: str, year: int, since: str = "", limit: int = 1000
) -> tuple[list[dict[str, Any]], str]:
    """Every page of the roster after ``since``; the entries and the last cursor."""
    entries: list[dict[str, Any]] = []
    cursor = since
    with accounts.server.client(token) as client:
        while True:
            params: dict[str, Any] = {"year": year, "limit": limit}
            if cursor:
                params["since"] = cursor
            response = client.get("/sync/roster", params=params)
            assert response.status_code == 200, response.text
            page = response.json()
            entries.extend(page["entries"])
            cursor = page["cursor"]
            if not page["more"]:
                return entries, cursor


def township_worker(accounts: Accounts, township: str, name: str) -> str:
    """A worker of one township, logged in."""
    username = f"{name}{accounts.suffix}"
    accounts.server.create_user(username, "worker", township, PASSWORD)
    return accounts.server.login(username, PASSWORD, device_id=f"dev-{name}")


def gone(id_number: str, year: int) -> dict[str, Any]:
    """A deleted entry as the centre sends it: its id_number and year alone."""
    return {
        "id_number": id_number,
        "year": year,
        **dict.fromkeys(roster_import.COLUMNS[2:]),
        "deleted": True,
    }


def live(entry: dict[str, Any], year: int) -> dict[str, Any]:
    """An entry on the roster as the centre sends it."""
    return {"id_number": entry["id_number"], "year": year, **entry, "deleted": False}


def test_each_account_pulls_its_regions_roster_page_by_page(
    shared: Accounts, tmp_path: Path, load: Load
) -> None:
    year = 2011
    a, b, other = (
        roster_people(TOWNSHIP_A, 3, 1),
        roster_people(TOWNSHIP_B, 2, 2),
        roster_people(ELSEWHERE, 2, 3),
    )
    status, line, _ = load(roster_file(tmp_path / "r.csv", year, a + b + other))
    assert (status, line["added"], line["taken_off"], line["years"]) == (0, 7, 0, [year])
    worker_a = township_worker(shared, TOWNSHIP_A, "ta")
    worker_b = township_worker(shared, TOWNSHIP_B, "tb")
    seen = {
        who: pull_roster(shared, token, year, limit=2)[0]
        for who, token in [
            ("a", worker_a),
            ("b", worker_b),
            ("county", shared.county),
            ("other", shared.other_worker),
            ("province", shared.province),
        ]
    }
    assert seen["a"] == [live(e, year) for e in a]
    assert seen["b"] == [live(e, year) for e in b]
    assert seen["county"] == [live(e, year) for e in a + b]
    assert seen["other"] == [live(e, year) for e in other]
    assert seen["province"] == [live(e, year) for e in a + b + other]
    # The answer is the contract's, typed as the laptop reads it.
    typed = RosterResponse.model_validate({"entries": seen["a"], "cursor": "1", "more": False})
    first = typed.entries[0]
    assert (first.disability_category, first.disability_level, first.village) == (
        a[0]["disability_category"],
        a[0]["disability_level"],
        a[0]["village"],
    )
    assert isinstance(first.disability_category, int)
    # Nothing new: the cursor holds; another year is another roster.
    _, cursor = pull_roster(shared, worker_a, year)
    assert pull_roster(shared, worker_a, year, since=cursor) == ([], cursor)
    assert pull_roster(shared, worker_a, year + 1)[0] == []


def test_importing_the_same_roster_again_changes_nothing(
    shared: Accounts, tmp_path: Path, load: Load
) -> None:
    year = 2012
    entries = roster_people(TOWNSHIP_A, 4, 4)
    path = roster_file(tmp_path / "r.xlsx", year, entries)
    assert load(path)[:2][0] == 0
    everything, cursor = pull_roster(shared, shared.county, year)
    assert len(everything) == 4
    status, line, _ = load(path)
    assert status == 0
    assert (line["added"], line["changed"], line["unchanged"], line["taken_off"]) == (0, 0, 4, 0)
    assert pull_roster(shared, shared.county, year, since=cursor) == ([], cursor)
    assert pull_roster(shared, shared.county, year)[0] == everything


def test_the_years_roster_is_the_whole_file(shared: Accounts, tmp_path: Path, load: Load) -> None:
    """Importing a year's roster again takes off the persons missing from it, updates the
    changed ones, and a person moved to another township leaves the first one's roster."""
    year = 2013
    stays, leaves, changes, moves = roster_people(TOWNSHIP_A, 4, 5)
    worker_a = township_worker(shared, TOWNSHIP_A, "tc")
    worker_b = township_worker(shared, TOWNSHIP_B, "td")
    load(roster_file(tmp_path / "first.csv", year, [stays, leaves, changes, moves]))
    _, cursor_a = pull_roster(shared, worker_a, year)
    _, cursor_b = pull_roster(shared, worker_b, year)
    changed = {**changes, "address": "新地址1号", "phone": None}
    moved = {**moves, "region_code": TOWNSHIP_B, "village": "另一村"}
    status, line, _ = load(roster_file(tmp_path / "second.csv", year, [stays, changed, moved]))
    assert status == 0
    assert (line["added"], line["changed"], line["unchanged"], line["taken_off"]) == (0, 2, 1, 1)
    news_a, _ = pull_roster(shared, worker_a, year, since=cursor_a)
    assert sorted(news_a, key=lambda e: e["id_number"]) == sorted(
        [live(changed, year), gone(moves["id_number"], year), gone(leaves["id_number"], year)],
        key=lambda e: e["id_number"],
    )
    assert pull_roster(shared, worker_b, year, since=cursor_b)[0] == [live(moved, year)]
    # From the start, the county sees the roster as it is now, the one taken off as deleted.
    now = {e["id_number"]: e for e in pull_roster(shared, shared.county, year)[0]}
    assert now == {
        stays["id_number"]: live(stays, year),
        changes["id_number"]: live(changed, year),
        moves["id_number"]: live(moved, year),
        leaves["id_number"]: gone(leaves["id_number"], year),
    }
    # Back on the roster: the same entry, live again.
    _, cursor = pull_roster(shared, shared.county, year)
    load(roster_file(tmp_path / "third.csv", year, [stays, changed, moved, leaves]))
    assert pull_roster(shared, shared.county, year, since=cursor)[0] == [live(leaves, year)]


def test_every_bad_row_is_named_and_nothing_is_written(
    shared: Accounts, tmp_path: Path, load: Load
) -> None:
    year = 2014
    good, wrong_check, wrong_cert, wrong_code, nowhere, again = roster_people(TOWNSHIP_A, 6, 6)
    last = wrong_check["id_number"][-1]
    wrong_check["id_number"] = wrong_check["id_number"][:17] + ("1" if last != "1" else "2")
    wrong_cert["disability_cert_number"] = (
        f"{good['id_number']}{wrong_cert['disability_category']}{wrong_cert['disability_level']}"
    )
    wrong_code["disability_category"] = 9
    nowhere["region_code"] = "629999001"
    again = {**good, "address": "另一个地址"}
    path = roster_file(
        tmp_path / "bad.csv", year, [good, wrong_check, wrong_cert, wrong_code, nowhere, again]
    )
    report = tmp_path / "report.json"
    status, line, _ = load(path, "--report", str(report))
    assert status == 1
    assert (line["rows"], line["rejected"], line["written"]) == (6, 5, False)
    refused = {(r["row"], r["field"], r["rule_id"]) for r in json.loads(report.read_text())}
    assert refused == {
        (3, "id_number", "R-ID-CHECK"),
        (4, "id_number", "R-CERT-ID"),
        (4, "disability_cert_number", "R-CERT-ID"),
        (5, "disability_category", "R-CODE-CATEGORY"),
        (6, "region_code", "R-REGION"),
        (7, "id_number", "roster.repeated"),
    }
    # The report names rows and fields, never a person.
    text = report.read_text(encoding="utf-8")
    for person in (good, wrong_cert, wrong_code, nowhere):
        assert person["id_number"] not in text
        assert person["name"] not in text
    assert pull_roster(shared, shared.province, year)[0] == []


def test_a_bad_year_is_named_and_a_dry_run_writes_nothing(
    shared: Accounts, tmp_path: Path, load: Load
) -> None:
    year = 2015
    entries = roster_people(TOWNSHIP_A, 2, 7)
    bad = roster_file(tmp_path / "bad.csv", 1999, entries)
    report = tmp_path / "report.csv"
    status, line, _ = load(bad, "--report", str(report))
    assert (status, line["rejected"]) == (1, 2)
    words = f"调查年度须为 2000 至 {date.today().year + 1} 之间的年份"
    assert report.read_text(encoding="utf-8-sig").splitlines()[1:] == [
        f"2,year,roster.year,{words}",
        f"3,year,roster.year,{words}",
    ]
    status, line, _ = load(roster_file(tmp_path / "ok.csv", year, entries), "--dry-run")
    assert (status, line["added"], line["written"], line["dry_run"]) == (0, 2, False, True)
    assert pull_roster(shared, shared.province, year)[0] == []


def test_the_command_exits_2_for_an_unusable_file(shared: Accounts, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    write_table(path, ["year", "id_number", "name"], [[2016, "x", "y"]])
    done = shared.server.command("import-reference", "roster", str(path))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "realname-central import-reference: r.csv: missing columns disability_cert_number, "
        "disability_category, disability_level, hukou_type, region_code"
    )


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 422),
        ({"year": "abc"}, 422),
        ({"year": 2017, "since": "x"}, 400),
        ({"year": 1999}, 422),
        ({"year": 2017, "since": "9" * 19}, 400),
    ],
)
def test_a_bad_request_is_refused_by_name(
    shared: Accounts, params: dict[str, Any], status: int
) -> None:
    with shared.server.client(shared.worker) as client:
        assert client.get("/sync/roster", params=params).status_code == status
    with shared.server.client() as client:
        assert client.get("/sync/roster", params={"year": 2017}).status_code == 401


def test_a_file_of_many_batches_is_checked_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches checked by worker processes give what one batch gives, in file order; a
    person repeated in a later batch is still named."""
    entries = roster_people(TOWNSHIP_A, 9, 8)
    entries[4] = {**entries[4], "hukou_type": 5}
    entries.append(entries[1])
    path = roster_file(tmp_path / "r.csv", 2018, entries)
    today = date(2026, 1, 1)
    whole, alone = roster_import.read_roster(path, today)
    monkeypatch.setattr(roster_import, "CHUNK_ROWS", 3)
    batched, summary = roster_import.read_roster(path, today)
    assert batched == whole
    assert summary == alone
    assert summary.rows == 10
    assert [(r.row, r.field, r.rule_id) for r in summary.rejections] == [
        (6, "hukou_type", "R-CODE-HUKOU"),
        (11, "id_number", "roster.repeated"),
    ]
    assert list(batched[2018]) == [e["id_number"] for i, e in enumerate(entries[:9]) if i != 4]
