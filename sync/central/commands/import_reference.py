"""``import-reference base-population|targets FILE``: load reference data (upsert)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, insert, tuple_

from sync.central.db import make_engine, migrate, write_transaction
from sync.central.problems import BadInput
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
        "import-reference", help="load base population or targets from CSV/XLSX"
    )
    parser.add_argument("kind", choices=sorted(_COLUMNS))
    parser.add_argument("file", type=Path)
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


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Replace the rows for the same keys; other rows stay."""
    rows = parse_rows(args.kind, args.file)
    table: Table = base_population if args.kind == "base-population" else targets
    keys = [table.c[name] for name in _COLUMNS[args.kind][:-1]]
    engine = make_engine(settings.database_url)
    migrate(engine)
    with write_transaction(engine) as conn:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            values = [tuple(r[k.name] for k in keys) for r in chunk]
            conn.execute(delete(table).where(tuple_(*keys).in_(values)))
        if rows:
            conn.execute(insert(table), rows)
    engine.dispose()
    print(json.dumps({"kind": args.kind, "rows": len(rows)}))
    return 0
