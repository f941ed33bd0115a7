"""The rules of a RuleSet written out as one Python function, which validate() runs once per
record.

A loop over the rules cost more than most rules do (a tuple to unpack, a lookup and a call
each). Here every rule becomes a few lines of one generated function, in file order: the
commonest kinds (:func:`sync.contract.rule_kinds.inline_form`) as their test written out,
the others as a call of their compiled check, and a broken rule appends its Finding (made
once: a Finding is immutable). The function keeps nothing between records.

What each rule answers, and the order of the findings, are those of the rules' checks run
one by one (tests/contract/test_fast_paths.py compares the two on hostile records).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sync.contract.findings import Finding
from sync.contract.rule_context import Context
from sync.contract.rule_kinds import (
    INLINE_CODE_IN,
    INLINE_PLAIN_TEXT,
    INLINE_REQUIRED,
    INLINE_REQUIRED_IF,
    Check,
    Inline,
)

if TYPE_CHECKING:
    from sync.contract.rules import Rule

log = logging.getLogger(__name__)

Program = Callable[[Context, list[Finding]], None]


def _broken(test: str, invalidates: bool, i: int) -> list[str]:
    lines = [f"    if {test}:"]
    if invalidates:
        lines.append(f"        invalidate(ctx, R{i}.fields)")
    return [*lines, f"        append(F{i})"]


def _called(invalidates: bool, i: int) -> list[str]:
    """A rule run by its check: a crash is a bug, logged, and an error finding; a list of
    numbers names the trainings that break it."""
    lines = [
        "    try:",
        f"        broken = K{i}(ctx)",
        "    except Exception:",
        f'        log.exception("rule %s failed on a record (rules %s)", R{i}.id, VERSION)',
        "        broken = True",
        "    if broken:",
        "        if broken is not True:",
        f"            append(with_trainings(R{i}, broken))",
        "        else:",
    ]
    if invalidates:
        lines.append(f"            invalidate(ctx, R{i}.fields)")
    return [*lines, f"            append(F{i})"]


def _with_trainings(rule: Rule, numbers: Sequence[int]) -> Finding:
    shown = "、".join(str(n) for n in numbers)
    return Finding(rule.id, rule.severity, rule.fields, f"{rule.message}（第{shown}条培训）")


def compile_program(
    plan: Sequence[tuple[Check, Rule, bool]], inline: Mapping[Check, Inline], version: str
) -> Program:
    """One function running ``plan`` (check, rule, whether a break hides the rule's fields
    from later rules) on a record's Context, appending what it finds; the checks found in
    ``inline`` are written out in their inline form."""
    names: dict[str, Any] = {
        "log": log,
        "VERSION": version,
        "with_trainings": _with_trainings,
        "invalidate": Context.invalidate,
    }
    lines = [
        "def run(ctx, findings):",
        "    values = ctx.values",
        "    bad = ctx.bad",
        "    append = findings.append",
    ]
    for i, (check, rule, invalidates) in enumerate(plan):
        names[f"R{i}"] = rule
        names[f"F{i}"] = Finding(rule.id, rule.severity, rule.fields, rule.message)
        form = inline.get(check)
        if form is None:
            names[f"K{i}"] = check
            lines += _called(invalidates, i)
            continue
        how, name, test = form
        field = repr(name)
        names[f"T{i}"] = test
        missing = f"{field} not in values and {field} not in bad"
        if how == INLINE_REQUIRED:
            lines += _broken(missing, invalidates, i)
            continue
        if how == INLINE_REQUIRED_IF:
            other, equals, expected = test
            if equals:  # as rule_kinds._same: of the same type, and equal
                names[f"E{i}"], names[f"TE{i}"] = expected, type(expected)
                lines.append(f"    value = values.get({other!r})")
                holds = f"type(value) is TE{i} and value == E{i}"
            else:
                holds = f"{other!r} in values"
            lines += _broken(f"{holds} and {missing}", invalidates, i)
            continue
        lines.append(f"    value = values.get({field})")
        if how == INLINE_CODE_IN:
            found = f"value not in T{i}"
        elif how == INLINE_PLAIN_TEXT:
            found = f"T{i}(value) is not None"
        else:  # a pattern: only text is matched
            found = f"isinstance(value, str) and T{i}(value) is None"
        lines += _broken(f"value is not None and {found}", invalidates, i)
    namespace = dict(names)
    exec(compile("\n".join(lines) + "\n", f"<rules {version}>", "exec"), namespace)
    program: Program = namespace["run"]
    return program
