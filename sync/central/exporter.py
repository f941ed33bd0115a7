"""``export-records``: live records (optionally of one region's subtree) to CSV or XLSX.

One row per training (a record without trainings gets one row), with the columns of the
record (docs/protocol.md), so that the file imports again unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, false

from sync.central import stored as store
from sync.central.problems import BadInput
from sync.central.scope import regions
from sync.central.tables import records
from sync.central.tabular import write_table
from sync.contract.fields import RECORD_FIELDS, TRAINING_COLUMNS

_RECORD_COLUMNS = [f.name for f in RECORD_FIELDS if f.kind != "trainings"]
HEADER = [*_RECORD_COLUMNS, *TRAINING_COLUMNS]
_PAGE = 5000


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return 1 if value else 0
    return "" if value is None else value


def _rows(engine: Engine, region: str | None) -> Iterator[list[Any]]:
    # Dates as stored: a row that cannot be read is logged and left out, never a failure.
    query = store.select_records().where(records.c.deleted == false())
    if region is not None:
        codes = [region, *(r.code for r in regions().descendants(region))]
        query = query.where(records.c.region_code.in_(codes))
    query = query.order_by(records.c.region_code, records.c.record_id)
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=_PAGE).execute(query)
        for page in result.partitions():
            items = store.to_stored(page, store.trainings_of(conn, [r.record_id for r in page]))
            for item in items:
                base = [_cell(item.record.get(name)) for name in _RECORD_COLUMNS]
                trainings = item.record.get("trainings") or [{}]
                for training in trainings:
                    yield base + [_cell(training.get(key)) for key in TRAINING_COLUMNS.values()]


def export_records(engine: Engine, path: Path, region: str | None = None) -> int:
    """Write the file; the number of records written."""
    if region is not None and regions().get(region) is None:
        raise BadInput(f"--region: {region!r} is not a code of the region tree")
    rows = list(_rows(engine, region))
    write_table(path, HEADER, rows)
    return len({row[0] for row in rows})
