"""``import-records FILE [--dry-run] [--report PATH]``: exit 0 all rows in, 1 some refused."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sync.central.db import migrated
from sync.central.import_report import write_rejections, write_row_report
from sync.central.importer import import_records
from sync.central.output_files import check_folder
from sync.central.settings import Settings
from sync.contract.column_mapping import ColumnMapping


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "import-records", help="import records from CSV (UTF-8) or XLSX"
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="check and count, change nothing")
    parser.add_argument(
        "--report",
        type=Path,
        help="each refused row, field and rule (.csv or .json); .xlsx: every row's outcome",
    )
    parser.add_argument(
        "--mapping", type=Path, help="JSON file: the list's own headers -> record fields"
    )
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Import, print one JSON line of counts, write the report when asked."""
    check_folder(args.report, "--report")
    mapping = ColumnMapping.load(args.mapping) if args.mapping is not None else None
    by_row = args.report is not None and args.report.suffix.lower() == ".xlsx"
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with migrated(settings.database_url) as engine:
        summary = import_records(
            engine, args.file, dry_run=args.dry_run, mapping=mapping, row_outcomes=by_row
        )
    if by_row:
        write_row_report(args.report, summary, dry_run=args.dry_run)
    elif args.report is not None:
        write_rejections(args.report, summary.rejections)
    print(json.dumps(summary.to_dict(args.dry_run)))
    return 1 if summary.rejected else 0
