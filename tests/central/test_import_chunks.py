"""Chunked import with worker processes gives the same records as one chunk in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from sync.central import importer
from sync.central.db import make_engine, migrate
from sync.central.tables import record_versions, records
from sync.central.tabular import write_table
from sync.contract.rows import row_to_record
from tests.helpers.central_records import csv_rows, records_in


def _import(path: Path, db: Path) -> tuple[dict[str, object], dict[str, int]]:
    engine = make_engine(f"sqlite:///{db}")
    migrate(engine)
    summary = importer.import_records(engine, path)
    again = importer.import_records(engine, path)
    with engine.connect() as conn:
        rows = {r.record_id: r for r in conn.execute(select(records))}
        versions = {r.record_id: r.version for r in conn.execute(select(records))}
        history = conn.execute(select(record_versions)).all()
    engine.dispose()
    assert again.unchanged == summary.accepted
    assert again.rejected == summary.rejected
    assert len(history) == sum(versions.values())
    state = {rid: row_to_record(r._mapping) for rid, r in rows.items()}
    return {"summary": summary.to_dict(False), "state": state}, versions


def test_chunks_and_workers_agree_with_one_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = records_in(["620102001", "620102002"], 120, seed=80)
    header, rows = csv_rows(people)
    # A person's rows far apart, and a row that repeats an earlier one exactly.
    rows = rows + rows[:7] + [rows[3]]
    rows[10][header.index("id_number")] = "bad"
    source = tmp_path / "in.csv"
    write_table(source, header, rows)
    whole, whole_versions = _import(source, tmp_path / "one.sqlite3")
    monkeypatch.setattr(importer, "CHUNK_ROWS", 17)
    chunked, chunked_versions = _import(source, tmp_path / "many.sqlite3")
    assert chunked["summary"] == whole["summary"]
    assert chunked == whole
    assert chunked_versions == whole_versions
    assert whole["summary"]["rejected"] == 1  # type: ignore[index]
