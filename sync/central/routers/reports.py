"""``GET /reports/indicators``: the report JSON of docs/indicators.md for the caller's scope."""

from __future__ import annotations

from fastapi import APIRouter, Query, Response
from fastapi.concurrency import run_in_threadpool

from sync.central.deps import CurrentUser, EngineDep, RegionQuery
from sync.central.openapi import DATABASE, INVALID, TOKEN, refusals
from sync.central.reports import indicator_report, period_of, report_region
from sync.contract.report import render

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get(
    "/indicators",
    responses={
        200: {"content": {"application/json": {"schema": {"type": "object"}}}},
        **refusals(
            TOKEN,
            INVALID,
            DATABASE,
            {404: "no region has this code", 403: "the region is outside the caller's"},
        ),
    },
)
async def indicators(
    user: CurrentUser,
    engine: EngineDep,
    region: RegionQuery,
    year: int = Query(ge=1900, le=9998),
    quarter: int | None = Query(default=None, ge=1, le=4),
) -> Response:
    """The six indicators of the region (default: the caller's) and of its children."""
    code = report_region(user, region)
    period = period_of(year, quarter)
    report = await run_in_threadpool(indicator_report, engine, code, period, details=False)
    return Response(render(report, "json"), media_type="application/json")
