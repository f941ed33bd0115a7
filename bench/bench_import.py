"""``realname-central import-records`` of a generated CSV, through the real command line.

Figure: seconds for the import of N rows (default 100,000, one training per row as in
docs/protocol.md), projected to 340,000 rows at the measured rate; the target is
<= 30 s for 340,000. Limit, measured in the same run: the same rows read with the csv
module and inserted as text by raw sqlite3 ``executemany`` into one plain table (no
normalising, validation, history or indexes), projected the same way.

``python -m bench.bench_import 340000`` measures the full size.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.central_command import migrate_only, timed_central
from bench.raw_insert import raw_insert_seconds
from sync.central.exporter import HEADER, _cell
from sync.contract.fields import TRAINING_COLUMNS
from sync.contract.samples import sample_records

FULL = 340_000


def write_csv(path: Path, n: int) -> int:
    """Write a CSV of at least ``n`` rows of sample records (one per training); rows written."""
    names = [h for h in HEADER if h not in TRAINING_COLUMNS]
    keys = list(TRAINING_COLUMNS.values())
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        seed = 0
        while written < n:
            for record in sample_records(min(50_000, n - written), seed=seed):
                base = [_cell(record.get(name)) for name in names]
                for training in record.get("trainings") or [{}]:
                    writer.writerow(base + [_cell(training.get(k)) for k in keys])
                    written += 1
            seed += 1
    return written


def run(n: int = 100_000) -> list[dict[str, Any]]:
    """Import ``n`` generated rows into a fresh SQLite centre."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / "records.csv"
        rows = write_csv(source, n)
        db_url = f"sqlite:///{root / 'central.sqlite3'}"
        migrate_only(db_url)
        # Exit code 1 says some rows were refused: the import still ran through the file.
        seconds, summary = timed_central(db_url, "import-records", str(source), exit_codes=(0, 1))
        raw = raw_insert_seconds(source, root / "raw.sqlite3", encoding="utf-8-sig")
    scale = FULL / rows
    return [
        {
            "name": f"import-records, {rows:,} rows (accepted {summary['accepted']:,})",
            "figure": seconds,
            "unit": "s",
            "target": f"<= {30 * rows / FULL:.1f}",
            "limit": raw,
            "limit_name": "csv reader + raw sqlite3 executemany of the rows",
        },
        {
            "name": "import-records, projected to 340,000 rows",
            "figure": seconds * scale,
            "unit": "s",
            "target": "<= 30",
            "limit": raw * scale,
            "limit_name": "the same raw baseline, projected",
        },
    ]


if __name__ == "__main__":
    for row in run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000):
        print(row)
