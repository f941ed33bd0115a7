"""Push throughput: batches of 500 records over loopback into the real central server.

Figure: records per second accepted by ``realname-central serve`` (one server process, nothing
beside it) from one client posting pre-encoded batches of 500,
on SQLite (and PostgreSQL when REALNAME_TEST_PG_URL is set); the median of three rounds
on fresh centres. Limit, measured in the same rounds: the raw driver inserting the same
rows (``executemany`` of the records' columns, one transaction) into a table of the same
shape, without HTTP, validation, history or bookkeeping.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import orjson

from sync.contract.ids import new_id
from sync.contract.rows import record_to_row
from sync.contract.samples import sample_records
from tests.helpers.central import CentralProcess, drop_postgres_database, fresh_postgres_database

BATCH = 500
PASSWORD = "load-test-pass-1"
REGION = "620102"


def _records(n: int) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for record in sample_records(n + n // 10 + 10, seed=7, region_codes=[REGION]):
        if record["id_number"] not in seen:
            seen.add(record["id_number"])
            out.append(record)
    return out[:n]


def _bodies(records: list[dict[str, Any]]) -> list[bytes]:
    bodies = []
    for start in range(0, len(records), BATCH):
        ops = [
            {
                "op_id": new_id(),
                "record_id": r["record_id"],
                "base_version": None,
                "record": r,
            }
            for r in records[start : start + BATCH]
        ]
        bodies.append(orjson.dumps({"device_id": "bench", "rules_version": None, "ops": ops}))
    return bodies


def _push_rate(db_url: str, data_dir: Path, records: list[dict[str, Any]]) -> float:
    server = CentralProcess(db_url, data_dir)
    server.start()
    try:
        server.create_user("bench", "county", REGION, PASSWORD)
        token = server.login("bench", PASSWORD)
        bodies = _bodies(records)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        with httpx.Client(base_url=f"{server.url}/api/v1", headers=headers, timeout=120) as client:
            client.post("/sync/push", content=bodies[0]).raise_for_status()  # warm up
            started = time.perf_counter()
            for body in bodies[1:]:
                response = client.post("/sync/push", content=body)
                response.raise_for_status()
            elapsed = time.perf_counter() - started
        statuses = {r["status"] for r in response.json()["results"]}
        assert statuses == {"accepted"}, statuses
        return (len(records) - BATCH) / elapsed
    finally:
        server.stop()


def _rows(records: list[dict[str, Any]]) -> tuple[list[str], list[tuple[Any, ...]]]:
    rows = [record_to_row(r) for r in records]
    columns = list(rows[0])
    return columns, [
        tuple(str(v) if v is not None and not isinstance(v, int | str) else v for v in row.values())
        for row in rows
    ]


def _raw_sqlite_rate(path: Path, records: list[dict[str, Any]]) -> float:
    columns, rows = _rows(records)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(f"CREATE TABLE records ({', '.join(columns)}, PRIMARY KEY (record_id))")
    marks = ", ".join("?" * len(columns))
    started = time.perf_counter()
    with db:
        db.executemany(f"INSERT INTO records VALUES ({marks})", rows)
    elapsed = time.perf_counter() - started
    db.close()
    return len(rows) / elapsed


def _raw_postgres_rate(url: str, records: list[dict[str, Any]]) -> float:
    import psycopg

    columns, rows = _rows(records)
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain) as db:
        db.execute(
            f"CREATE TABLE raw_records ({', '.join(c + ' text' for c in columns)}, "
            "PRIMARY KEY (record_id))"
        )
        marks = ", ".join(["%s"] * len(columns))
        text_rows = [tuple(None if v is None else str(v) for v in row) for row in rows]
        started = time.perf_counter()
        with db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO raw_records VALUES ({marks})", text_rows)
        db.commit()
        return len(rows) / (time.perf_counter() - started)


def _sqlite_round(folder: Path, records: list[dict[str, Any]]) -> tuple[float, float]:
    return (
        _push_rate(f"sqlite:///{folder / 'c.sqlite3'}", folder, records),
        _raw_sqlite_rate(folder / "raw.sqlite3", records),
    )


def _postgres_round(folder: Path, records: list[dict[str, Any]]) -> tuple[float, float]:
    url, admin = fresh_postgres_database()
    try:
        return _push_rate(url, folder, records), _raw_postgres_rate(url, records)
    finally:
        drop_postgres_database(url, admin)


def run(n: int = 20_000, rounds: int = 3) -> list[dict[str, Any]]:
    """Push ``n`` records on SQLite (and PostgreSQL when available): each figure the
    median of ``rounds`` pushes to fresh centres, each limit the median of as many."""
    records = _records(n)
    kinds = [("SQLite", _sqlite_round, ">= 10,000", "raw sqlite3 executemany of the same rows")]
    if os.environ.get("REALNAME_TEST_PG_URL"):
        kinds.append(
            ("PostgreSQL", _postgres_round, ">= 8,000", "raw psycopg executemany of the same rows")
        )
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, one_round, target, limit_name in kinds:
            measured = []
            for i in range(rounds):
                folder = Path(tmp) / f"{name}-{i}"
                folder.mkdir()
                measured.append(one_round(folder, records))
            rows.append(
                {
                    "name": f"push, {name} centre, batches of 500, median of {rounds}",
                    "figure": statistics.median(rate for rate, _ in measured),
                    "unit": "records/s",
                    "target": target,
                    "limit": statistics.median(raw for _, raw in measured),
                    "limit_name": limit_name,
                }
            )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
