"""The province report (JSON) over 340,000 records: target <= 1 s (docs/architecture.md).

The limit beside it is a bare ``GROUP BY region_code`` over the same table in the same run:
the least any per-region report must read. Rows are made cheaply by varying a few hundred
template records (ids, dates, regions) and inserted with one Core executemany.
"""

from __future__ import annotations

import os
import random
import tempfile
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event, func, select, text

from bench.timing import median_seconds
from sync.contract.indicators import TARGET_INDICATORS, Period, RegistryTables
from sync.contract.regions import default_tree
from sync.contract.report import build_report, render
from sync.contract.tables import NAMING_CONVENTION

YEAR = 2024
PROVINCE = "620000"


def _rows(size: int, seed: int = 7) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = random.Random(seed)
    tree = default_tree()
    places = [r.code for r in tree.all() if r.level in ("county", "township")]
    templates = []
    for _ in range(300):
        employed = rng.random() < 0.35
        graduate = rng.random() < 0.05
        templates.append(
            {
                "hukou_type": rng.choice((1, 2)),
                "employment_status": 1 if employed else 2,
                "graduate": graduate,
                "graduation_year": YEAR if graduate else None,
                "graduate_status": rng.choice((1, 2, 3)) if graduate else None,
                "poverty_registered": rng.random() < 0.2,
                "training_need": rng.random() < 0.3,
                "deleted": rng.random() < 0.01,
                "name": "测试",
            }
        )
    records: list[dict[str, Any]] = []
    trainings: list[dict[str, Any]] = []
    start = date(YEAR, 1, 1)
    for i in range(size):
        row: dict[str, Any] = dict(templates[i % len(templates)])
        region = places[(i * 7919) % len(places)]
        born = date(1950 + i % 60, 1 + i % 12, 1 + i % 28)
        survey = start + timedelta(days=i % 365)
        record_id = str(uuid.UUID(int=i + 1))
        row.update(
            record_id=record_id,
            region_code=region,
            id_number=f"{region[:6]}{born:%Y%m%d}{i % 1000:03d}X",
            survey_date=survey,
            employment_date=(survey - timedelta(days=i % 400))
            if row["employment_status"] == 1
            else None,
        )
        records.append(row)
        if i % 5 == 0:
            trainings.append({"record_id": record_id, "position": 0, "year": YEAR, "type": 1})
    return records, trainings


def _reference() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    tree = default_tree()
    counties = [r.code for r in tree.all() if r.level == "county"]
    base = [{"region_code": c, "year": YEAR, "working_age_disabled": 5000} for c in counties]
    targets = [
        {"region_code": c, "year": YEAR, "indicator": name, "target": 400}
        for c in counties
        for name in TARGET_INDICATORS
    ]
    return base, targets


def fill(engine: Engine, tables: RegistryTables, size: int) -> None:
    """Insert ``size`` records, their trainings and the reference rows (one transaction)."""
    records, trainings = _rows(size)
    base, targets = _reference()
    with engine.begin() as conn:
        conn.execute(tables.records.insert(), records)
        conn.execute(tables.trainings.insert(), trainings)
        conn.execute(tables.base_population.insert(), base)
        conn.execute(tables.targets.insert(), targets)


def measure(
    engine: Engine, tables: RegistryTables, repeat: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """(wall, CPU) seconds of the report and of the bare GROUP BY, medians of ``repeat`` runs."""
    tree = default_tree()
    r = tables.records.c
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))

        def report() -> bytes:
            built = build_report(conn, tables, tree, PROVINCE, Period(YEAR), details=False)
            return render(built, "json")

        def bare() -> object:
            return conn.execute(select(r.region_code, func.count()).group_by(r.region_code)).all()

        report()  # warm the caches once, as a running server has them
        return median_seconds(report, repeat), median_seconds(bare, repeat)


def _throwaway_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Only while filling: the bench database is thrown away, so no durability, and a cache
    # that holds the indexes while 340,000 rows go in. The reads are measured on a fresh
    # engine with SQLite's defaults, as the centre runs.
    dbapi_connection.execute("PRAGMA synchronous=OFF")
    dbapi_connection.execute("PRAGMA cache_size=-262144")


def filled_sqlite(folder: Path, size: int) -> tuple[str, RegistryTables]:
    """A SQLite file under ``folder`` holding ``size`` records; its URL and tables."""
    url = f"sqlite:///{folder / 'bench.db'}"
    loader = create_engine(url)
    event.listen(loader, "connect", _throwaway_sqlite)
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    tables = RegistryTables.define(metadata)
    metadata.create_all(loader)
    fill(loader, tables, size)
    loader.dispose()
    return url, tables


def _row(kind: str, size: int, seconds: float, limit: float) -> dict[str, Any]:
    return {
        "name": f"province report JSON, {size:,} records ({kind})",
        "figure": seconds * 1000,
        "unit": "ms",
        "target": "<= 1000 ms",
        "limit": limit * 1000,
        "limit_name": "bare GROUP BY region_code, same table",
    }


def run(size: int = 340_000, repeat: int = 3) -> list[dict[str, Any]]:
    """Measure on SQLite, and on PostgreSQL when REALNAME_TEST_PG_URL is set."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        url, tables = filled_sqlite(Path(folder), size)
        engine = create_engine(url)
        (wall, cpu), (bare_wall, bare_cpu) = measure(engine, tables, repeat)
        rows.append(_row("SQLite", size, wall, bare_wall))
        # On a busy machine wall time waits for a core; the process's CPU time does not.
        rows.append(_row("SQLite, CPU time", size, cpu, bare_cpu))
        engine.dispose()
    pg_url = os.environ.get("REALNAME_TEST_PG_URL")
    if pg_url:
        engine = create_engine(pg_url)
        schema = f"bench_report_{uuid.uuid4().hex[:8]}"
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            metadata = MetaData(naming_convention=NAMING_CONVENTION, schema=schema)
            tables = RegistryTables.define(metadata)
            metadata.create_all(engine)
            fill(engine, tables, size)
            (wall, _cpu), (bare_wall, _bare_cpu) = measure(engine, tables, repeat)
            rows.append(_row("PostgreSQL", size, wall, bare_wall))
        finally:
            with engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            engine.dispose()
    return rows


if __name__ == "__main__":
    for result in run():
        print(result)
