"""The province report (JSON) over 340,000 records: target <= 1 s (docs/architecture.md).

The limit beside it is a bare ``GROUP BY region_code`` over the same table in the same run:
the least any per-region report must read. Rows are made cheaply by varying a few hundred
template records (ids, dates, regions) and inserted with one Core executemany.

The centre's report adds the review and return rates (:mod:`sync.central.review_rates`),
read from the review audit: a version row for every record, a third of the records
approved, one in twenty returned and corrected, half of those approved again. That report
is measured beside the one without them, in the same run (target: not noticeably slower).
"""

from __future__ import annotations

import os
import random
import tempfile
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    Index,
    MetaData,
    Table,
    create_engine,
    event,
    func,
    select,
    text,
)

from bench.timing import median_seconds
from sync.central.reports import centre_report
from sync.central.review_tables import review_ops, reviews
from sync.central.tables import record_versions
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
            version=2 if i % 20 == 1 else 1,  # the corrected ones of _audit
            seq=i + 1,
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


def _audit(
    records: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Record versions, accepted reviews and each record's latest review (``reviews``) of
    the records of :func:`_rows`; a record's seq is the one its latest review gave it. The
    bench's tables have no trigger: ``superseded_at`` is set here, as the centre's does."""
    at = datetime(YEAR, 6, 1, tzinfo=UTC)
    versions: list[dict[str, Any]] = []
    ops: list[dict[str, Any]] = []
    latest: list[dict[str, Any]] = []

    def review(row: dict[str, Any], version: int, decision: str) -> None:
        ops.append(
            {
                "op_id": f"r{len(ops)}",
                "record_id": row["record_id"],
                "version": version,
                "decision": decision,
                "username": "county",
                "device_id": "bench",
                "received_at": at,
                "status": "accepted",
                "seq": row["seq"],
                "result": "{}",
            }
        )
        returned_at = at if decision == "return" else None
        if latest and latest[-1]["record_id"] == row["record_id"]:
            returned_at = latest.pop()["returned_at"] or returned_at
        latest.append(
            {
                "record_id": row["record_id"],
                "version": version,
                "state": "returned" if decision == "return" else "approved",
                "reviewed_by": "county",
                "reviewed_at": at,
                "seq": row["seq"],
                "region_code": row["region_code"],
                "survey_date": row["survey_date"],
                "superseded_at": None,
                "returned_at": returned_at,
            }
        )

    size = len(records)
    for i, row in enumerate(records):
        version = {"record_id": row["record_id"], "seq": i + 1, "action": "create"}
        versions.append({**version, "version": 1, "saved_at": at, "saved_by": "w"})
        if i % 20 == 1:
            review(row, 1, "return")
            versions.append(
                {**version, "version": 2, "saved_at": at, "saved_by": "w", "action": "update"}
            )
            if i % 40 == 1:
                review(row, 2, "approve")
            else:  # corrected since: the review is no longer the record's seq
                latest[-1].update(seq=size + i + 1, superseded_at=at)
        elif i % 3 == 0:
            review(row, 1, "approve")
        if row["deleted"] and latest and latest[-1]["record_id"] == row["record_id"]:
            # Voided since: a new seq, as at the centre, and the review no longer current.
            latest[-1].update(seq=2 * size + i + 1, superseded_at=at)
    return versions, ops, latest


def audit_tables(metadata: MetaData, records: Table) -> None:
    """The centre's seq of a record (and its index), ``record_versions``, ``review_ops`` and
    ``reviews`` in ``metadata`` (its schema)."""
    records.append_column(Column("seq", BigInteger, nullable=True))
    Index("ix_records_seq", records.c.seq)
    for table in (record_versions, review_ops, reviews):
        if metadata.schema is None:
            table.to_metadata(metadata)
        else:
            table.to_metadata(metadata, schema=metadata.schema)


def fill(engine: Engine, tables: RegistryTables, size: int) -> None:
    """Insert ``size`` records, their trainings, the reference rows and the review audit of
    :func:`audit_tables` (one transaction)."""
    records, trainings = _rows(size)
    base, targets = _reference()
    versions, ops, latest = _audit(records)
    metadata = tables.records.metadata
    with engine.begin() as conn:
        conn.execute(tables.records.insert(), records)
        conn.execute(tables.trainings.insert(), trainings)
        conn.execute(tables.base_population.insert(), base)
        conn.execute(tables.targets.insert(), targets)
        conn.execute(metadata.tables[_qualified(metadata, "record_versions")].insert(), versions)
        conn.execute(metadata.tables[_qualified(metadata, "review_ops")].insert(), ops)
        conn.execute(metadata.tables[_qualified(metadata, "reviews")].insert(), latest)


def _qualified(metadata: MetaData, name: str) -> str:
    return f"{metadata.schema}.{name}" if metadata.schema else name


Timings = tuple[float, float]


def measure(
    engine: Engine, tables: RegistryTables, repeat: int
) -> tuple[Timings, Timings, Timings]:
    """(wall, CPU) seconds of the report, of the bare GROUP BY and of the centre's report
    with the review and return rates, medians of ``repeat`` runs."""
    tree = default_tree()
    r = tables.records.c
    period = Period(YEAR)
    # The centre's audit tables sit in the bench's schema (PostgreSQL).
    options = {"schema_translate_map": {None: tables.records.schema}}
    with engine.connect().execution_options(**options) as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))

        def report() -> bytes:
            built = build_report(conn, tables, tree, PROVINCE, period, details=False)
            return render(built, "json")

        def with_reviews() -> bytes:
            built = centre_report(conn, tables, tree, PROVINCE, period, details=False)
            return render(built, "json")

        def bare() -> object:
            return conn.execute(select(r.region_code, func.count()).group_by(r.region_code)).all()

        report()  # warm the caches once, as a running server has them
        with_reviews()
        return (
            median_seconds(report, repeat),
            median_seconds(bare, repeat),
            median_seconds(with_reviews, repeat),
        )


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
    audit_tables(metadata, tables.records)
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


def _reviews_row(kind: str, size: int, seconds: float, limit: float) -> dict[str, Any]:
    return {
        "name": f"province report JSON with review rates, {size:,} records ({kind})",
        "figure": seconds * 1000,
        "unit": "ms",
        "target": "<= 1000 ms, and not noticeably above the limit",
        "limit": limit * 1000,
        "limit_name": "the same report without review rates, same run",
    }


def run(size: int = 340_000, repeat: int = 3) -> list[dict[str, Any]]:
    """Measure on SQLite, and on PostgreSQL when REALNAME_TEST_PG_URL is set."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        url, tables = filled_sqlite(Path(folder), size)
        engine = create_engine(url)
        (wall, cpu), (bare_wall, bare_cpu), (rev_wall, rev_cpu) = measure(engine, tables, repeat)
        rows.append(_row("SQLite", size, wall, bare_wall))
        # On a busy machine wall time waits for a core; the process's CPU time does not.
        rows.append(_row("SQLite, CPU time", size, cpu, bare_cpu))
        rows.append(_reviews_row("SQLite", size, rev_wall, wall))
        rows.append(_reviews_row("SQLite, CPU time", size, rev_cpu, cpu))
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
            audit_tables(metadata, tables.records)
            metadata.create_all(engine)
            fill(engine, tables, size)
            (wall, _cpu), (bare_wall, _bare_cpu), (rev_wall, _rev_cpu) = measure(
                engine, tables, repeat
            )
            rows.append(_row("PostgreSQL", size, wall, bare_wall))
            rows.append(_reviews_row("PostgreSQL", size, rev_wall, wall))
        finally:
            with engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            engine.dispose()
    return rows


if __name__ == "__main__":
    for result in run():
        print(result)
