"""Rules as data: the versioned rules file, loaded and compiled into a RuleSet.

The file (``resources/rules/rules.json``, or the rules the centre serves) holds a
``version``, the messages of the format checks, and a list of rules, each with an ``id``,
a ``kind`` (see :mod:`sync.contract.rule_kinds`), a ``severity``, the ``fields`` it
concerns and a Chinese ``message``, plus the parameters of its kind.

Rules run in file order. When a rule about one value fails (a pattern, a code list, the ID
check digit...), that value is hidden from the rules after it, so that one typo gives one
finding: rules about a value come before the rules that compare it with others.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sync.contract.codes import code_lists
from sync.contract.fields import FIELDS_BY_NAME
from sync.contract.findings import Severity
from sync.contract.regions import RegionTree, default_tree
from sync.contract.resource_files import read_resource_text
from sync.contract.rule_kinds import (
    INVALIDATING_KINDS,
    KINDS,
    Check,
    Env,
    Inline,
    RuleError,
    inline_form,
)
from sync.contract.rule_program import Program, compile_program

RULES_RESOURCE = "rules/rules.json"
_COMMON_KEYS = frozenset({"id", "kind", "severity", "fields", "message"})
FORMAT_KINDS = ("text", "code", "int", "date", "bool", "uuid", "trainings", "unknown_field")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the file: what it checks, how bad breaking it is, and what to tell."""

    id: str
    kind: str
    severity: Severity
    fields: tuple[str, ...]
    message: str
    params: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The rule as the file holds it."""
        return {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity,
            "fields": list(self.fields),
            "message": self.message,
            **copy.deepcopy(dict(self.params)),
        }


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule with its check, as the engine runs it."""

    rule: Rule
    check: Check
    invalidates: bool


class RuleSet:
    """A version of the rules, compiled once into closures."""

    def __init__(
        self,
        version: str,
        rules: Sequence[Rule],
        format_messages: Mapping[str, str],
        *,
        regions: RegionTree | None = None,
        inline: bool = True,
    ) -> None:
        """``inline=False`` runs every rule by its check (the general path the tests compare
        the inline forms with: see :mod:`sync.contract.rule_program`)."""
        self.version = version
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.format_messages: dict[str, str] = dict(format_messages)
        missing = [k for k in FORMAT_KINDS if k not in self.format_messages]
        if missing:
            raise RuleError(f"rules {version}: no format message for {', '.join(missing)}")
        env = Env(code_lists(), regions if regions is not None else default_tree())
        seen: set[str] = set()
        compiled = []
        # The checks the program writes out in their inline form, by the check.
        forms: dict[Check, Inline] = {}
        for rule in self.rules:
            if rule.id in seen:
                raise RuleError(f"rule {rule.id} appears twice")
            unknown = [name for name in rule.fields if name not in FIELDS_BY_NAME]
            if unknown:
                raise RuleError(f"rule {rule.id}: unknown fields {', '.join(unknown)}")
            seen.add(rule.id)
            compile_kind = KINDS.get(rule.kind)
            if compile_kind is None:
                raise RuleError(f"rule {rule.id}: unknown kind {rule.kind!r}")
            params = {**rule.params, **_common(rule)}
            check = compile_kind(params, env)
            compiled.append(CompiledRule(rule, check, rule.kind in INVALIDATING_KINDS))
            form = inline_form(params, env, FIELDS_BY_NAME[rule.fields[0]].kind)
            if form is not None and inline:
                forms[check] = form
        self.compiled: tuple[CompiledRule, ...] = tuple(compiled)
        plan = [(c.check, c.rule, c.invalidates and c.rule.severity == "error") for c in compiled]
        # What validate() runs on each record: every rule, in file order, in one function.
        self.run: Program = compile_program(plan, forms, version)
        self.by_id: dict[str, Rule] = {r.id: r for r in self.rules}

    def __repr__(self) -> str:
        return f"RuleSet(version={self.version!r}, rules={len(self.rules)})"

    def max_items(self, field: str) -> int | None:
        """The most elements a list field may hold under these rules (kind ``max_items``),
        None when no rule limits it: for a receiver to refuse longer lists before reading
        them element by element."""
        limits = [
            int(r.params["max"])
            for r in self.rules
            if r.kind == "max_items" and r.severity == "error" and field in r.fields
        ]
        return min(limits) if limits else None

    def to_json(self) -> dict[str, Any]:
        """The rules file's JSON form, as the centre serves it."""
        return {
            "version": self.version,
            "format_messages": dict(self.format_messages),
            "rules": [r.to_json() for r in self.rules],
        }

    @classmethod
    def from_json(
        cls, data: Mapping[str, Any], *, regions: RegionTree | None = None, inline: bool = True
    ) -> RuleSet:
        """Rules from their JSON form; RuleError (a ValueError) names what is wrong."""
        if not isinstance(data, Mapping):
            raise RuleError("rules: not a JSON object")
        version = data.get("version")
        if not isinstance(version, str) or not version:
            raise RuleError("rules: 'version' is missing")
        raw_rules = data.get("rules")
        if not isinstance(raw_rules, list):
            raise RuleError(f"rules {version}: 'rules' is not a list")
        messages = data.get("format_messages")
        if not isinstance(messages, Mapping) or not all(
            isinstance(v, str) for v in messages.values()
        ):
            raise RuleError(f"rules {version}: 'format_messages' is not an object of texts")
        rules = [_rule_from_json(number, raw) for number, raw in enumerate(raw_rules, start=1)]
        return cls(version, rules, messages, regions=regions, inline=inline)


def _common(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "kind": rule.kind,
        "severity": rule.severity,
        "fields": list(rule.fields),
        "message": rule.message,
    }


def _rule_from_json(number: int, raw: Any) -> Rule:
    if not isinstance(raw, Mapping):
        raise RuleError(f"rule number {number}: not a JSON object")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise RuleError(f"rule number {number}: 'id' is missing")
    kind = raw.get("kind")
    severity = raw.get("severity")
    fields = raw.get("fields")
    message = raw.get("message")
    if not isinstance(kind, str):
        raise RuleError(f"rule {rule_id}: 'kind' is missing")
    if severity not in ("error", "warning"):
        raise RuleError(f"rule {rule_id}: severity is 'error' or 'warning'")
    if not isinstance(fields, list) or not fields or not all(isinstance(f, str) for f in fields):
        raise RuleError(f"rule {rule_id}: 'fields' is a non-empty list of field names")
    if not isinstance(message, str) or not message:
        raise RuleError(f"rule {rule_id}: 'message' is missing")
    params = {k: copy.deepcopy(v) for k, v in raw.items() if k not in _COMMON_KEYS}
    return Rule(rule_id, kind, severity, tuple(fields), message, params)


@cache
def default_rules() -> RuleSet:
    """The rules shipped with the program (loaded and compiled once)."""
    return RuleSet.from_json(json.loads(read_resource_text(RULES_RESOURCE)))
