"""Roster (调查底册) entries and files for tests: what ``import-reference roster`` reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sync.central.roster_import import COLUMNS
from sync.contract.records_io import write_table
from sync.contract.samples import sample_records


def roster_people(region: str, n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` roster entries (as the centre hands them out, without the year) in ``region``."""
    return [
        {name: r[name] for name in COLUMNS[1:]}
        for r in sample_records(n, seed=seed, region_codes=[region])
    ]


def roster_file(path: Path, year: int, entries: list[dict[str, Any]]) -> Path:
    """A roster file of ``entries`` (roster entries or whole records) for ``year``, CSV or
    XLSX by the suffix."""
    rows = [[year, *("" if e[name] is None else e[name] for name in COLUMNS[1:])] for e in entries]
    write_table(path, COLUMNS, rows)
    return path
