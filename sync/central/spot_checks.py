"""Spot checks at the centre: draw and store, hand out assignments, take results back.

A stored draw is named by its inputs (year, quarter, region, rate, minimum, seed and the
inspectors asked for): running the same draw again stores nothing new, so a repeated command
never doubles an inspector's work. The assignments reach each inspector through
``GET /spot-checks/assignments`` with a read-only copy of the record, even one outside the
inspector's own region: inspecting elsewhere is the point (回避).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, insert, select

from sync.central import stored as store
from sync.central.accounts import User
from sync.central.clock import utc_now
from sync.central.db import write_transaction
from sync.central.problems import BadInput, Forbidden
from sync.central.review_rates import review_rates
from sync.central.scope import in_scope, regions
from sync.central.spot_check_tables import (
    spot_check_assignments,
    spot_check_draws,
    spot_check_results,
)
from sync.central.tables import records, users
from sync.contract.duplicates import DuplicateGroup, find_duplicates
from sync.contract.quality import FieldCheck, QualityReport, quality_report
from sync.contract.spotcheck import (
    Assignment,
    Draw,
    SpotCheckError,
    county_of,
    draw,
    quarter_span,
)
from sync.contract.spotcheck_wire import (
    AssignmentOut,
    AssignmentsResponse,
    ResultOutcome,
    ResultsRequest,
    ResultsResponse,
)

_IDS = uuid.UUID("5b0c8f0e-4f5e-4a8e-8d0e-3c2f7d6a1b90")
INSPECTOR_ROLE = "county"


@dataclass(frozen=True, slots=True)
class StoredDraw:
    """A draw and whether this call stored it (False: the same draw was stored before)."""

    draw_id: str
    draw: Draw
    region_code: str
    created: bool


def quarter_records(
    conn: Connection, year: int, quarter: int, region_code: str
) -> list[tuple[str, str]]:
    """``(record_id, region_code)`` of the live records of ``region_code``'s subtree whose
    survey date falls in the quarter."""
    start, end = quarter_span(year, quarter)
    r = records.c
    query = select(r.record_id, r.region_code).where(
        r.deleted.is_(False), r.survey_date >= start, r.survey_date <= end
    )
    tree = regions()
    region = tree.get(region_code)
    if region is None:
        raise BadInput(f"--region: {region_code} is not in the region tree")
    if region.parent_code is not None:
        codes = [region_code, *(d.code for d in tree.descendants(region_code))]
        query = query.where(r.region_code.in_(codes))
    return [(row.record_id, row.region_code) for row in conn.execute(query)]


def candidate_inspectors(conn: Connection, names: Sequence[str] | None) -> list[tuple[str, str]]:
    """``(username, region_code)`` of the active accounts of role county, or of ``names``."""
    u = users.c
    query = select(u.username, u.region_code).where(u.disabled.is_(False))
    if names is None:
        query = query.where(u.role == INSPECTOR_ROLE)
        return [(row.username, row.region_code) for row in conn.execute(query)]
    found = {
        row.username: row.region_code for row in conn.execute(query.where(u.username.in_(names)))
    }
    unknown = sorted(set(names) - set(found))
    if unknown:
        raise BadInput(f"--inspectors: no active account named {', '.join(unknown)}")
    return sorted(found.items())


def _draw_id(draw_: Draw, region_code: str, names: Sequence[str] | None) -> str:
    key = json.dumps(
        [draw_.year, draw_.quarter, region_code, draw_.rate, draw_.minimum, draw_.seed, names]
    )
    return str(uuid.uuid5(_IDS, key))


def draw_and_store(
    engine: Engine,
    *,
    year: int,
    quarter: int,
    rate: float,
    minimum: int,
    seed: int,
    region_code: str | None = None,
    inspector_names: Sequence[str] | None = None,
    drawn_by: str = "realname-central",
) -> StoredDraw:
    """Draw the quarter's spot checks of ``region_code`` (the province when None) and store
    them; BadInput naming the problem when the draw cannot be made."""
    tree = regions()
    region_code = region_code or tree.roots()[0].code
    names = sorted(set(inspector_names)) if inspector_names is not None else None
    with write_transaction(engine) as conn:
        recs = quarter_records(conn, year, quarter, region_code)
        inspectors = candidate_inspectors(conn, names)
        try:
            made = draw(
                recs,
                inspectors,
                year=year,
                quarter=quarter,
                rate=rate,
                minimum=minimum,
                seed=seed,
                tree=tree,
            )
        except SpotCheckError as error:
            raise BadInput(str(error)) from None
        draw_id = _draw_id(made, region_code, names)
        known = conn.execute(
            select(spot_check_draws.c.draw_id).where(spot_check_draws.c.draw_id == draw_id)
        ).first()
        if known is not None:
            # The first stored draw stands, even if records of the quarter arrived since.
            return StoredDraw(draw_id, _stored_draw(conn, draw_id, made), region_code, False)
        conn.execute(
            insert(spot_check_draws),
            [
                {
                    "draw_id": draw_id,
                    "year": year,
                    "quarter": quarter,
                    "region_code": region_code,
                    "rate": rate,
                    "minimum": minimum,
                    "seed": seed,
                    "inspectors": json.dumps(names) if names is not None else None,
                    "drawn_by": drawn_by,
                    "drawn_at": utc_now(),
                }
            ],
        )
        rows = [
            {
                "assignment_id": str(uuid.uuid5(_IDS, f"{draw_id}:{a.record_id}")),
                "draw_id": draw_id,
                **a.to_dict(),
                "year": year,
                "quarter": quarter,
            }
            for a in made.assignments
        ]
        if rows:
            conn.execute(insert(spot_check_assignments), rows)
    return StoredDraw(draw_id, made, region_code, created=True)


def _stored_draw(conn: Connection, draw_id: str, like: Draw) -> Draw:
    """The stored assignments of a draw, in the draw's own order (county, then record)."""
    a = spot_check_assignments.c
    rows = conn.execute(
        select(a.record_id, a.region_code, a.inspector, a.inspector_region).where(
            a.draw_id == draw_id
        )
    ).all()
    tree = regions()
    assignments = sorted(
        (Assignment(*row) for row in rows),
        key=lambda item: (county_of(tree, item.region_code), item.record_id),
    )
    return replace(like, assignments=tuple(assignments))


def assignments_for(engine: Engine, user: User) -> AssignmentsResponse:
    """The caller's assignments with read-only copies of the records."""
    a = spot_check_assignments.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(spot_check_assignments)
            .where(a.inspector == user.username)
            .order_by(a.year, a.quarter, a.draw_id, a.record_id)
        ).all()
        found = {s.record_id: s for s in store.load(conn, [r.record_id for r in rows], [])}
    out = []
    for row in rows:
        held = found.get(row.record_id)
        live = held is not None and not held.deleted
        out.append(
            AssignmentOut(
                assignment_id=row.assignment_id,
                draw_id=row.draw_id,
                year=row.year,
                quarter=row.quarter,
                record_id=row.record_id,
                region_code=row.region_code,
                record=held.record if live and held is not None else None,
                version=held.version if live and held is not None else None,
            )
        )
    return AssignmentsResponse(assignments=out)


def store_results(engine: Engine, user: User, request: ResultsRequest) -> ResultsResponse:
    """Store the caller's verdicts; each assignment's results replace any earlier ones."""
    a = spot_check_assignments.c
    wanted = sorted({r.assignment_id for r in request.results})
    outcomes: list[ResultOutcome] = []
    now = utc_now()
    with write_transaction(engine) as conn:
        inspectors = {
            row.assignment_id: row.inspector
            for row in conn.execute(
                select(a.assignment_id, a.inspector).where(a.assignment_id.in_(wanted))
            )
        }
        for result in request.results:
            inspector = inspectors.get(result.assignment_id)
            if inspector is None:
                outcomes.append(_outcome(result.assignment_id, "unknown", "no such assignment"))
                continue
            if inspector != user.username:
                detail = "assigned to another inspector"
                outcomes.append(_outcome(result.assignment_id, "forbidden", detail))
                continue
            conn.execute(
                delete(spot_check_results).where(
                    spot_check_results.c.assignment_id == result.assignment_id
                )
            )
            conn.execute(
                insert(spot_check_results),
                [
                    {
                        "assignment_id": result.assignment_id,
                        "field": verdict.field,
                        "matched": verdict.matched,
                        "corrected": _json_or_none(verdict.corrected),
                        "checked_by": user.username,
                        "checked_at": now,
                    }
                    for verdict in result.fields
                ],
            )
            outcomes.append(_outcome(result.assignment_id, "accepted"))
    return ResultsResponse(results=outcomes)


def _outcome(assignment_id: str, status: Any, detail: str | None = None) -> ResultOutcome:
    return ResultOutcome(assignment_id=assignment_id, status=status, detail=detail)


def _json_or_none(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def field_checks(conn: Connection, year: int, quarter: int) -> list[FieldCheck]:
    """Every stored verdict on the assignments of the quarter."""
    a, res = spot_check_assignments.c, spot_check_results.c
    query = (
        select(a.record_id, a.region_code, res.field, res.matched)
        .select_from(
            spot_check_results.join(spot_check_assignments, a.assignment_id == res.assignment_id)
        )
        .where(and_(a.year == year, a.quarter == quarter))
    )
    return [
        FieldCheck(row.record_id, row.region_code, row.field, bool(row.matched))
        for row in conn.execute(query)
    ]


def quality_of(
    engine: Engine, user: User | None, year: int, quarter: int, region_code: str | None
) -> QualityReport:
    """The quality measures of a region (default: the caller's, else the province)."""
    tree = regions()
    code = region_code or (user.region_code if user else tree.roots()[0].code)
    if user is not None and not in_scope(user, code):
        raise Forbidden(f"region {code} is outside your region")
    if tree.get(code) is None:
        raise BadInput(f"region: {code} is not in the region tree")
    try:
        _, end = quarter_span(year, quarter)
    except SpotCheckError as error:
        raise BadInput(str(error)) from None
    with engine.connect() as conn:
        checks = field_checks(conn, year, quarter)
        reviews = review_rates(conn, tree, code, year, end)
        return quality_report(conn, records, tree, code, year, quarter, checks, reviews)


def duplicates_of(engine: Engine, user: User, region_code: str | None) -> list[DuplicateGroup]:
    """Possible duplicate persons among the live records of a region in the caller's scope."""
    tree = regions()
    code = region_code or user.region_code
    if tree.get(code) is None:
        raise BadInput(f"region: {code} is not in the region tree")
    if not in_scope(user, code):
        raise Forbidden(f"region {code} is outside your region")
    region = tree.get(code)
    codes = None
    if region is not None and region.parent_code is not None:
        codes = {code, *(d.code for d in tree.descendants(code))}
    with engine.connect() as conn:
        return find_duplicates(conn, records, region_codes=codes)
