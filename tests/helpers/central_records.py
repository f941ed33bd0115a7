"""Records, push bodies and push/pull round trips for the centre's tests."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx

from sync.contract.samples import sample_records
from tests.helpers.accounts import TOWNSHIP, Accounts


def records_in(
    region_codes: list[str], n: int, seed: int = 0, survey_year: int = 2024
) -> list[dict[str, Any]]:
    """``n`` valid records in the given regions, surveyed in ``survey_year``."""
    return sample_records(n, seed=seed, region_codes=region_codes, survey_year=survey_year)


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
    """The header and rows of an import file: one row per training (docs/protocol.md)."""
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
            counts["seq"] = conn.execute(
                select(seq_counter.c.value).where(seq_counter.c.id == 1)
            ).scalar_one()
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


def a_record(seed: int, region: str = TOWNSHIP) -> dict[str, Any]:
    """One valid record of the worker's county."""
    return records_in([region], 1, seed=seed)[0]


def push_ops(accounts: Accounts, token: str, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    """Push ``ops`` with ``token``; the per-op results (the request itself must pass)."""
    with accounts.server.client(token) as client:
        response = client.post("/sync/push", json=push_body(*ops))
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def push(accounts: Accounts, *records: dict[str, Any]) -> list[dict[str, Any]]:
    """Push new records as the worker; the per-op results (the request itself must pass)."""
    return push_ops(accounts, accounts.worker, *(op(r) for r in records))


def post_push(accounts: Accounts, content: bytes, **headers: str) -> httpx.Response:
    """``content`` as a worker's push body, as it is on the wire (JSON unless ``headers``
    say otherwise); the centre's answer."""
    with accounts.server.client(accounts.worker) as client:
        return client.post(
            "/sync/push",
            content=content,
            headers={"Content-Type": "application/json", **headers},
        )


def rule_ids(result: dict[str, Any]) -> list[str]:
    """The rule ids of a push result's errors, in order."""
    return [e["rule_id"] for e in result["errors"]]


def pulled(accounts: Accounts, record_id: str) -> dict[str, Any]:
    """The record as the county pulls it (every page must answer 200)."""
    found: dict[str, Any] | None = None
    cursor = ""
    with accounts.server.client(accounts.county) as client:
        while True:
            params: dict[str, Any] = {"limit": 1000, **({"since": cursor} if cursor else {})}
            response = client.get("/sync/pull", params=params)
            assert response.status_code == 200, response.text
            page = response.json()
            for change in page["changes"]:
                if change["record_id"] == record_id:
                    found = change["record"]
            cursor = page["cursor"]
            if not page["more"]:
                break
    assert found is not None, record_id
    return found


def version_row(record_id: str, version: int, seq: int, at: datetime) -> dict[str, Any]:
    """A ``record_versions`` row of an update, as a migration test writes it directly."""
    return {
        "record_id": record_id,
        "version": version,
        "seq": seq,
        "action": "update",
        "saved_by": "w",
        "saved_at": at,
    }
