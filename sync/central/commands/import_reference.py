"""``import-reference base-population|targets|roster FILE [--dry-run] [--report PATH]``.

Base population and targets are upserted by their keys; the roster (调查底册) makes each
year of the file that year's whole roster (:mod:`sync.central.roster_import`): exit 0 when
every row was taken, 1 when rows were refused (then nothing is written), 2 for an unusable
file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, insert, tuple_

from sync.central.db import migrated, write_transaction
from sync.central.import_report import write_rejections
from sync.central.output_files import check_folder
from sync.central.problems import BadInput
from sync.central.roster_import import import_roster
from sync.central.scope import regions
from sync.central.settings import Settings
from sync.central.tables import base_population, targets
from sync.central.tabular import read_table

INDICATORS = ("urban_new_employment", "rural_new_employment", "new_training", "graduate_survey")
_COLUMNS = {
    "base-population": ("region_code", "year", "working_age_disabled"),
    "targets": ("region_code", "year", "indicator", "target"),
}


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "import-reference", help="load base population, targets or a year's roster (CSV/XLSX)"
    )
    parser.add_argument("kind", choices=[*sorted(_COLUMNS), "roster"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="check and count, change nothing")
    parser.add_argument(
        "--report", type=Path, help="each refused row, field and rule (.csv, .xlsx or .json)"
    )
    return parser


def _int(value: Any, where: str, minimum: int = 0) -> int:
    text = str(value).strip()
    if text.endswith(".0"):
        text = text[:-2]  # spreadsheets store whole numbers as floats
    if not (text.isascii() and text.isdigit()) or int(text) < minimum:
        raise BadInput(f"{where}: {value!r} is not a whole number >= {minimum}")
    return int(text)


def parse_rows(kind: str, path: Path) -> list[dict[str, Any]]:
    """The rows of a reference file, each checked; BadInput names the first bad row and field."""
    header, data = read_table(path)
    wanted = _COLUMNS[kind]
    missing = [c for c in wanted if c not in header]
    if missing:
        raise BadInput(f"{path.name}: missing columns {', '.join(missing)}")
    index = {name: header.index(name) for name in wanted}
    rows, seen = [], set()
    for number, raw in enumerate(data, start=2):
        if not any(str(v).strip() for v in raw):
            continue
        cell = {n: (raw[i] if i < len(raw) else "") for n, i in index.items()}
        region = str(cell["region_code"]).strip().removesuffix(".0")
        if region not in regions():
            raise BadInput(f"row {number}, region_code: {region!r} is not a known region")
        row: dict[str, Any] = {
            "region_code": region,
            "year": _int(cell["year"], f"row {number}, year", 2000),
        }
        if kind == "targets":
            indicator = str(cell["indicator"]).strip()
            if indicator not in INDICATORS:
                raise BadInput(f"row {number}, indicator: {indicator!r} is not one of {INDICATORS}")
            row["indicator"] = indicator
            row["target"] = _int(cell["target"], f"row {number}, target")
        else:
            row["working_age_disabled"] = _int(
                cell["working_age_disabled"], f"row {number}, working_age_disabled"
            )
        key = tuple(row[c] for c in wanted[:-1])
        if key in seen:
            raise BadInput(f"row {number}: {key} appears twice")
        seen.add(key)
        rows.append(row)
    return rows


def _run_roster(args: argparse.Namespace, settings: Settings) -> int:
    check_folder(args.report, "--report")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with migrated(settings.database_url) as engine:
        summary = import_roster(engine, args.file, dry_run=args.dry_run)
    if args.report is not None:
        write_rejections(args.report, summary.rejections)
    print(json.dumps(summary.to_dict(args.dry_run)))
    return 1 if summary.rejections else 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Replace the rows for the same keys; other rows stay. The roster: see the module doc."""
    if args.kind == "roster":
        return _run_roster(args, settings)
    if args.report is not None:
        raise ValueError("--report: only the roster's rows are reported one by one")
    rows = parse_rows(args.kind, args.file)
    if args.dry_run:
        print(json.dumps({"kind": args.kind, "rows": len(rows), "dry_run": True}))
        return 0
    table: Table = base_population if args.kind == "base-population" else targets
    keys = [table.c[name] for name in _COLUMNS[args.kind][:-1]]
    with migrated(settings.database_url) as engine, write_transaction(engine) as conn:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            values = [tuple(r[k.name] for k in keys) for r in chunk]
            conn.execute(delete(table).where(tuple_(*keys).in_(values)))
        if rows:
            conn.execute(insert(table), rows)
    print(json.dumps({"kind": args.kind, "rows": len(rows)}))
    return 0
