"""Reading records for lists: filters, orders, and rows turned into typed values.

Filters are written so SQLite can use the indexes of schema v2 (a prefix LIKE on the
NOCASE name index), which keeps a prefix search over 500,000 records in milliseconds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

import orjson
from sqlalchemy import ColumnElement, Select, and_, select, true

from desktop.store.model import LocalRecord, RecordFilter
from desktop.store.schema import record_docs, records
from sync.contract.findings import Finding
from sync.contract.merge import FieldConflict

Order = Literal["updated_desc", "name", "survey_date_desc"]


def with_doc() -> Select[Any]:
    """SELECT of whole records with their JSON (for local_record)."""
    return select(records, record_docs.c.doc).join(
        record_docs, record_docs.c.record_id == records.c.record_id
    )


def local_record(m: Any) -> LocalRecord:
    """A ``records`` row as the LocalRecord the UI gets."""
    conflicts: dict[str, FieldConflict] = {}
    if m["conflict_doc"]:
        for name, pair in orjson.loads(m["conflict_doc"]).items():
            conflicts[name] = FieldConflict(pair["local"], pair["remote"])
    updated = m["updated_at"]
    if isinstance(updated, datetime) and updated.tzinfo is None:
        updated = updated.replace(tzinfo=UTC)
    return LocalRecord(
        record=orjson.loads(m["doc"]),
        state=m["state"],
        version=m["version"],
        findings=findings_of(m["findings_doc"]),
        conflicts=conflicts,
        needs_correction=bool(m["needs_correction"]),
        deleted=bool(m["deleted"]),
        updated_at=updated,
    )


def findings_of(text: str | None) -> tuple[Finding, ...]:
    """The findings kept as JSON in ``findings_doc``."""
    return tuple(Finding.from_dict(d) for d in orjson.loads(text)) if text else ()


def _prefix(column: Any, prefix: str) -> ColumnElement[bool]:
    # LIKE with a NOCASE index is what SQLite can use for a prefix; escape the wildcards.
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"{escaped}%", escape="\\")  # type: ignore[no-any-return]


def where(f: RecordFilter | None) -> ColumnElement[bool]:
    """The SQL condition of a list filter (no filter: every live record)."""
    if f is None:
        return records.c.deleted.is_(False)
    parts: list[ColumnElement[bool]] = []
    if not f.include_deleted:
        parts.append(records.c.deleted.is_(False))
    if f.states:
        parts.append(records.c.state.in_(f.states))
    if f.region_prefix:
        parts.append(_prefix(records.c.region_code, f.region_prefix))
    if f.name_prefix:
        parts.append(_prefix(records.c.name, f.name_prefix))
    if f.id_number_prefix:
        parts.append(_prefix(records.c.id_number, f.id_number_prefix.upper()))
    if f.needs_correction is not None:
        parts.append(records.c.needs_correction.is_(f.needs_correction))
    return and_(true(), *parts)


def order_by(order: Order) -> list[Any]:
    """The ORDER BY of a list order (record_id breaks ties, so pages are stable)."""
    if order == "name":
        return [records.c.name, records.c.record_id]
    if order == "survey_date_desc":
        return [records.c.survey_date.desc(), records.c.record_id]
    return [records.c.updated_at.desc(), records.c.record_id]
