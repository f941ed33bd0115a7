"""Issue 13, finding 8 (ids): a record id must not give the person's ID number away.

Imported records got ``uuid5(fixed namespace, id_number)``: anyone who saw an id (import
reports, duplicate lists, spot-check draws) could turn it back into the ID number. A new
person now gets a random version-7 UUID, and a re-import finds the person by ID number: the
same file imported again still changes nothing and makes no second record. Both the
centre's ``import-records`` and the laptop's import.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.store import Account
from desktop.store.importing import import_file
from sync.central import importer
from sync.central.db import make_engine, migrate
from sync.central.tables import records as central_records
from sync.central.tabular import write_table
from sync.contract.records_io import write_records
from tests.helpers.central import CentralProcess
from tests.helpers.central_records import csv_rows, table_counts
from tests.helpers.client import KeyringFile, make_local_account, unique_samples

PEOPLE = 12


def without_ids(seed: int) -> list[dict[str, Any]]:
    """Persons as a list from elsewhere holds them: no record_id, two trainings for one."""
    people = [{**r, "record_id": None} for r in unique_samples(PEOPLE, seed=seed)]
    people[0]["trainings"] = [
        {"year": 2023, "type": 1, "period": 2, "provider": "甲"},
        {"year": 2024, "type": 2, "period": 3, "provider": "乙"},
    ]
    return people


def centre_ids(db_url: str) -> dict[str, str]:
    """id_number -> record_id of every record at the centre."""
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(central_records.c.id_number, central_records.c.record_id))
            found = [(r.id_number, r.record_id) for r in rows]
    finally:
        engine.dispose()
    ids = dict(found)
    assert len(ids) == len(found)  # one record per person
    return ids


def assert_random_ids(ids: dict[str, str]) -> None:
    for record_id in ids.values():
        assert uuid.UUID(record_id).version == 7


def summary_of(result: Any) -> dict[str, Any]:
    assert result.returncode == 0, result.stdout + result.stderr
    summary: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return summary


def centre(tmp_path: Path, db_url: str, name: str) -> CentralProcess:
    data = tmp_path / name
    data.mkdir()
    return CentralProcess(db_url, data)


def test_centre_import_gives_random_ids_and_a_reimport_changes_nothing(
    tmp_path: Path, central_db_url: str
) -> None:
    cli = centre(tmp_path, central_db_url, "centre")
    header, rows = csv_rows(without_ids(seed=71))
    source = tmp_path / "list.csv"
    write_table(source, header, rows)
    report = tmp_path / "report.xlsx"
    first = summary_of(cli.command("import-records", str(source), "--report", str(report)))
    assert (first["created"], first["accepted"], first["rejected"]) == (PEOPLE, len(rows), 0)
    ids = centre_ids(central_db_url)
    assert len(ids) == PEOPLE
    assert_random_ids(ids)
    sheet = load_workbook(report).worksheets[0]
    reported = {row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert reported == set(ids.values())
    counts = table_counts(central_db_url)
    for _ in range(2):
        again = summary_of(cli.command("import-records", str(source)))
        assert (again["unchanged"], again["created"], again["updated"]) == (len(rows), 0, 0)
        assert table_counts(central_db_url) == counts
        assert centre_ids(central_db_url) == ids


def test_two_fresh_centres_give_the_same_person_different_ids(tmp_path: Path) -> None:
    header, rows = csv_rows(without_ids(seed=72)[:1])
    source = tmp_path / "one.csv"
    write_table(source, header, rows)
    found = []
    for name in ("a", "b"):
        url = f"sqlite:///{tmp_path / f'{name}.sqlite3'}"
        summary_of(centre(tmp_path, url, name).command("import-records", str(source)))
        found.append(centre_ids(url))
    assert found[0].keys() == found[1].keys()
    assert found[0] != found[1]


def test_chunks_and_workers_make_one_record_per_person(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A person's rows in different chunks (prepared by different workers, each making its
    # own fresh id) still make one record: the writer finds the person by ID number.
    header, rows = csv_rows(without_ids(seed=73))
    rows = rows[1:] + rows[:1]  # the first person's two rows: first and last
    source = tmp_path / "list.csv"
    write_table(source, header, rows)
    monkeypatch.setattr(importer, "CHUNK_ROWS", 5)
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    try:
        for dry_run in (True, False):
            summary = importer.import_records(engine, source, dry_run=dry_run)
            assert (summary.created, summary.accepted, summary.rejected) == (PEOPLE, len(rows), 0)
        again = importer.import_records(engine, source)
        assert (again.unchanged, again.created, again.updated) == (len(rows), 0, 0)
    finally:
        engine.dispose()
    ids = centre_ids(url)
    assert len(ids) == PEOPLE
    assert_random_ids(ids)


def test_laptop_import_gives_random_ids_and_a_reimport_changes_nothing(
    account: Account, tmp_path: Path
) -> None:
    source = tmp_path / "list.csv"
    write_records(source, without_ids(seed=74))
    dry = import_file(account.registry, source, dry_run=True)
    assert (dry.created, dry.rejected) == (PEOPLE, 0)
    assert {o.record_id for o in dry.outcomes} == {None}  # no id is made before saving
    first = import_file(account.registry, source)
    assert (first.created, first.accepted, first.rejected) == (PEOPLE, PEOPLE, 0)
    saved = {r["id_number"]: r["record_id"] for r in account.registry.all_records()}
    assert len(saved) == account.registry.count() == PEOPLE
    assert_random_ids(saved)
    assert {o.record_id for o in first.outcomes} == set(saved.values())
    for _ in range(2):
        again = import_file(account.registry, source)
        assert (again.unchanged, again.created, again.updated) == (PEOPLE, 0, 0)
        after = {r["id_number"]: r["record_id"] for r in account.registry.all_records()}
        assert after == saved
        assert account.registry.count() == PEOPLE


def test_two_fresh_laptops_give_the_same_person_different_ids(
    tmp_path: Path, test_keyring: KeyringFile
) -> None:
    source = tmp_path / "one.csv"
    write_records(source, without_ids(seed=75)[:1])
    found = []
    for name in ("a", "b"):
        laptop = make_local_account(tmp_path / name, username=f"worker{name}")
        try:
            import_file(laptop.registry, source)
            found.append([r["record_id"] for r in laptop.registry.all_records()])
        finally:
            laptop.close()
    assert len(found[0]) == len(found[1]) == 1
    assert found[0] != found[1]
