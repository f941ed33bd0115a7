"""``import-users FILE [--dry-run] [--report PATH]``: accounts in bulk, one-time passwords."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sync.central.db import migrated
from sync.central.private_files import private_dir
from sync.central.problems import BadInput
from sync.central.settings import Settings
from sync.central.user_import import counts, import_users, read_user_rows, write_report


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "import-users",
        help="create accounts from CSV/XLSX (username,display_name,role,region_code,phone)",
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="check only, create nothing")
    parser.add_argument(
        "--report",
        type=Path,
        help="per-row report (.csv or .xlsx) with the one-time passwords; "
        "required unless --dry-run",
    )
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print one JSON line of counts; exit 0 when no row was refused, 1 when some were."""
    report: Path | None = args.report
    if report is None and not args.dry_run:
        raise BadInput("--report PATH is required: the one-time passwords are written there only")
    if report is not None and report.suffix.lower() not in (".csv", ".xlsx"):
        raise BadInput(f"--report {report.name}: only .csv and .xlsx reports are written")
    rows = read_user_rows(args.file)
    private_dir(settings.data_dir)
    with migrated(settings.database_url) as engine:
        import_users(engine, settings, rows, dry_run=args.dry_run)
    summary = counts(rows, dry_run=args.dry_run)
    if report is not None:
        write_report(report, rows)
        summary["report"] = str(report)
    print(json.dumps(summary, ensure_ascii=False))
    return 1 if summary["rejected"] else 0
