"""``report --year Y [--quarter Q] [--region CODE] --format FMT [--output PATH]``.

Writes the report (docs/indicators.md) to ``--output`` or standard output; with
``--service-lists PATH`` also the full service lists of the region as XLSX.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sync.central.db import migrated
from sync.central.output_files import check_folder, write_output
from sync.central.reports import TABLES, indicator_report, period_of, report_region
from sync.central.scope import regions
from sync.central.settings import Settings
from sync.contract.report import FORMATS, render
from sync.contract.report.service_lists_xlsx import export_service_lists


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "report", help="the indicator report (通报) of a region for a year or quarter"
    )
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--quarter", type=int, choices=(1, 2, 3, 4))
    parser.add_argument("--region", help="default: the province")
    parser.add_argument("--format", choices=FORMATS, required=True, dest="fmt")
    parser.add_argument("--output", type=Path, help="write here (default: standard output)")
    parser.add_argument(
        "--service-lists", type=Path, help="also write the region's service lists (XLSX) here"
    )
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Build the report and write it; service-list counts go to standard error as JSON."""
    check_folder(args.output, str(args.output))
    check_folder(args.service_lists, str(args.service_lists))
    period = period_of(args.year, args.quarter)
    code = report_region(None, args.region)
    with migrated(settings.database_url) as engine:
        report = indicator_report(engine, code, period, details=args.fmt != "json")
        data = render(report, args.fmt)
        if args.service_lists is not None:
            with engine.connect() as conn:
                counts = export_service_lists(
                    conn, TABLES, regions(), code, period.year, args.service_lists
                )
            print(json.dumps({"service_lists": counts}), file=sys.stderr)
    write_output(data, args.output)
    return 0
