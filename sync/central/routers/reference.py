"""``/reference``: the caller's reference data, with an ETag."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Header, Response

from sync.central.deps import CurrentUser, EngineDep
from sync.central.openapi import DATABASE, TOKEN, refusals
from sync.central.reference import reference_body

router = APIRouter(tags=["reference"])

_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "version",
        "rules_version",
        "rules",
        "code_lists",
        "regions",
        "base_population",
        "targets",
    ],
    "properties": {
        "version": {"type": "string"},
        "rules_version": {"type": "string"},
        "rules": {},
        "code_lists": {"type": "object"},
        "regions": {"type": "array", "items": {"type": "object"}},
        "base_population": {"type": "array", "items": {"type": "object"}},
        "targets": {"type": "array", "items": {"type": "object"}},
    },
}
_ETAG = {"ETag": {"description": "the reference version, quoted", "schema": {"type": "string"}}}


@router.get(
    "/reference",
    responses={
        200: {"content": {"application/json": {"schema": _SCHEMA}}, "headers": _ETAG},
        304: {"description": "unchanged since the ETag given in If-None-Match", "headers": _ETAG},
        **refusals(TOKEN, DATABASE),
    },
)
def reference(
    user: CurrentUser, engine: EngineDep, if_none_match: str | None = Header(default=None)
) -> Response:
    """Rules, code lists, regions, base population and targets for the caller's scope."""
    body, etag = reference_body(engine, user)
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if if_none_match is not None:
        offered = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        if etag in offered or "*" in offered:
            return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
