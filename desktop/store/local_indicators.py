"""The indicators of docs/indicators.md over this laptop's records (no Qt; runs in an operation).

The shared Core queries of :mod:`sync.contract.indicators` read the reference tables beside
the records. The laptop keeps the centre's reference data as one JSON document, so the
base population and targets are copied into temporary tables of the same connection
(gone when it closes) and the same queries run unchanged. The report files (XLSX, PDF) are
rendered by the same code as the centre's, from the same report content.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson
from sqlalchemy import Connection, Table, insert
from sqlalchemy.schema import CreateTable

from desktop.store.registry import Registry
from desktop.store.schema import record_trainings, records
from sync.contract.indicators import IndicatorReport, Period, RegistryTables, compute_indicators
from sync.contract.regions import RegionTree
from sync.contract.tables import base_population_table, new_metadata, targets_table


def _temporary(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    ddl = str(CreateTable(table).compile(dialect=conn.dialect))
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{table.name}")
    conn.exec_driver_sql(ddl.replace("CREATE TABLE", "CREATE TEMPORARY TABLE", 1))
    if rows:
        conn.execute(insert(table), rows)


def _reference_rows(registry: Registry, key: str, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    stored = registry.settings.get("reference")
    reference = orjson.loads(stored) if stored else {}
    return [{k: r.get(k) for k in columns} for r in reference.get(key) or [] if isinstance(r, dict)]


@contextmanager
def _report_tables(registry: Registry) -> Iterator[tuple[Connection, RegistryTables]]:
    """A connection whose temporary reference tables hold the centre's base and targets."""
    metadata = new_metadata()
    base, goals = base_population_table(metadata), targets_table(metadata)
    base_rows = _reference_rows(
        registry, "base_population", ("region_code", "year", "working_age_disabled")
    )
    goal_rows = _reference_rows(registry, "targets", ("region_code", "year", "indicator", "target"))
    with registry.engine.connect() as conn:
        _temporary(conn, base, base_rows)
        _temporary(conn, goals, goal_rows)
        try:
            yield conn, RegistryTables(records, record_trainings, base, goals)
        finally:
            conn.rollback()
            conn.exec_driver_sql("DROP TABLE IF EXISTS temp.base_population")
            conn.exec_driver_sql("DROP TABLE IF EXISTS temp.targets")


def local_indicators(
    registry: Registry, tree: RegionTree, region_code: str, period: Period
) -> IndicatorReport:
    """The indicators of ``region_code`` and its children over the records on this laptop."""
    with _report_tables(registry) as (conn, tables):
        return compute_indicators(conn, tables, tree, region_code, period)


def local_report_file(
    registry: Registry, tree: RegionTree, region_code: str, period: Period, fmt: str
) -> bytes:
    """The report of ``region_code`` over this laptop's records as an ``xlsx`` or ``pdf`` file."""
    from sync.contract.report import build_report, render

    with _report_tables(registry) as (conn, tables):
        report = build_report(conn, tables, tree, region_code, period)
    return render(report, fmt)
