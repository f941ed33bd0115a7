"""The shared rules engine as the centre applies it to every incoming record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
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


def check(raw: Mapping[str, Any], record_id: str, today: date | None = None) -> Checked:
    """Normalise ``raw`` and judge the result with the centre's current rules.

    The normalised record is what the centre stores and scopes, whatever the spelling sent
    (12-digit region codes, full-width digits, blank dates): never the record as sent.
    Unknown keys are left out of it but go to the engine, so that the refusal carries the
    client's rule id. ``today`` is the day "not in the future" is judged against (default:
    the local date).
    """
    if raw.keys() <= _RECORD_KEYS:  # as clients send it
        record, unknown = normalize(raw), {}
    else:
        record = normalize({k: v for k, v in raw.items() if k in _RECORD_KEYS})
        unknown = {k: v for k, v in raw.items() if k not in _RECORD_KEYS}
    if record.get("record_id") in (None, ""):
        record["record_id"] = record_id
    day = today if today is not None else date.today()
    return Checked(record, _errors(record, record_id, unknown, day))


def _errors(
    record: dict[str, Any], record_id: str, unknown: dict[str, Any], today: date
) -> list[Finding]:
    errors: list[Finding] = []
    if record.get("record_id") != record_id:
        errors.append(
            Finding(
                "central.record_id_mismatch",
                "error",
                ("record_id",),
                "记录编号与操作的记录编号不一致",
            )
        )
    checked = {**record, **unknown} if unknown else record
    errors.extend(f for f in validate(checked, today=today) if f.severity == "error")
    return errors
