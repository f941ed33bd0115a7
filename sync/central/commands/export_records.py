"""``export-records FILE [--region CODE]``: CSV or XLSX by the file's extension."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sync.central.db import migrated
from sync.central.exporter import export_records
from sync.central.output_files import check_folder
from sync.central.settings import Settings


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "export-records", help="export live records to CSV or XLSX"
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("--region", help="only this region's subtree")
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Export and print the count as one JSON line."""
    check_folder(args.file, str(args.file))
    with migrated(settings.database_url) as engine:
        count = export_records(engine, args.file, args.region)
    print(json.dumps({"records": count, "file": str(args.file)}))
    return 0
