"""The limit of the import benchmarks: a CSV file read and inserted with nothing else done."""

from __future__ import annotations

import csv
import sqlite3
import time
from pathlib import Path


def raw_insert_seconds(source: Path, target: Path, encoding: str = "utf-8") -> float:
    """Seconds to read ``source`` with the csv module and insert its rows as text by raw
    sqlite3 ``executemany`` into one plain table of a new file ``target`` (no checking,
    no seqs, no index): what any import of the same file needs at the least."""
    started = time.perf_counter()
    with source.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        db = sqlite3.connect(target)
        db.execute(f"CREATE TABLE rows ({', '.join(header)})")
        marks = ", ".join("?" * len(header))
        with db:
            db.executemany(f"INSERT INTO rows VALUES ({marks})", reader)
        db.close()
    return time.perf_counter() - started
