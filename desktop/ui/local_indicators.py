"""The indicators of DESIGN.md section 7 over this laptop's records (no Qt; runs in an operation).

The shared Core queries of :mod:`sync.contract.indicators` read the reference tables beside
the records. The laptop keeps the centre's reference data as one JSON document, so the
base population and targets are copied into temporary tables of the same connection
(gone when it closes) and the same queries run unchanged.
"""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Connection, Table, insert
from sqlalchemy.schema import CreateTable

from desktop.store import Registry
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


def local_indicators(
    registry: Registry, tree: RegionTree, region_code: str, period: Period
) -> IndicatorReport:
    """The indicators of ``region_code`` and its children over the records on this laptop."""
    stored = registry.settings.get("reference")
    reference = orjson.loads(stored) if stored else {}
    metadata = new_metadata()
    base, goals = base_population_table(metadata), targets_table(metadata)
    base_rows = [
        {k: r.get(k) for k in ("region_code", "year", "working_age_disabled")}
        for r in reference.get("base_population") or []
        if isinstance(r, dict)
    ]
    goal_rows = [
        {k: r.get(k) for k in ("region_code", "year", "indicator", "target")}
        for r in reference.get("targets") or []
        if isinstance(r, dict)
    ]
    tables = RegistryTables(records, record_trainings, base, goals)
    with registry.engine.connect() as conn:
        _temporary(conn, base, base_rows)
        _temporary(conn, goals, goal_rows)
        report = compute_indicators(conn, tables, tree, region_code, period)
        conn.rollback()
        conn.exec_driver_sql("DROP TABLE IF EXISTS temp.base_population")
        conn.exec_driver_sql("DROP TABLE IF EXISTS temp.targets")
    return report
