"""Reference data from the centre: newer rules are taken and every record re-checked.

Records the new rules reject are marked for correction: a queued one becomes ``rejected``
(the centre would refuse it anyway, and it must not hold up the others); a synced one keeps
its state and shows ``needs_correction`` with the findings.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from sqlalchemy import bindparam, select, update

from desktop.store.database import write_transaction
from desktop.store.registry import Registry
from desktop.store.schema import record_docs, records
from desktop.store.settings import set_in
from desktop.store.writes import dumps, findings_json
from sync.client import CentralClient, ServerError
from sync.contract import RuleSet, validate

log = logging.getLogger(__name__)


def refresh_reference(registry: Registry, client: CentralClient) -> bool:
    """Fetch the reference data if it changed; True when new rules were taken."""
    data, etag = client.reference(registry.settings.get("reference_etag"))
    if data is None:
        return False
    rules_json = data.get("rules")
    old_version = registry.rules.version
    new_rules: RuleSet | None = None
    if isinstance(rules_json, dict) and rules_json.get("version") != old_version:
        try:
            new_rules = RuleSet.from_json(rules_json)
        except ValueError as exc:
            raise ServerError(f"reference: the rules do not load ({exc})") from exc
    with write_transaction(registry.engine) as conn:
        set_in(conn, "reference", dumps(data))
        set_in(conn, "reference_etag", etag)
        if new_rules is not None:
            set_in(conn, "rules", dumps(new_rules.to_json()))
    if new_rules is None:
        return False
    registry.use_rules(new_rules)
    log.info("rules %s replaced by %s", old_version, new_rules.version)
    recheck(registry)
    return True


def recheck(registry: Registry) -> int:
    """Validate every live record with the current rules; how many need correcting."""
    rules = registry.rules
    marks: list[dict[str, Any]] = []
    with registry.engine.connect() as conn:
        rows = conn.execute(
            select(records.c.record_id, records.c.state, record_docs.c.doc)
            .join(record_docs, record_docs.c.record_id == records.c.record_id)
            .where(records.c.deleted.is_(False))
        ).all()
    for row in rows:
        findings = validate(orjson.loads(row.doc), rules=rules)
        errors = [f for f in findings if f.severity == "error"]
        state = row.state
        if errors and state == "pending":
            state = "rejected"
        marks.append(
            {
                "rid": row.record_id,
                "st": state,
                "nc": bool(errors) and state != "draft",
                "fd": findings_json(findings),
            }
        )
    if marks:
        with write_transaction(registry.engine) as conn:
            conn.execute(
                update(records)
                .where(records.c.record_id == bindparam("rid"))
                .values(
                    state=bindparam("st"),
                    needs_correction=bindparam("nc"),
                    findings_doc=bindparam("fd"),
                ),
                marks,
            )
    return sum(1 for m in marks if m["nc"])
