"""The shared rules engine as the centre applies it to every incoming record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sync.contract import default_rules, validate
from sync.contract.fields import BOOLEAN_DEFAULT_FALSE, FIELDS_BY_NAME, RECORD_FIELDS
from sync.contract.findings import Finding
from sync.contract.normalization import normalize

_RECORD_KEYS = frozenset(FIELDS_BY_NAME)
_ALL_FIELDS = tuple(f.name for f in RECORD_FIELDS)


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
    """Validate ``raw`` with the centre's current rules, normalising it only where needed.

    Clients send the canonical form, so the record is first judged as sent (missing keys
    empty): when it passes, it is stored exactly as the client holds it. Only a record
    that fails is normalised and judged again, so a value in a looser spelling (a
    lower-case x, full-width digits) is still accepted in its canonical form.
    ``today`` is the day "not in the future" is judged against (default: the local date).
    """
    if type(raw) is dict and raw.keys() == _RECORD_KEYS and _complete(raw):
        # Every key, as a client sends it: judged as it is (a push owns its parsed body).
        as_sent: dict[str, Any] = raw
        unknown: dict[str, Any] = {}
    else:
        as_sent = dict(zip(_ALL_FIELDS, map(raw.get, _ALL_FIELDS), strict=True))
        for name in BOOLEAN_DEFAULT_FALSE:
            if as_sent[name] is None:
                as_sent[name] = False
        if as_sent["trainings"] is None:
            as_sent["trainings"] = []
        # Unknown keys go to the engine too, so the refusal carries the client's rule id.
        unknown = (
            {k: v for k, v in raw.items() if k not in _RECORD_KEYS}
            if not raw.keys() <= _RECORD_KEYS
            else {}
        )
    day = today if today is not None else date.today()
    errors = _errors(as_sent, record_id, unknown, day)
    if not errors:
        return Checked(as_sent, [])
    record = normalize({k: v for k, v in raw.items() if k in _RECORD_KEYS})
    if record.get("record_id") in (None, ""):
        record["record_id"] = record_id
    return Checked(record, _errors(record, record_id, unknown, day))


def _complete(raw: dict[str, Any]) -> bool:
    """No key left for the defaults of :func:`check` to fill."""
    return raw["trainings"] is not None and all(raw[n] is not None for n in BOOLEAN_DEFAULT_FALSE)


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
