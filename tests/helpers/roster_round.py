"""A year's round at a real centre for the progress screens: people on the roster, records
of them surveyed on chosen days."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sync.central.cli import main
from sync.contract.samples import sample_records
from tests.helpers.roster_files import roster_file


def person(region: str, seed: int, day: str) -> dict[str, Any]:
    """A valid record in ``region`` surveyed on ``day`` (ISO), of that day's year."""
    [record] = sample_records(1, seed=seed, region_codes=[region], survey_year=int(day[:4]))
    record["survey_date"] = day
    if record.get("employment_date") and record["employment_date"] > day:
        record["employment_date"] = day
    return record


def load_roster(db_url: str, path: Path, year: int, people: list[dict[str, Any]]) -> None:
    """Put ``people`` (records) on the roster of ``year`` at the centre of ``db_url``."""
    roster_file(path, year, people)
    assert main(["--db", db_url, "import-reference", "roster", str(path)]) == 0
