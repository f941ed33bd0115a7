"""``/reviews``: county, city and province staff approve or return records (审核/退回)."""

from __future__ import annotations

import orjson
from fastapi import APIRouter, Depends, Response
from fastapi.concurrency import run_in_threadpool

from sync.central.deps import CurrentUser, EngineDep, SettingsDep
from sync.central.device_syncs import note_sync
from sync.central.openapi import BODY, DATABASE, INVALID, TOKEN, refusals
from sync.central.reviews import review
from sync.contract.review_wire import ReviewRequest, ReviewResponse

router = APIRouter(prefix="/reviews", tags=["reviews"], dependencies=[Depends(note_sync)])


@router.post(
    "",
    response_model=ReviewResponse,
    responses=refusals(
        BODY,
        TOKEN,
        INVALID,
        DATABASE,
        {503: "concurrent writers kept winning: retry the review"},
    ),
)
async def post_review(
    user: CurrentUser, engine: EngineDep, settings: SettingsDep, body: ReviewRequest
) -> Response:
    """Approve or return one record version; ``stale`` when the record has moved on,
    ``forbidden`` for a worker or a record outside the caller's region. A replayed op_id
    gets its first answer and writes nothing. Times are written as pull writes them."""
    answer = await run_in_threadpool(review, engine, user, body, retries=settings.push_retries)
    return Response(orjson.dumps(answer), media_type="application/json")
