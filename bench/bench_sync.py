"""End-to-end push: the laptop's outbox to the centre on SQLite (a real server process).

The figure is records per second through ``Synchronizer.push`` (read the queue, send in
batches of 1,000 with gzip, two on their way at a time, apply the answers), the median of
three rounds on fresh centres and laptops. The limit beside it is the same centre taking
the same kind of batches (same size, same fields, save times included) pre-encoded,
straight from memory with one plain httpx client (no local database at all), measured in
the same rounds: the centre's own rate for batches sent one at a time. The laptop shares
the two cores with the centre (one server process), but keeps two batches on their way, so
the centre checks the next while it writes one: it comes close to that rate, and on
PostgreSQL (where the server waits on the database more) may pass it.

A second row gives the laptop's CPU time per record pushed (this process, all its
threads; the centre is another process) beside that plain client's for the same batches:
what the laptop's queue adds to the sending itself, on the same two cores as the centre.
"""

from __future__ import annotations

import gc
import gzip
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import orjson

from bench.file_keyring import file_keyring
from desktop.store import login_online
from desktop.store.syncing import Synchronizer
from sync.client.transport import OutgoingOp, encode_push
from sync.contract.ids import new_id
from sync.contract.protocol import API_PREFIX, MAX_OPS_PER_PUSH
from sync.contract.samples import sample_records
from tests.helpers.central import CentralProcess, drop_postgres_database, fresh_postgres_database

PASSWORD = "load-test-pass-1"
REGION = "620102"


def _people(n: int, seed: int, taken: set[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for record in sample_records(n + n // 20 + 10, seed=seed, region_codes=[REGION]):
        if record["id_number"] not in taken:
            taken.add(record["id_number"])
            out.append(record)
    return out[:n]


def _client_push(
    server: CentralProcess, root: Path, records: list[dict[str, Any]]
) -> tuple[float, float]:
    account, _ = login_online(root, server.url, "bench", PASSWORD)
    count = len(records)
    try:
        account.registry.save_many(records)
        # The laptop holds no records in memory while it syncs; this harness made them. Its
        # 20,000 dicts would make every full garbage collection of the push scan them.
        records.clear()
        gc.collect()
        with account.client() as client:
            started, cpu = time.perf_counter(), time.process_time()
            tally = Synchronizer(account.registry, client).push()
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert tally.accepted == count, tally
    finally:
        account.close()
    return count / elapsed, cpu * 1e6 / count


def _raw_push(server: CentralProcess, records: list[dict[str, Any]]) -> tuple[float, float]:
    token = server.login("bench", PASSWORD, "bench-raw")
    now = datetime.now(UTC).isoformat()  # save times go with every op, as the client sends them
    bodies = []
    for start in range(0, len(records), MAX_OPS_PER_PUSH):
        ops = [
            OutgoingOp(new_id(), r["record_id"], None, orjson.dumps(r), now, now)
            for r in records[start : start + MAX_OPS_PER_PUSH]
        ]
        bodies.append(gzip.compress(encode_push("bench-raw", None, ops), compresslevel=1))
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Content-Encoding": "gzip",
    }
    with httpx.Client(base_url=server.url + API_PREFIX, timeout=120) as client:
        started, cpu = time.perf_counter(), time.process_time()
        for body in bodies:
            response = client.post("/sync/push", content=body, headers=headers)
            response.raise_for_status()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return len(records) / elapsed, cpu * 1e6 / len(records)


@contextmanager
def _centre(folder: Path, postgres: bool = False) -> Iterator[CentralProcess]:
    folder.mkdir(parents=True)
    url, admin = fresh_postgres_database() if postgres else (None, None)
    server = CentralProcess(url or f"sqlite:///{folder / 'central.sqlite3'}", folder)
    server.start()
    try:
        server.create_user("bench", "county", REGION, PASSWORD)
        yield server
    finally:
        server.stop()
        if url and admin:
            drop_postgres_database(url, admin)


def _measure(folder: Path, n: int, postgres: bool) -> tuple[tuple[float, float], ...]:
    """((client rate, raw rate), (client CPU, raw CPU) per record) on fresh centres, so
    neither inserts into the other's table."""
    taken: set[str] = set()
    client_records = _people(n, 31, taken)
    raw_records = _people(n, 32, taken)
    with _centre(folder / "central-raw", postgres) as server:
        raw, raw_cpu = _raw_push(server, raw_records)
    with _centre(folder / "central", postgres) as server:
        rate, cpu = _client_push(server, folder / "laptop", client_records)
    return (rate, raw), (cpu, raw_cpu)


def run(n: int = 20_000, rounds: int = 3) -> list[dict[str, Any]]:
    """Push ``n`` queued records to fresh centres (SQLite; PostgreSQL when configured).

    Each figure is the median of ``rounds`` rounds, each on fresh centres and a fresh
    laptop; the limit beside it is the median of the same rounds' limits.
    """
    kinds = [("SQLite", False, ">= 10,000/s")]
    if os.environ.get("REALNAME_TEST_PG_URL"):
        kinds.append(("PostgreSQL", True, ">= 8,000/s"))
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        folder = Path(tmp)
        with file_keyring(folder):
            for name, postgres, target in kinds:
                measured = [_measure(folder / f"{name}-{i}", n, postgres) for i in range(rounds)]
                rate, raw = (statistics.median(m[0][i] for m in measured) for i in (0, 1))
                cpu, raw_cpu = (statistics.median(m[1][i] for m in measured) for i in (0, 1))
                rows.append(
                    {
                        "name": (
                            f"push sync {n:,} records, client outbox -> centre ({name}), "
                            f"median of {rounds}"
                        ),
                        "figure": rate,
                        "unit": "records/s",
                        "target": target,
                        "limit": raw,
                        "limit_name": "the centre's rate for the same batches from memory",
                    }
                )
                rows.append(
                    {
                        "name": (
                            f"push sync {n:,} records, the laptop's CPU per record ({name}), "
                            f"median of {rounds}"
                        ),
                        "figure": cpu,
                        "unit": "us/record",
                        "target": "(none)",
                        "limit": raw_cpu,
                        "limit_name": "a bare HTTP client's CPU for the same batches pre-encoded",
                    }
                )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
