"""``import-records``: rows of a CSV/XLSX file into records, idempotently.

A row names its record by ``record_id`` or, where that is empty, by ``id_number`` and the
year of its ``survey_date``: the person's live record of that survey year is the row's record
(a row without a survey date: the person's latest record), so re-importing a file finds the
same records and changes nothing. A person's new year gets a new record with a random id
(UUIDv7, :func:`sync.contract.ids.new_id`), never one derived from the ID number: ids appear
in reports and draws, and a derived id could be turned back into the number.
Columns in the file overwrite the record's fields; the row's training is added, or replaces
the training of the same year and type. Each record is validated after merging, and a
rejected row names its row number, field and rule.

Rows are applied in chunks, each its own transaction holding the change counter (see
:mod:`sync.central.sequence`), so pushes interleave with a long import; a dry run uses one
transaction and rolls it back.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from sync.central.db import write_transaction
from sync.central.import_chunk import ImportSummary, apply_chunk
from sync.central.import_rows import prepare_rows
from sync.central.problems import BadInput
from sync.central.row_batches import in_workers, row_batches
from sync.central.tabular import read_table
from sync.collections_gc import rare_collections
from sync.contract.column_mapping import ColumnMapping, pick
from sync.contract.fields import (
    RECORD_FIELDS,
    TRAINING_COLUMNS,
    TRAINING_FIELDS,
)

CHUNK_ROWS = 5000
# Processes that normalise and validate rows while this one writes: one core each, and
# one core left for the writer. On two cores a second worker helped small imports but not
# large ones (the writer's indexes grow until it costs as much per row as a worker), and it
# cost time when other processes share the machine, so the writer keeps its core.
WORKERS = max(1, (os.cpu_count() or 2) - 1)
_LABELS = {f.label: f.name for f in RECORD_FIELDS if f.kind != "trainings"}
_LABELS.update(
    {
        f.label: col
        for col, key in TRAINING_COLUMNS.items()
        for f in TRAINING_FIELDS
        if f.name == key
    }
)
_COLUMNS = {f.name for f in RECORD_FIELDS if f.kind != "trainings"} | set(TRAINING_COLUMNS)


def column_names(header: list[str], file_name: str) -> list[str]:
    """Field names for a header of names or Chinese labels; BadInput for an unusable one."""
    names = []
    for position, title in enumerate(header, start=1):
        name = _LABELS.get(title, title)
        if name not in _COLUMNS:
            raise BadInput(f"{file_name}: column {position} {title!r} is no field of the record")
        if name in names:
            raise BadInput(f"{file_name}: column {title!r} appears twice")
        names.append(name)
    for required in ("name", "id_number"):
        if required not in names:
            raise BadInput(f"{file_name}: the column {required} is missing")
    return names


@contextmanager
def _transactions(engine: Engine, dry_run: bool) -> Iterator[Any]:
    """Yields a factory of per-chunk transactions; in a dry run all share one, rolled back."""
    if not dry_run:

        @contextmanager
        def chunk() -> Iterator[Connection]:
            with write_transaction(engine) as conn:
                yield conn

        yield chunk
        return
    with engine.connect() as shared:
        shared = shared.execution_options(realname_write=True)
        outer = shared.begin()

        @contextmanager
        def same() -> Iterator[Connection]:
            yield shared

        try:
            yield same
        finally:
            outer.rollback()


def import_records(
    engine: Engine,
    path: Path,
    *,
    dry_run: bool = False,
    mapping: ColumnMapping | None = None,
    row_outcomes: bool = False,
) -> ImportSummary:
    """Import the rows of ``path``; BadInput when the file itself is unusable.

    With a ``mapping`` (a department's list) the headers are renamed first, and a blank cell
    leaves a registered person's value as it is (``column_mapping.list_update``).
    ``row_outcomes`` keeps each row's outcome in the summary, for the per-row report.
    """
    header, data = read_table(path)
    if mapping is not None:
        header, kept = mapping.apply(header)
        data = pick(data, kept)
    names = column_names(header, path.name)
    summary = ImportSummary(outcomes=[] if row_outcomes else None)
    claimed: dict[str, set[int]] = {}  # training positions this import wrote, per record
    with rare_collections(), _transactions(engine, dry_run) as transaction:
        batches = row_batches(data, CHUNK_ROWS, summary)
        for chunk in in_workers(partial(prepare_rows, names), batches, WORKERS):
            with transaction() as conn:
                apply_chunk(conn, chunk, summary, path.name, claimed, mapping is not None)
    return summary
