"""The roster reaches the laptops through the real centre: within each account's region,
incrementally, refreshed at every sync; the visit list counts it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.store.roster import refresh_roster
from desktop.store.schema import roster
from desktop.store.session import Account
from desktop.store.syncing import Progress
from desktop.store.visits import VisitFilter, count_to_visit, progress
from tests.helpers.central import CentralProcess
from tests.helpers.client import FAST, PASSWORD, KeyringFile, device, sync
from tests.helpers.roster_files import roster_people
from tests.helpers.roster_round import load_roster

TOWNSHIP_A, TOWNSHIP_B, ELSEWHERE = "620102001", "620102002", "620201001"


def _people(region: str, n: int, seed: int, village: str) -> list[dict[str, Any]]:
    return [{**e, "village": village} for e in roster_people(region, n, seed)]


def _load(centre: CentralProcess, path: Path, people: list[dict[str, Any]]) -> None:
    load_roster(centre.db_url, path, date.today().year, people)


def _roster_ids(account: Account) -> set[str]:
    with account.engine.connect() as conn:
        return set(conn.execute(select(roster.c.id_number)).scalars())


def test_each_laptop_pulls_its_regions_roster_incrementally(
    centre: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    capsys: pytest.CaptureFixture[str],
) -> None:
    centre.create_user("worker1", "worker", TOWNSHIP_A, PASSWORD)
    here = _people(TOWNSHIP_A, 3, 1, "一村")
    there = _people(TOWNSHIP_B, 2, 2, "二村")
    far = _people(ELSEWHERE, 2, 3, "远村")
    _load(centre, tmp_path / "roster.csv", here + there + far)
    worker = device(centre, tmp_path / "worker", "worker1")
    county = device(centre, tmp_path / "county", "county1")
    try:
        sync(worker)
        sync(county)
        # A worker never receives another township's roster; county staff get their county.
        assert _roster_ids(worker) == {p["id_number"] for p in here}
        assert _roster_ids(county) == {p["id_number"] for p in here + there}
        year = date.today().year
        [village] = progress(worker.registry, year, TOWNSHIP_A)
        assert (village.region_code, village.village, village.on_roster) == (TOWNSHIP_A, "一村", 3)
        assert village.surveyed == 0
        # Nothing changed: the next refresh receives nothing.
        with worker.client(FAST) as client:
            assert refresh_roster(worker.registry, client).received == 0
        # The next year's file of the province: one person gone, one new, the rest alike.
        newcomer = _people(TOWNSHIP_A, 1, 7, "一村")
        _load(centre, tmp_path / "roster2.csv", here[1:] + newcomer + there + far)
        with worker.client(FAST) as client:
            again = refresh_roster(worker.registry, client)
        assert (again.received, again.removed) == (2, 1)
        assert _roster_ids(worker) == {p["id_number"] for p in here[1:] + newcomer}
        # A sync refreshes it too: the county's laptop follows.
        sync(county)
        assert _roster_ids(county) == {p["id_number"] for p in here[1:] + newcomer + there}
        assert count_to_visit(county.registry, VisitFilter(year, "620102")) == 5
    finally:
        worker.close()
        county.close()
    capsys.readouterr()


def test_a_sync_reports_the_roster_it_receives_as_its_own_phase(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    people = _people(TOWNSHIP_A, 120, 21, "一村")
    _load(centre, tmp_path / "roster.csv", people)
    county = device(centre, tmp_path / "county", "county1")
    try:
        seen: list[Progress] = []
        sync(county, progress=seen.append)
        persons = [p.records_done for p in seen if p.phase == "roster"]
        # Page by page, never backwards, ending with every person received.
        assert persons == sorted(persons)
        assert persons[-1] == len(people)
        assert _roster_ids(county) == {p["id_number"] for p in people}
        # Nothing new on the roster: nothing told (a sync's last figure stays its records').
        seen.clear()
        sync(county, progress=seen.append)
        assert [p for p in seen if p.phase == "roster"] == []
    finally:
        county.close()
