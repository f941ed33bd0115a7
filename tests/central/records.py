"""Records and push bodies for the centre's tests."""

from __future__ import annotations

import uuid
from typing import Any

from sync.contract.samples import sample_records

TOWNSHIPS_620102 = ["620102001", "620102002", "620102003"]


def records_in(region_codes: list[str], n: int, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` valid records in the given regions."""
    return sample_records(n, seed=seed, region_codes=region_codes)


def op(
    record: dict[str, Any], base_version: int | None = None, op_id: str | None = None
) -> dict[str, Any]:
    """One push op for ``record``."""
    return {
        "op_id": op_id or str(uuid.uuid4()),
        "record_id": record["record_id"],
        "base_version": base_version,
        "record": record,
    }


def push_body(*ops: dict[str, Any], device_id: str = "dev-test") -> dict[str, Any]:
    """A push request body."""
    return {"device_id": device_id, "rules_version": "test", "ops": list(ops)}


def csv_rows(records: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """The header and rows of an import file: one row per training (DESIGN.md section 3)."""
    from sync.central.exporter import HEADER, _cell
    from sync.contract.fields import TRAINING_COLUMNS

    names = [h for h in HEADER if h not in TRAINING_COLUMNS]
    rows = []
    for record in records:
        base = [_cell(record.get(n)) for n in names]
        for training in record.get("trainings") or [{}]:
            rows.append(
                base + [_cell(training.get(k)) for k in ("year", "type", "period", "provider")]
            )
    return HEADER, rows


def table_counts(db_url: str) -> dict[str, int]:
    """Rows per table of the centre's database (what a refused request must not change)."""
    from sqlalchemy import func, select

    from sync.central.db import make_engine
    from sync.central.tables import ops, record_trainings, record_versions, records, seq_counter

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            counts = {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (records, record_trainings, record_versions, ops)
            }
            counts["seq"] = conn.execute(select(seq_counter.c.value)).scalar_one()
    finally:
        engine.dispose()
    return counts


def history(db_url: str, record_id: str) -> list[dict[str, Any]]:
    """The version rows of one record, oldest first."""
    from sqlalchemy import select

    from sync.central.db import make_engine
    from sync.central.tables import record_versions

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(record_versions)
                .where(record_versions.c.record_id == record_id)
                .order_by(record_versions.c.version)
            ).mappings()
            return [dict(r) for r in rows]
    finally:
        engine.dispose()
