"""``/spot-checks``: an inspector's assignments and results, and the quality measures."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from sync.central.deps import CurrentUser, EngineDep
from sync.central.spot_checks import assignments_for, duplicates_of, quality_of, store_results
from sync.contract.spotcheck_wire import AssignmentsResponse, ResultsRequest, ResultsResponse

router = APIRouter(prefix="/spot-checks", tags=["spot-checks"])


@router.get("/assignments", response_model=AssignmentsResponse)
def assignments(user: CurrentUser, engine: EngineDep) -> AssignmentsResponse:
    """The records drawn for the caller to inspect, with read-only copies."""
    return assignments_for(engine, user)


@router.post(
    "/results",
    response_model=ResultsResponse,
    responses={422: {"description": "a field is unknown or given twice"}},
)
async def results(user: CurrentUser, engine: EngineDep, body: ResultsRequest) -> ResultsResponse:
    """Store verdicts per assignment and field; each assignment stands alone."""
    return await run_in_threadpool(store_results, engine, user, body)


@router.get(
    "/quality",
    responses={
        400: {"description": "unknown region or bad quarter"},
        403: {"description": "the region is outside the caller's"},
    },
)
def quality(
    user: CurrentUser,
    engine: EngineDep,
    year: int = Query(ge=1900, le=9998),
    quarter: int = Query(ge=1, le=4),
    region: str | None = Query(default=None, min_length=6, max_length=9),
) -> dict[str, Any]:
    """Spot-check error rates, completeness and duplicates of a region in a quarter."""
    return quality_of(engine, user, year, quarter, region).to_dict()


@router.get(
    "/duplicates",
    responses={
        400: {"description": "unknown region"},
        403: {"description": "the region is outside the caller's"},
    },
)
def duplicates(
    user: CurrentUser,
    engine: EngineDep,
    region: str | None = Query(default=None, min_length=6, max_length=9),
) -> dict[str, Any]:
    """Records that may be one person (same certificate, or same name and birth date in one
    county), for staff to review: ``{groups:[{kind, reason, records:[...]}]}``."""
    return {"groups": [g.to_dict() for g in duplicates_of(engine, user, region)]}
