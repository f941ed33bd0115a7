"""Runs every benchmark in bench/ and prints one table: figure, target, limit, ratio.

Each module ``bench/bench_<topic>.py`` has ``run() -> list[Row]``; a row is a dict with
``name``, ``figure``, ``unit``, ``target``, ``limit`` (a baseline measured in the same run, or
None) and ``limit_name``. ``python -m bench [TOPIC ...]`` runs only the named topics. The
table is also written to bench/results/latest.md (not committed), to keep beside a change.
"""

from __future__ import annotations

import importlib
import pkgutil
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bench


def _machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 10 else f"{value:.3g}"
    return "" if value is None else str(value)


def _ratio(row: dict[str, Any]) -> str:
    limit = row.get("limit")
    figure = row.get("figure")
    if not isinstance(limit, int | float) or not isinstance(figure, int | float) or limit == 0:
        return ""
    return f"{figure / limit:.2f}"


def main(argv: list[str]) -> int:
    topics = sorted(
        name.removeprefix("bench_")
        for _, name, _ in pkgutil.iter_modules(bench.__path__)
        if name.startswith("bench_")
    )
    chosen = [t for t in topics if not argv or t in argv]
    rows: list[dict[str, Any]] = []
    failed = []
    for topic in chosen:
        started = time.perf_counter()
        print(f"running bench_{topic} ...", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"bench.bench_{topic}")
            rows.extend(module.run())
        except Exception:
            traceback.print_exc()
            failed.append(topic)
        print(f"  {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    header = ["benchmark", "figure", "unit", "target", "limit (same run)", "limit is", "ratio"]
    table = [header, ["---"] * len(header)]
    for row in rows:
        table.append(
            [
                row["name"],
                _fmt(row["figure"]),
                row["unit"],
                row["target"],
                _fmt(row.get("limit")),
                row.get("limit_name", ""),
                _ratio(row),
            ]
        )
    lines = [f"Machine: {_machine()}", ""] + ["| " + " | ".join(row) + " |" for row in table]
    print("\n" + "\n".join(lines))
    _keep(lines, chosen)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _keep(lines: list[str], topics: list[str]) -> None:
    """Write the table to bench/results/latest.md, stamped with the time and the topics."""
    folder = Path(__file__).resolve().parent / "results"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join([f"# Benchmarks, {stamp} ({', '.join(topics)})", "", *lines, ""])
    (folder / "latest.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
