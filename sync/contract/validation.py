"""validate(record): the one rules engine both ends run (docs/indicators.md)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sync.contract.fields import FIELDS_BY_NAME
from sync.contract.findings import Finding
from sync.contract.formats import (
    ABSENT,
    BAD,
    BOOLEAN_FIELDS,
    CHECKERS,
    INTEGER_FIELDS,
    TEXT_LIMITS,
)
from sync.contract.rule_context import Context
from sync.contract.rules import RuleSet, default_rules

UNKNOWN_FIELD_RULE = "format.unknown_field"
NOT_A_RECORD_RULE = "format.record"


def validate(
    record: Mapping[str, Any], *, today: date | None = None, rules: RuleSet | None = None
) -> list[Finding]:
    """Every broken rule of a record in canonical JSON form, errors and warnings.

    Never raises, whatever the record holds: a malformed value is an error finding
    ``format.<field>``, keys that are no field of the record are ``format.unknown_field``.
    ``today`` (for "not in the future") defaults to the local date.
    """
    ruleset = rules if rules is not None else default_rules()
    day = today if today is not None else date.today()
    if type(record) is not dict and not isinstance(record, Mapping):
        message = ruleset.format_messages.get("record", "记录格式不正确")
        return [Finding(NOT_A_RECORD_RULE, "error", (), message)]
    findings: list[Finding] = []
    values: dict[str, Any] = {}
    bad: set[str] = set()
    unknown: list[str] = []
    for key, value in record.items():
        # The common shapes inline (a call per field costs more than the check itself).
        if value is None:  # no value: nothing to check, unless the key is no field
            if key not in CHECKERS:
                unknown.append(str(key))
            continue
        kind = type(value)
        if kind is str:
            limit = TEXT_LIMITS.get(key)
            if limit is not None and len(value) <= limit:
                if value and not value.isspace():
                    values[key] = value
                continue
        elif (kind is int and key in INTEGER_FIELDS) or (kind is bool and key in BOOLEAN_FIELDS):
            values[key] = value
            continue
        checker = CHECKERS.get(key)
        if checker is None:
            unknown.append(str(key))
            continue
        typed = checker(value)
        if typed is BAD:
            bad.add(key)
            findings.append(_format_finding(ruleset, key))
        elif typed is not ABSENT:
            values[key] = typed
    if unknown:
        findings.append(_unknown_finding(ruleset, unknown))
    ruleset.run(Context(values, bad, day), findings)
    return findings


def _format_finding(ruleset: RuleSet, name: str) -> Finding:
    field = FIELDS_BY_NAME[name]
    template = ruleset.format_messages[field.kind]
    message = _fill(template, label=field.label, max_length=field.max_length or "")
    return Finding(f"format.{name}", "error", (name,), message)


def _unknown_finding(ruleset: RuleSet, names: list[str]) -> Finding:
    shown = "、".join(n[:40] for n in names[:10])
    message = _fill(ruleset.format_messages["unknown_field"], names=shown)
    return Finding(UNKNOWN_FIELD_RULE, "error", tuple(names), message)


def _fill(template: str, **values: object) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template  # a template from the centre naming a placeholder we do not have
