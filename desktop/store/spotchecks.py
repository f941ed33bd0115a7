"""Spot checks on the laptop: the inspector's assignments and verdicts, kept until sent.

``refresh`` stores the assignments the centre hands out (read-only copies of records that may
lie outside the account's own region; they never enter the ``records`` table, so they are
never edited or pushed as records). ``record`` keeps the verdict per field in the local
database, offline; ``send`` delivers the unsent verdicts and marks those the centre accepted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, bindparam, delete, insert, select, update

from desktop.store.schema import spot_check_assignments, spot_check_results
from sync.client.errors import ServerError
from sync.client.spotchecks import fetch_assignments, send_results
from sync.client.transport import CentralClient
from sync.contract.spotcheck_wire import AssignmentResult, FieldVerdict


@dataclass(frozen=True, slots=True)
class LocalAssignment:
    """A drawn record to inspect, and the verdicts recorded so far."""

    assignment_id: str
    year: int
    quarter: int
    record_id: str
    region_code: str
    record: dict[str, Any] | None
    verdicts: tuple[FieldVerdict, ...]
    sent: bool


@dataclass(slots=True)
class SendTally:
    """What ``send`` delivered: accepted assignments, and refusals by assignment id."""

    accepted: int = 0
    refused: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class SpotCheckTally:
    """What a sync did with spot checks (``supported`` False: the centre has none)."""

    supported: bool = True
    assigned: int = 0
    accepted: int = 0
    refused: dict[str, str] = field(default_factory=dict)


def _missing(exc: ServerError) -> bool:
    # An older centre has no spot-check routes.
    return exc.status == 404


class SpotChecks:
    """The spot-check tables of one account's local database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def synchronise(self, client: CentralClient) -> SpotCheckTally:
        """Send the unsent verdicts, then fetch the assignments; a centre without spot
        checks (HTTP 404) is reported as unsupported, not as an error."""
        tally = SpotCheckTally()
        try:
            sent = self.send(client)
            tally.assigned = self.refresh(client)
        except ServerError as exc:
            if not _missing(exc):
                raise
            return SpotCheckTally(supported=False)
        tally.accepted, tally.refused = sent.accepted, sent.refused
        return tally

    def refresh(self, client: CentralClient) -> int:
        """Fetch the account's assignments and keep them (record copies replaced); how many."""
        answer = fetch_assignments(client)
        a = spot_check_assignments
        rows = [
            {
                "assignment_id": item.assignment_id,
                "draw_id": item.draw_id,
                "year": item.year,
                "quarter": item.quarter,
                "record_id": item.record_id,
                "region_code": item.region_code,
                "record_doc": None if item.record is None else json.dumps(item.record),
                "version": item.version,
            }
            for item in answer.assignments
        ]
        with self._engine.begin() as conn:
            ids = [r["assignment_id"] for r in rows]
            if ids:
                conn.execute(delete(a).where(a.c.assignment_id.in_(ids)))
                conn.execute(insert(a), rows)
        return len(rows)

    def assignments(self) -> list[LocalAssignment]:
        """Every stored assignment, oldest quarter first, with its recorded verdicts."""
        a, r = spot_check_assignments.c, spot_check_results.c
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(spot_check_assignments).order_by(a.year, a.quarter, a.record_id)
            ).all()
            verdicts: dict[str, list[tuple[FieldVerdict, bool]]] = {}
            for v in conn.execute(select(spot_check_results).order_by(r.field)):
                corrected = None if v.corrected_doc is None else json.loads(v.corrected_doc)
                verdict = FieldVerdict(field=v.field, matched=v.matched, corrected=corrected)
                verdicts.setdefault(v.assignment_id, []).append((verdict, bool(v.sent)))
        out = []
        for row in rows:
            mine = verdicts.get(row.assignment_id, [])
            out.append(
                LocalAssignment(
                    assignment_id=row.assignment_id,
                    year=row.year,
                    quarter=row.quarter,
                    record_id=row.record_id,
                    region_code=row.region_code,
                    record=None if row.record_doc is None else json.loads(row.record_doc),
                    verdicts=tuple(v for v, _ in mine),
                    sent=bool(mine) and all(sent for _, sent in mine),
                )
            )
        return out

    def record(self, assignment_id: str, verdicts: Iterable[FieldVerdict]) -> None:
        """Keep the verdicts on one assignment (replacing earlier ones) until they are sent.

        ValueError for an unknown assignment, no verdict, or a field given twice.
        """
        result = AssignmentResult(assignment_id=assignment_id, fields=list(verdicts))
        a, r = spot_check_assignments.c, spot_check_results
        with self._engine.begin() as conn:
            known = conn.execute(select(a.assignment_id).where(a.assignment_id == assignment_id))
            if known.first() is None:
                raise ValueError(f"no spot-check assignment {assignment_id}")
            conn.execute(delete(r).where(r.c.assignment_id == assignment_id))
            conn.execute(
                insert(r),
                [
                    {
                        "assignment_id": assignment_id,
                        "field": v.field,
                        "matched": v.matched,
                        "corrected_doc": None
                        if v.corrected is None
                        else json.dumps(v.corrected, ensure_ascii=False),
                        "sent": False,
                    }
                    for v in result.fields
                ],
            )

    def _unsent_rows(self) -> list[Any]:
        r = spot_check_results.c
        with self._engine.connect() as conn:
            unsent_ids = select(r.assignment_id).where(r.sent.is_(False)).distinct()
            query = (
                select(spot_check_results)
                .where(r.assignment_id.in_(unsent_ids))
                .order_by(r.assignment_id, r.field)
            )
            return list(conn.execute(query))

    def unsent(self) -> list[AssignmentResult]:
        """The recorded verdicts the centre does not have yet, per assignment."""
        return _grouped(self._unsent_rows())

    def send(self, client: CentralClient) -> SendTally:
        """Send the unsent verdicts; those the centre accepted are marked sent.

        Only the rows exactly as sent are marked: a verdict changed while the request was
        on its way stays unsent and goes next time.
        """
        rows = self._unsent_rows()
        tally = SendTally()
        if not rows:
            return tally
        outcomes = send_results(client, _grouped(rows))
        accepted = {o.assignment_id for o in outcomes if o.status == "accepted"}
        for outcome in outcomes:
            if outcome.status != "accepted":
                tally.refused[outcome.assignment_id] = outcome.detail or outcome.status
        tally.accepted = len(accepted)
        r = spot_check_results.c
        marks = [
            {"a": v.assignment_id, "f": v.field, "m": v.matched, "c": v.corrected_doc}
            for v in rows
            if v.assignment_id in accepted
        ]
        if marks:
            statement = (
                update(spot_check_results)
                .where(
                    r.assignment_id == bindparam("a"),
                    r.field == bindparam("f"),
                    r.matched == bindparam("m"),
                    r.corrected_doc.is_not_distinct_from(bindparam("c")),
                )
                .values(sent=True)
            )
            with self._engine.begin() as conn:
                conn.execute(statement, marks)
        return tally


def _grouped(rows: Iterable[Any]) -> list[AssignmentResult]:
    grouped: dict[str, list[FieldVerdict]] = {}
    for v in rows:
        corrected = None if v.corrected_doc is None else json.loads(v.corrected_doc)
        grouped.setdefault(v.assignment_id, []).append(
            FieldVerdict(field=v.field, matched=v.matched, corrected=corrected)
        )
    return [AssignmentResult(assignment_id=k, fields=v) for k, v in grouped.items()]
