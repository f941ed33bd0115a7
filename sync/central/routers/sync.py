"""``/sync``: push changes, pull changes, pull the year's roster."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError

from sync.central.compression import encode
from sync.central.deps import CurrentUser, EngineDep, SettingsDep
from sync.central.device_syncs import APP_VERSION_HEADER, note_sync
from sync.central.errors import clean_errors, validation_response
from sync.central.openapi import BODY, DATABASE, INVALID, TOKEN, refusals
from sync.central.pull import pull
from sync.central.push import push
from sync.central.push_body import from_model, parse_fast
from sync.central.roster_pull import roster_page
from sync.contract.protocol import (
    DEFAULT_PULL_LIMIT,
    PullResponse,
    PushRequest,
    PushResponse,
    RosterResponse,
)

# Every sync request may say what the laptop runs and holds (sync.central.device_syncs).
router = APIRouter(prefix="/sync", tags=["sync"], dependencies=[Depends(note_sync)])

_PUSH_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}},
        "description": "may be sent with Content-Encoding: gzip",
    }
}


# The cursors pull.parse_cursor takes (empty: from the start); another since is a 400.
_CURSOR_PATTERN = r"^[0-9]{0,18}$"


def _json(body: Any) -> Response:
    return Response(orjson.dumps(body), media_type="application/json")


def _push_answer(request: Request, body: dict[str, Any]) -> Response:
    """The push answer, compressed here (zstd, else gzip at level 1) where the client takes it.

    One result per op compresses well at any level, and level 1 takes half the CPU of the
    level the GZip middleware uses for everything else (pull pages of records, where the
    bytes saved matter on a village's mobile line); a compressed response passes it as is.
    A client sending ``Prefer: return=minimal`` gets the compact answer (docs/protocol.md).
    """
    if "return=minimal" in request.headers.get("prefer", ""):
        body = {**body, "results": [_minimal(result) for result in body["results"]]}
    data, coding = encode(orjson.dumps(body), request.headers.get("accept-encoding", ""))
    if coding is None:
        return Response(data, media_type="application/json")
    return Response(
        data,
        media_type="application/json",
        headers={"Content-Encoding": coding, "Vary": "Accept-Encoding"},
    )


def _minimal(result: dict[str, Any]) -> dict[str, Any]:
    # The laptop knows each op's record by its op_id; empty errors and no server_record
    # are what the fields default to.
    return {
        key: value
        for key, value in result.items()
        if key != "record_id" and not (key in ("errors", "server_record") and not value)
    }


@router.post(
    "/push",
    response_model=PushResponse,
    openapi_extra=_PUSH_BODY,
    responses=refusals(
        BODY,
        TOKEN,
        INVALID,
        DATABASE,
        {
            415: "Content-Type other than application/json",
            422: "the envelope does not match PushRequest, or more ops than the limit",
            503: "concurrent writers kept winning: retry the push",
        },
    ),
)
async def push_changes(
    request: Request,
    user: CurrentUser,
    engine: EngineDep,
    settings: SettingsDep,
) -> Response:
    """Apply ops one by one; each gets a result, and a replayed op_id its first result."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        return Response(
            orjson.dumps({"detail": "Content-Type: must be application/json"}),
            status_code=415,
            media_type="application/json",
        )
    # Parsed by hand (orjson speed, and gzip/size limits have run in BodyLimits first).
    raw = await request.body()
    body = parse_fast(raw)
    if body is None:
        # Not plainly valid: pydantic, the contract, judges it and words the 422.
        try:
            body = from_model(PushRequest.model_validate_json(raw))
        except ValidationError as invalid:
            return validation_response(clean_errors(invalid.errors(), ("body",)))
    if len(body.ops) > settings.max_ops_per_push:
        detail = [
            {
                "loc": ["body", "ops"],
                "msg": f"at most {settings.max_ops_per_push} ops per push",
                "type": "too_long",
            }
        ]
        return validation_response(detail)
    pushed = await run_in_threadpool(push, engine, user, body, retries=settings.push_retries)
    request.app.state.metrics.pushed(pushed.first)
    return _push_answer(request, pushed.body)


@router.get(
    "/pull",
    response_model=PullResponse,
    responses=refusals(
        TOKEN, INVALID, DATABASE, {400: "since is not a cursor this server handed out"}
    ),
)
def pull_changes(
    request: Request,
    user: CurrentUser,
    engine: EngineDep,
    settings: SettingsDep,
    since: str | None = Query(
        default=None, max_length=40, json_schema_extra={"pattern": _CURSOR_PATTERN}
    ),
    limit: int = Query(default=DEFAULT_PULL_LIMIT, ge=1),
    saved_by: bool = Query(
        default=False,
        description="each change carries saved_by, the account that saved its version "
        "(laptops from before it refuse the key, so it comes only when asked for)",
    ),
) -> Response:
    """The caller's changes after ``since`` in seq order; ``more`` when another page waits."""
    # Laptops that send X-App-Version know the review key of a change; older ones refuse it.
    reviews = APP_VERSION_HEADER.lower() in request.headers
    page = pull(
        engine,
        user,
        since,
        min(limit, settings.max_pull_limit),
        reviews=reviews,
        saved_by=saved_by,
    )
    request.app.state.metrics.pulled(len(page["changes"]))
    return _json(page)


@router.get(
    "/roster",
    response_model=RosterResponse,
    responses=refusals(
        TOKEN, INVALID, DATABASE, {400: "since is not a cursor this server handed out"}
    ),
)
def pull_roster(
    user: CurrentUser,
    engine: EngineDep,
    settings: SettingsDep,
    year: int = Query(ge=2000, le=9998, description="the roster's year (调查年度)"),
    since: str | None = Query(
        default=None, max_length=40, json_schema_extra={"pattern": _CURSOR_PATTERN}
    ),
    limit: int = Query(default=DEFAULT_PULL_LIMIT, ge=1),
) -> Response:
    """The roster of ``year`` in the caller's scope after ``since``, in seq order; a person
    taken off it (or moved out of the caller's region) comes as ``deleted``."""
    return _json(roster_page(engine, user, year, since, min(limit, settings.max_pull_limit)))
