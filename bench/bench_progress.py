"""The province's round progress (GET /progress) over 450,000 records and a 450,000-person
roster: target <= 1 s (docs/architecture.md).

The limit beside it is a bare ``GROUP BY region_code`` over the same records in the same
run: the least any per-region count must read. The centre's own schema (migrated), with
rows made cheaply: nine in ten persons of the roster have a record of the year and one
record in ten is of a person not on it, a third of the records are approved and one in
twenty returned, 1,500 worker accounts have synced (one worker visits each township). On
PostgreSQL too when REALNAME_TEST_PG_URL is set.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from bench.timing import median_seconds
from sync.central.db import make_engine, migrate
from sync.central.progress import compute_progress
from sync.central.review_tables import device_syncs, reviews
from sync.central.tables import records, roster, users
from sync.contract.regions import default_tree

YEAR = 2025
AS_OF = date(YEAR, 9, 30)
PROVINCE = "620000"
WORKERS = 1500
_CHUNK = 50_000


def _rows(size: int) -> dict[str, list[dict[str, Any]]]:
    tree = default_tree()
    townships = [r.code for r in tree.all() if r.level == "township"]
    now = datetime(YEAR, 9, 30, 8, tzinfo=UTC)
    start = date(YEAR, 1, 1)
    out: dict[str, list[dict[str, Any]]] = {
        "records": [],
        "roster": [],
        "reviews": [],
        "users": [],
        "device_syncs": [],
    }
    for i in range(size):
        place = (i * 7919) % len(townships)
        region = townships[place]
        number = f"{i:017d}X"  # one per person; the check digit is not read here
        out["roster"].append(
            {"year": YEAR, "id_number": number, "region_code": region, "deleted": False,
             "seq": i + 1, "changed_at": now}
        )  # fmt: skip
        if i % 10 == 9:
            number = f"{size + i:017d}X"  # one in ten visits is a person not on the roster
        record_id = str(uuid.UUID(int=i + 1))
        out["records"].append(
            {"record_id": record_id, "id_number": number, "region_code": region,
             "survey_date": start + timedelta(days=i % 272), "deleted": False, "version": 1,
             "seq": i + 1, "saved_by": f"worker{place % WORKERS}", "name": "测试"}
        )  # fmt: skip
        if i % 3 == 0 or i % 20 == 1:
            out["reviews"].append(
                {"record_id": record_id, "version": 1,
                 "state": "approved" if i % 3 == 0 else "returned", "reviewed_by": "county",
                 "reviewed_at": now, "seq": i + 1, "region_code": region,
                 "survey_date": start + timedelta(days=i % 272)}
            )  # fmt: skip
    counties = [r.code for r in tree.all() if r.level == "county"]
    for n in range(WORKERS):
        out["users"].append(
            {"username": f"worker{n}", "password_hash": "-", "role": "worker",
             "region_code": counties[n % len(counties)], "created_at": now, "disabled": False}
        )  # fmt: skip
        out["device_syncs"].append(
            {"username": f"worker{n}", "device_id": f"dev{n}", "last_sync_at": now,
             "app_version": "0.1.0", "queue_length": n % 7}
        )  # fmt: skip
    return out


def fill(engine: Engine, size: int) -> None:
    """Migrate and fill the centre's tables (one transaction per table)."""
    migrate(engine)
    rows = _rows(size)
    tables = {
        "records": records,
        "roster": roster,
        "reviews": reviews,
        "users": users,
        "device_syncs": device_syncs,
    }
    for name, table in tables.items():
        with engine.begin() as conn:
            for start in range(0, len(rows[name]), _CHUNK):
                conn.execute(insert(table), rows[name][start : start + _CHUNK])
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))
        else:
            conn.exec_driver_sql("ANALYZE")


def measure(engine: Engine, repeat: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(wall, CPU) seconds of the province's progress and of the bare GROUP BY (medians)."""
    r = records.c

    def bare() -> object:
        with engine.connect() as conn:
            query = select(r.region_code, func.count()).group_by(r.region_code)
            return conn.execute(query).all()

    def progress() -> object:
        return compute_progress(engine, PROVINCE, YEAR, AS_OF)

    progress()  # warm the caches once, as a running server has them
    return median_seconds(progress, repeat), median_seconds(bare, repeat)


def _row(kind: str, size: int, seconds: float, limit: float) -> dict[str, Any]:
    return {
        "name": f"province progress, {size:,} records, {size:,} on the roster ({kind})",
        "figure": seconds * 1000,
        "unit": "ms",
        "target": "<= 1000 ms",
        "limit": limit * 1000,
        "limit_name": "bare GROUP BY region_code, same records",
    }


@contextmanager
def _postgres(admin: str) -> Iterator[Engine]:
    name = f"bench_progress_{uuid.uuid4().hex[:8]}"
    server = create_engine(admin, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def run(size: int = 450_000, repeat: int = 3) -> list[dict[str, Any]]:
    """Measure on SQLite, and on PostgreSQL when REALNAME_TEST_PG_URL is set."""
    result = []
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'central.sqlite3'}")
        try:
            fill(engine, size)
            (wall, cpu), (bare_wall, bare_cpu) = measure(engine, repeat)
            result.append(_row("SQLite", size, wall, bare_wall))
            # On a busy machine wall time waits for a core; the process's CPU time does not.
            result.append(_row("SQLite, CPU time", size, cpu, bare_cpu))
        finally:
            engine.dispose()
    admin = os.environ.get("REALNAME_TEST_PG_URL")
    if admin:
        with _postgres(admin) as engine:
            fill(engine, size)
            (wall, _cpu), (bare_wall, _bare_cpu) = measure(engine, repeat)
            result.append(_row("PostgreSQL", size, wall, bare_wall))
    return result


if __name__ == "__main__":
    for line in run():
        print(line)
