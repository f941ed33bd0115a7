"""``spot-check draw`` (docs/protocol.md) and ``spot-check quality``.

``draw`` samples the quarter's records per county, assigns inspectors from elsewhere, stores
the assignments (so that they reach the inspectors through sync) and writes the draw's JSON
to ``--output`` or standard output. ``quality`` prints a region's quality measures as JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sync.central.db import migrated
from sync.central.output_files import check_folder, write_output
from sync.central.settings import Settings

MAX_SEED = 2**63 - 1


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 1, not {text}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_SEED}")
    return value


def _names(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise argparse.ArgumentTypeError("name at least one account")
    return names


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command and its two actions."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "spot-check", help="双随机 spot checks: draw, quality measures"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    draw = actions.add_parser("draw", help="draw and store the quarter's spot checks")
    draw.add_argument("--year", type=int, required=True)
    draw.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), required=True)
    draw.add_argument("--rate", type=_rate, required=True, help="share per county, e.g. 0.05")
    draw.add_argument("--min", type=int, default=0, dest="minimum", help="at least N per county")
    draw.add_argument("--seed", type=_seed, required=True)
    draw.add_argument("--region", help="only this region's subtree (default: the province)")
    draw.add_argument(
        "--inspectors", type=_names, help="A,B: these accounts (default: every county account)"
    )
    draw.add_argument("--output", type=Path, help="write the JSON here (default: stdout)")
    quality = actions.add_parser("quality", help="a region's quality measures as JSON")
    quality.add_argument("--year", type=int, required=True)
    quality.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), required=True)
    quality.add_argument("--region", help="default: the province")
    quality.add_argument("--output", type=Path, help="write the JSON here (default: stdout)")
    return parser


def _emit(payload: dict[str, Any], output: Path | None) -> None:
    write_output((json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode(), output)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run ``draw`` or ``quality``."""
    from sync.central.spot_checks import draw_and_store, quality_of

    check_folder(args.output, "--output")
    if args.action == "draw" and args.minimum < 0:
        raise ValueError(f"--min must not be negative, not {args.minimum}")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with migrated(settings.database_url) as engine:
        if args.action == "quality":
            report = quality_of(engine, None, args.year, args.quarter, args.region)
            _emit(report.to_dict(), args.output)
            return 0
        stored = draw_and_store(
            engine,
            year=args.year,
            quarter=args.quarter,
            rate=args.rate,
            minimum=args.minimum,
            seed=args.seed,
            region_code=args.region,
            inspector_names=args.inspectors,
        )
    payload = stored.draw.to_dict()
    payload.update(draw_id=stored.draw_id, region=stored.region_code, stored=stored.created)
    _emit(payload, args.output)
    return 0
