"""The kinds of rule the rules file may use, each compiled once into a closure.

A compiled check takes the :class:`Context` of one record and answers what is broken:
False (nothing), True (the rule is broken) or, for rules over ``trainings``, the numbers
(1-based) of the trainings that break it. A check reads only well-formed values: a field
that is empty or malformed is absent from ``Context.values``, so a rule about a value says
nothing when the value is not there (the ``required`` rules speak for that).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sync.contract.hidden_chars import NOT_PLAIN
from sync.contract.idcard import (
    WORKING_AGE,
    age_in_years,
    anniversary,
    check_digit,
    has_valid_shape,
)
from sync.contract.person_names import is_person_name
from sync.contract.regions import RegionTree
from sync.contract.rule_context import Context

Broken = bool | list[int]
Check = Callable[[Context], Broken]


@dataclass(frozen=True, slots=True)
class Env:
    """What rules are compiled against: the code lists and the region tree."""

    code_lists: Mapping[str, Mapping[int, str]]
    regions: RegionTree


class RuleError(ValueError):
    """A rule in a rules file is malformed (names the rule)."""


def _param(rule: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    if key not in rule:
        raise RuleError(f"rule {rule.get('id')}: {key!r} is missing")
    value = rule[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise RuleError(f"rule {rule.get('id')}: {key!r} has the wrong type")
    return value


def _one_field(rule: Mapping[str, Any]) -> str:
    fields = rule["fields"]
    if len(fields) != 1:
        raise RuleError(f"rule {rule['id']}: kind {rule['kind']} concerns exactly one field")
    return str(fields[0])


def _same(value: Any, expected: Any) -> bool:
    # True == 1 in Python; a code of 1 must not satisfy a condition on a boolean.
    return type(value) is type(expected) and value == expected


def _over_items(rule: Mapping[str, Any], judge: Callable[[dict[str, Any], Context], bool]) -> Check:
    """A check applying ``judge(item)`` to each training (rules with scope ``trainings``)."""

    def check(ctx: Context) -> Broken:
        items = ctx.values.get("trainings")
        if not items:
            return False
        return [n for n, item in enumerate(items, start=1) if judge(item, ctx)]

    return check


def _scope_target(rule: Mapping[str, Any]) -> tuple[bool, str]:
    scope = rule.get("scope", "record")
    if scope == "trainings":
        return True, _param(rule, "item", str)
    if scope != "record":
        raise RuleError(f"rule {rule['id']}: unknown scope {scope!r}")
    return False, _one_field(rule)


def _condition(rule: Mapping[str, Any]) -> Callable[[Mapping[str, Any]], bool]:
    cond = _param(rule, "if", dict)
    name = cond.get("field")
    if not isinstance(name, str):
        raise RuleError(f"rule {rule['id']}: 'if' names no field")
    if "equals" in cond:
        expected = cond["equals"]
        return lambda values: _same(values.get(name), expected)
    if cond.get("present") is True:
        return lambda values: name in values
    raise RuleError(f"rule {rule['id']}: 'if' needs 'equals' or 'present': true")


def required(rule: Mapping[str, Any], env: Env) -> Check:
    """The field (or each training's item) is filled."""
    per_item, name = _scope_target(rule)
    if per_item:
        return _over_items(rule, lambda item, ctx: name not in item)
    return lambda ctx: name not in ctx.values and name not in ctx.bad


def required_if(rule: Mapping[str, Any], env: Env) -> Check:
    """The field is filled when another field holds a value (``if``)."""
    per_item, name = _scope_target(rule)
    holds = _condition(rule)
    if per_item:
        return _over_items(rule, lambda item, ctx: holds(item) and name not in item)
    return lambda ctx: holds(ctx.values) and name not in ctx.values and name not in ctx.bad


def pattern(rule: Mapping[str, Any], env: Env) -> Check:
    """The text matches the regular expression as a whole.

    The expression is compiled with ``re.ASCII``: ``\\d`` is ``[0-9]``, never the digits of
    another script (``２``, ``٢``), so that what passes is what the other rules can read.
    """
    name = _one_field(rule)
    try:
        regex = re.compile(_param(rule, "regex", str), re.ASCII)
    except re.error as exc:
        raise RuleError(f"rule {rule['id']}: bad regex: {exc}") from exc
    fullmatch = regex.fullmatch

    def check(ctx: Context) -> Broken:
        value = ctx.values.get(name)
        return isinstance(value, str) and fullmatch(value) is None

    return check


def person_name(rule: Mapping[str, Any], env: Env) -> Check:
    """The text is a person's name in its stored form (see :mod:`sync.contract.person_names`):
    letters (Chinese characters included) and the middle dot, nothing invisible."""
    name = _one_field(rule)

    def check(ctx: Context) -> Broken:
        value = ctx.values.get(name)
        return isinstance(value, str) and not is_person_name(value)

    return check


def plain_text(rule: Mapping[str, Any], env: Env) -> Check:
    """The text holds no hidden character, bidirectional control, tab or line break (see
    :mod:`sync.contract.hidden_chars`); may use ``scope``/``item``."""
    per_item, name = _scope_target(rule)
    search = NOT_PLAIN.search
    if per_item:
        return _over_items(
            rule, lambda item, ctx: isinstance(v := item.get(name), str) and search(v) is not None
        )

    def check(ctx: Context) -> Broken:
        value = ctx.values.get(name)
        return value is not None and search(value) is not None

    return check


def max_items(rule: Mapping[str, Any], env: Env) -> Check:
    """The list holds at most ``max`` elements."""
    name = _one_field(rule)
    most = _param(rule, "max", int)
    if most < 0:
        raise RuleError(f"rule {rule['id']}: 'max' is a count, 0 or more")

    def check(ctx: Context) -> Broken:
        value = ctx.values.get(name)
        return isinstance(value, list) and len(value) > most

    return check


def _codes(rule: Mapping[str, Any], env: Env) -> frozenset[Any]:
    if "codes" in rule:
        return frozenset(_param(rule, "codes", list))
    list_name = _param(rule, "code_list", str)
    if list_name not in env.code_lists:
        raise RuleError(f"rule {rule['id']}: unknown code list {list_name!r}")
    return frozenset(env.code_lists[list_name])


def code_in(rule: Mapping[str, Any], env: Env) -> Check:
    """The code is one of its list (``code_list`` by name, or ``codes`` given here)."""
    per_item, name = _scope_target(rule)
    codes = _codes(rule, env)
    if per_item:
        return _over_items(rule, lambda item, ctx: name in item and item[name] not in codes)

    def check(ctx: Context) -> Broken:
        value = ctx.values.get(name)
        return value is not None and value not in codes

    return check


def _year_bound(rule: Mapping[str, Any], key: str) -> Callable[[Context], int]:
    bound = rule.get(key)
    if bound == "survey_year":
        return lambda ctx: ctx.survey_year
    if type(bound) is int:
        return lambda ctx: bound
    raise RuleError(f"rule {rule['id']}: {key!r} is a year or 'survey_year'")


def year_range(rule: Mapping[str, Any], env: Env) -> Check:
    """The year lies between ``min`` and ``max`` (either may be ``survey_year``)."""
    per_item, name = _scope_target(rule)
    low, high = _year_bound(rule, "min"), _year_bound(rule, "max")

    def outside(year: Any, ctx: Context) -> bool:
        return year is not None and not low(ctx) <= year <= high(ctx)

    if per_item:
        return _over_items(rule, lambda item, ctx: outside(item.get(name), ctx))
    return lambda ctx: outside(ctx.values.get(name), ctx)


def id_check_digit(rule: Mapping[str, Any], env: Env) -> Check:
    """The 18th character of the ID number is its GB 11643 check character (a number of
    another shape, non-ASCII digits included, breaks this rule too: never skipped)."""
    name = _one_field(rule)

    def check(ctx: Context) -> Broken:
        number = ctx.values.get(name)
        if number is None:
            return False
        return not has_valid_shape(number) or check_digit(number[:17]) != number[17]

    return check


def id_birth_date(rule: Mapping[str, Any], env: Env) -> Check:
    """The ID number's birth date is real, not before ``min_year``, not after ``not_after``
    (a number of another shape has no birth date: it breaks this rule too)."""
    name = _one_field(rule)
    min_year = rule.get("min_year", 1900)
    not_after = rule.get("not_after")

    def check(ctx: Context) -> Broken:
        if ctx.values.get(name) is None:
            return False
        found = ctx.birth(name)
        if found is None or found[0].year < min_year:
            return True
        limit = ctx.values.get(not_after) if not_after else None
        return isinstance(limit, date) and found[0] > limit

    return check


def cert_matches(rule: Mapping[str, Any], env: Env) -> Check:
    """A part of the certificate number (``id``, ``category``, ``level``) equals a field."""
    cert_field = _param(rule, "cert_field", str)
    other = _param(rule, "other_field", str)
    part = _param(rule, "part", str)
    if part not in ("id", "category", "level"):
        raise RuleError(f"rule {rule['id']}: part is id, category or level")

    def check(ctx: Context) -> Broken:
        cert = ctx.certificate(cert_field)
        value = ctx.values.get(other)
        if cert is None or value is None:
            return False
        if part == "id":
            return bool(cert.id_number != value)
        return bool((cert.category if part == "category" else cert.level) != value)

    return check


def region(rule: Mapping[str, Any], env: Env) -> Check:
    """The code is a region of the tree at one of ``levels``."""
    name = _one_field(rule)
    levels = frozenset(_param(rule, "levels", list))
    tree = env.regions

    def check(ctx: Context) -> Broken:
        code = ctx.values.get(name)
        if code is None:
            return False
        found = tree.get(code)
        return found is None or found.level not in levels

    return check


def date_not_future(rule: Mapping[str, Any], env: Env) -> Check:
    """The date is not after today (plus ``tolerance_days`` for clocks in other zones)."""
    name = _one_field(rule)
    slack = timedelta(days=rule.get("tolerance_days", 0))

    def check(ctx: Context) -> Broken:
        value = ctx.values.get(name)
        return value is not None and value > ctx.today + slack

    return check


def date_order(rule: Mapping[str, Any], env: Env) -> Check:
    """The date in ``earlier`` is not after the date in ``later``."""
    earlier = _param(rule, "earlier", str)
    later = _param(rule, "later", str)

    def check(ctx: Context) -> Broken:
        first, second = ctx.values.get(earlier), ctx.values.get(later)
        return first is not None and second is not None and first > second

    return check


def date_not_before_age(rule: Mapping[str, Any], env: Env) -> Check:
    """The date is not before the day the ID number's holder turned ``age``."""
    name = _param(rule, "field", str)
    id_field = _param(rule, "id_field", str)
    age = _param(rule, "age", int)

    def check(ctx: Context) -> Broken:
        value = ctx.values.get(name)
        if value is None:
            return False
        found = ctx.birth(id_field)
        return found is not None and bool(value < anniversary(found[0], age))

    return check


def working_age(rule: Mapping[str, Any], env: Env) -> Check:
    """The holder of the ID number is of working age on the date in ``on``."""
    id_field = _param(rule, "id_field", str)
    on = _param(rule, "on", str)
    ages = rule.get("ages", {sex: list(span) for sex, span in WORKING_AGE.items()})
    spans = {sex: (int(span[0]), int(span[1])) for sex, span in ages.items()}

    def check(ctx: Context) -> Broken:
        day = ctx.values.get(on)
        if day is None:
            return False
        found = ctx.birth(id_field)
        if found is None:
            return False
        low, high = spans[found[1]]
        return not low <= age_in_years(found[0], day) <= high

    return check


# How the rules program (sync.contract.rule_program) writes out the commonest rules about one
# field of the record, without a call: what it tests, the field, and what the test needs.
# Only for fields whose well-formed value cannot make the test raise (ints for code_in,
# texts for plain_text).
INLINE_REQUIRED, INLINE_CODE_IN, INLINE_PLAIN_TEXT, INLINE_PATTERN, INLINE_REQUIRED_IF = range(5)
Inline = tuple[int, str, Any]


def inline_form(rule: Mapping[str, Any], env: Env, field_kind: str) -> Inline | None:
    """The inline form of a compiled rule (see above), None when it has none."""
    if rule.get("scope", "record") != "record" or len(rule["fields"]) != 1:
        return None
    name = str(rule["fields"][0])
    kind = rule["kind"]
    if kind == "required":
        return (INLINE_REQUIRED, name, None)
    if kind == "required_if":
        # The field of the condition, whether it must equal a value (else be present), which.
        cond = rule["if"]
        return (INLINE_REQUIRED_IF, name, (cond["field"], "equals" in cond, cond.get("equals")))
    if kind == "code_in" and field_kind in ("code", "int"):
        return (INLINE_CODE_IN, name, _codes(rule, env))
    if kind == "plain_text" and field_kind == "text":
        return (INLINE_PLAIN_TEXT, name, NOT_PLAIN.search)
    if kind == "pattern":
        return (INLINE_PATTERN, name, re.compile(rule["regex"], re.ASCII).fullmatch)
    return None


KINDS: dict[str, Callable[[Mapping[str, Any], Env], Check]] = {
    "required": required,
    "required_if": required_if,
    "pattern": pattern,
    "person_name": person_name,
    "plain_text": plain_text,
    "max_items": max_items,
    "code_in": code_in,
    "year_range": year_range,
    "id_check_digit": id_check_digit,
    "id_birth_date": id_birth_date,
    "cert_matches": cert_matches,
    "region": region,
    "date_not_future": date_not_future,
    "date_order": date_order,
    "date_not_before_age": date_not_before_age,
    "working_age": working_age,
}

# Kinds about one field's own value: when one fails, the value is as good as absent for
# every later rule, so that one typo gives one finding rather than a cascade.
INVALIDATING_KINDS = frozenset(
    {
        "pattern",
        "person_name",
        "plain_text",
        "max_items",
        "code_in",
        "id_check_digit",
        "id_birth_date",
        "region",
        "year_range",
    }
)
