"""Which fields of the form apply to the record as typed so far, read from the rules.

A rule of kind ``required_if`` on the record says a field is asked for when another holds
a value (就业形式 when 就业状态 is 已就业); the form takes that as "the field applies only
then", and disables it otherwise, out of the worker's Tab path. Fields no rule requires go
with the field they describe (就业单位 with 就业形式). No Qt here: the form asks, the rules
answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sync.contract.rules import RuleSet

# A field -> the field whose condition it shares.
COMPANIONS = {
    "employer": "employment_form",
    "employment_intention": "unemployment_reason",
    "graduate_school": "graduation_year",
    "graduate_major": "graduation_year",
    "graduate_degree": "graduation_year",
}

Condition = tuple[str, Any]


def conditions(rules: RuleSet) -> dict[str, Condition]:
    """Field -> (the field it depends on, the value that makes it apply)."""
    found: dict[str, Condition] = {}
    for rule in rules.rules:
        if rule.kind != "required_if" or rule.params.get("scope", "record") != "record":
            continue
        cond = rule.params.get("if")
        if not isinstance(cond, Mapping) or "equals" not in cond:
            continue
        for name in rule.fields:
            found[name] = (str(cond.get("field")), cond["equals"])
    for name, like in COMPANIONS.items():
        if like in found:
            found.setdefault(name, found[like])
    return found


def applies(name: str, values: Mapping[str, Any], known: Mapping[str, Condition]) -> bool:
    """Whether field ``name`` applies to ``values`` (fields no condition names always do)."""
    cond = known.get(name)
    if cond is None:
        return True
    field, expected = cond
    value = values.get(field)
    # True == 1 in Python: a boolean condition is met by a boolean only.
    return type(value) is type(expected) and value == expected


def depended_on(known: Mapping[str, Condition]) -> frozenset[str]:
    """The fields whose value decides whether others apply."""
    return frozenset(field for field, _ in known.values())
