"""``GET /reference``: rules, code lists, regions, base population and targets in scope.

The body is built per request (the database is the only state) and its hash is both the
``version`` and the ETag, so a client that already has it gets a 304 and no body.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from sqlalchemy import Engine, select

from sync.central.accounts import User
from sync.central.checks import rules_json, rules_version
from sync.central.scope import regions, scope_codes
from sync.central.tables import base_population, targets
from sync.contract.codes import code_lists

_JSON = orjson.OPT_NON_STR_KEYS | orjson.OPT_SORT_KEYS


def _regions_for(user: User) -> list[dict[str, Any]]:
    tree = regions()
    codes = scope_codes(user)
    if codes is None:
        return tree.to_rows()
    above = [r.to_dict() for r in reversed(tree.ancestors(user.region_code))]
    return above + [r.to_dict() for code in codes if (r := tree.get(code)) is not None]


def reference_body(engine: Engine, user: User) -> tuple[bytes, str]:
    """The JSON body of the caller's reference data and its ETag."""
    codes = scope_codes(user)
    base_q = select(base_population).order_by(base_population.c.region_code, base_population.c.year)
    target_q = select(targets).order_by(targets.c.region_code, targets.c.year, targets.c.indicator)
    if codes is not None:
        base_q = base_q.where(base_population.c.region_code.in_(codes))
        target_q = target_q.where(targets.c.region_code.in_(codes))
    with engine.connect() as conn:
        base = [dict(r) for r in conn.execute(base_q).mappings()]
        goals = [dict(r) for r in conn.execute(target_q).mappings()]
    content = {
        "rules_version": rules_version(),
        "rules": rules_json(),
        "code_lists": code_lists(),
        "regions": _regions_for(user),
        "base_population": base,
        "targets": goals,
    }
    version = hashlib.sha256(orjson.dumps(content, option=_JSON)).hexdigest()[:32]
    body = orjson.dumps({"version": version, **content}, option=_JSON)
    return body, f'"{version}"'
