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
