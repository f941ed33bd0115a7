"""A year's round at a real centre for the progress screens: people on the roster, records
of them surveyed on chosen days."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sync.central.cli import main
from sync.contract.records_io import write_table
from sync.contract.samples import sample_records

ROSTER_COLUMNS = [
    "year",
    "id_number",
    "name",
    "disability_cert_number",
    "disability_category",
    "disability_level",
    "hukou_type",
    "region_code",
    "village",
    "address",
    "phone",
]


def person(region: str, seed: int, day: str) -> dict[str, Any]:
    """A valid record in ``region`` surveyed on ``day`` (ISO), of that day's year."""
    [record] = sample_records(1, seed=seed, region_codes=[region], survey_year=int(day[:4]))
    record["survey_date"] = day
    if record.get("employment_date") and record["employment_date"] > day:
        record["employment_date"] = day
    return record


def load_roster(db_url: str, path: Path, year: int, people: list[dict[str, Any]]) -> None:
    """Put ``people`` (records) on the roster of ``year`` at the centre of ``db_url``."""
    rows = [[year, *("" if p[c] is None else p[c] for c in ROSTER_COLUMNS[1:])] for p in people]
    write_table(path, ROSTER_COLUMNS, rows)
    assert main(["--db", db_url, "import-reference", "roster", str(path)]) == 0
