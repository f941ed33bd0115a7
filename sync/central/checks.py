"""The shared rules engine as the centre applies it to every incoming record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sync.contract import default_rules, validate
from sync.contract.fields import FIELDS_BY_NAME
from sync.contract.findings import Finding
from sync.contract.normalization import normalize

_RECORD_KEYS = frozenset(FIELDS_BY_NAME)


@dataclass(frozen=True, slots=True)
class Checked:
    """A record in canonical form with what the rules say about it."""

    record: dict[str, Any]
    errors: list[Finding]


@cache
def rules_version() -> str:
    """The version of the rules the centre applies."""
    return str(default_rules().version)


@cache
def rules_json() -> Any:
    """The rules as served in reference data."""
    return default_rules().to_json()


def check(raw: Mapping[str, Any], record_id: str) -> Checked:
    """Normalise ``raw`` and validate it with the centre's current rules."""
    errors: list[Finding] = []
    record = normalize({k: v for k, v in raw.items() if k in _RECORD_KEYS})
    if record.get("record_id") in (None, ""):
        record["record_id"] = record_id
    if record.get("record_id") != record_id:
        errors.append(
            Finding(
                "central.record_id_mismatch",
                "error",
                ("record_id",),
                "记录编号与操作的记录编号不一致",
            )
        )
    # Unknown keys go to the engine too, so the refusal carries the client's rule id.
    unknown = {k: v for k, v in raw.items() if k not in _RECORD_KEYS}
    errors.extend(f for f in validate({**record, **unknown}) if f.severity == "error")
    return Checked(record, errors)
