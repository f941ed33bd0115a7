"""``progress --year Y [--region CODE] [--as-of DATE] --format json|text|xlsx [--output PATH]``.

``json`` is the answer of ``GET /progress`` for the region (default: the province); ``text``
and ``xlsx`` are the weekly ranking of its counties (of its townships for a county), with
the week's gain, for the Monday report (see :mod:`sync.central.progress_sheet`).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from sync.central.db import migrated
from sync.central.output_files import check_folder, write_output
from sync.central.progress import compute_progress, weekly_ranking
from sync.central.progress_sheet import render_text, render_xlsx
from sync.central.reports import report_region
from sync.central.scope import regions
from sync.central.settings import Settings

FORMATS = ("json", "text", "xlsx")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "progress", help="the year's round: progress per region, or the weekly ranking"
    )
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--region", help="default: the province")
    parser.add_argument("--as-of", type=_day, help="count up to this day (default: today)")
    parser.add_argument("--format", choices=FORMATS, required=True, dest="fmt")
    parser.add_argument("--output", type=Path, help="write here (default: standard output)")
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Compute and write the progress or the ranking."""
    check_folder(args.output, str(args.output))
    if not 1900 <= args.year <= 9998:
        raise ValueError(f"year: {args.year} is not a year between 1900 and 9998")
    code = report_region(None, args.region)
    as_of = args.as_of or date.today()
    with migrated(settings.database_url) as engine:
        if args.fmt == "json":
            data = orjson.dumps(compute_progress(engine, code, args.year, as_of))
        else:
            rows, total = weekly_ranking(engine, code, args.year, as_of)
            region = regions().get(code)
            assert region is not None  # report_region checked it
            if args.fmt == "text":
                data = render_text(region, args.year, as_of, rows, total).encode("utf-8")
            else:
                data = render_xlsx(region, args.year, as_of, rows, total)
    write_output(data, args.output)
    return 0
