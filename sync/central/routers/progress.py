"""``GET /progress``: the round's progress (督导) for county, city and province staff."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import orjson
from fastapi import APIRouter, Query, Response
from fastapi.concurrency import run_in_threadpool

from sync.central.deps import CurrentUser, EngineDep, RegionQuery
from sync.central.openapi import DATABASE, INVALID, TOKEN, refusals
from sync.central.progress import compute_progress, progress_region
from sync.contract.progress_wire import ProgressResponse

router = APIRouter(prefix="/progress", tags=["progress"])


@router.get(
    "",
    response_model=ProgressResponse,
    responses=refusals(
        TOKEN,
        INVALID,
        DATABASE,
        {
            403: "a worker's account, or a region outside the caller's",
            404: "no region has this code",
        },
    ),
)
async def progress(
    user: CurrentUser,
    engine: EngineDep,
    region: RegionQuery,
    year: int = Query(ge=1900, le=9998),
    as_of: Annotated[date | None, Query(description="count up to this day (default today)")] = None,
) -> Response:
    """Per region one level down and in total: roster, surveyed, rate, the last 7 days,
    approved, returned; per worker: surveyed, last sync, program version, queue."""
    code = progress_region(user, region)
    body = await run_in_threadpool(compute_progress, engine, code, year, as_of or date.today())
    return Response(orjson.dumps(body), media_type="application/json")
