"""``/spot-checks``: an inspector's assignments and results, and the quality measures."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from sync.central.deps import CurrentUser, EngineDep, RegionQuery
from sync.central.openapi import BODY, DATABASE, INVALID, TOKEN, refusals
from sync.central.spot_checks import assignments_for, duplicates_of, quality_of, store_results
from sync.contract.spotcheck_wire import AssignmentsResponse, ResultsRequest, ResultsResponse

router = APIRouter(prefix="/spot-checks", tags=["spot-checks"])


@router.get("/assignments", response_model=AssignmentsResponse, responses=refusals(TOKEN, DATABASE))
def assignments(user: CurrentUser, engine: EngineDep) -> AssignmentsResponse:
    """The records drawn for the caller to inspect, with read-only copies."""
    return assignments_for(engine, user)


@router.post(
    "/results",
    response_model=ResultsResponse,
    responses=refusals(
        BODY, TOKEN, DATABASE, {422: "a field is unknown or given twice, or another is invalid"}
    ),
)
async def results(user: CurrentUser, engine: EngineDep, body: ResultsRequest) -> ResultsResponse:
    """Store verdicts per assignment and field; each assignment stands alone."""
    return await run_in_threadpool(store_results, engine, user, body)


@router.get(
    "/quality",
    responses=refusals(
        TOKEN,
        INVALID,
        DATABASE,
        {404: "no region has this code", 403: "the region is outside the caller's"},
    ),
)
def quality(
    user: CurrentUser,
    engine: EngineDep,
    region: RegionQuery,
    year: int = Query(ge=1900, le=9998),
    quarter: int = Query(ge=1, le=4),
) -> dict[str, Any]:
    """Spot-check error rates, completeness and duplicates of a region in a quarter."""
    return quality_of(engine, user, year, quarter, region).to_dict()


@router.get(
    "/duplicates",
    responses=refusals(
        TOKEN,
        INVALID,
        DATABASE,
        {404: "no region has this code", 403: "the region is outside the caller's"},
    ),
)
def duplicates(
    user: CurrentUser,
    engine: EngineDep,
    region: RegionQuery,
) -> dict[str, Any]:
    """Records that may be one person (same certificate, or same name and birth date in one
    county), for staff to review: ``{groups:[{kind, reason, records:[...]}]}``."""
    return {"groups": [g.to_dict() for g in duplicates_of(engine, user, region)]}
