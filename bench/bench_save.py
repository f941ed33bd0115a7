"""Durable local save: validate + record + outbox in one SQLCipher transaction, per record.

The limit beside it is a raw ``sqlite3`` insert of the same JSON text and a commit, with the
same durability (WAL, synchronous=FULL) in the same folder, measured in the same run: what
one fsync'd commit costs on this disk, the floor under any durable save.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import orjson

from desktop.store.database import open_database
from desktop.store.keys import new_database_key
from desktop.store.registry import Registry
from sync.contract.samples import sample_records

WARMUP = 20


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def _saves(folder: Path, records: list[dict[str, Any]]) -> list[float]:
    engine = open_database(folder / "registry.db", new_database_key())
    registry = Registry(engine, username="bench", device_id=str(uuid.uuid4()))
    times = []
    try:
        for i, record in enumerate(records):
            started = time.perf_counter()
            result = registry.save_record(record)
            elapsed = time.perf_counter() - started
            assert result.state == "pending", result.findings
            if i >= WARMUP:
                times.append(elapsed * 1000)
    finally:
        engine.dispose()
    return times


def _raw(folder: Path, records: list[dict[str, Any]]) -> list[float]:
    conn = sqlite3.connect(folder / "raw.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE records (record_id TEXT PRIMARY KEY, doc TEXT)")
    times = []
    for i, record in enumerate(records):
        doc = orjson.dumps(record).decode()
        started = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO records VALUES (?, ?)", (record["record_id"], doc))
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
        if i >= WARMUP:
            times.append(elapsed * 1000)
    conn.close()
    return times


def run(n: int = 600) -> list[dict[str, Any]]:
    """Save ``n`` records one at a time, durably; p95 and median beside the raw commit."""
    records = sample_records(n, seed=7)
    with tempfile.TemporaryDirectory(prefix="bench-save-") as tmp:
        folder = Path(tmp)
        raw = _raw(folder, records)
        saves = _saves(folder, records)
    limit_name = "raw sqlite3 insert+commit (WAL, synchronous=FULL)"
    return [
        {
            "name": "local save p95 (validate+record+outbox, durable)",
            "figure": _p95(saves),
            "unit": "ms",
            "target": "<= 15 ms",
            "limit": _p95(raw),
            "limit_name": limit_name + " p95",
        },
        {
            "name": "local save median",
            "figure": statistics.median(saves),
            "unit": "ms",
            "target": "",
            "limit": statistics.median(raw),
            "limit_name": limit_name + " median",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
