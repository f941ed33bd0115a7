"""The OpenAPI document: the refusals each route declares, and what FastAPI cannot see itself.

Every route lists each status it can answer with :func:`refusals`, built from the groups
below; all refusals share one body, :class:`~sync.central.errors.ErrorBody`. :func:`document`
adds the push body (the route parses it by hand), the schema of a record's JSON value, and
drops the 422 FastAPI guesses for routes whose parameters cannot fail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from sync.central.errors import ErrorBody
from sync.contract.protocol import NO_NUL_PATTERN, PushRequest
from sync.contract.review_wire import COMMENTABLE_FIELDS
from sync.contract.spotcheck_wire import CHECKABLE_FIELDS

# What BodyLimits refuses, before any route: every method that carries a body.
BODY: Mapping[int, str] = {
    400: "the body is not JSON, not valid gzip, or holds a NUL character (\\u0000)",
    413: "the body is larger than the limit, on the wire or once inflated",
    415: "Content-Encoding other than gzip",
}
TOKEN: Mapping[int, str] = {401: "no valid bearer token: missing, unknown, expired or revoked"}
INVALID: Mapping[int, str] = {422: "a parameter or body field is invalid: `detail` names each"}
DATABASE: Mapping[int, str] = {503: "the database is unavailable or busy; retry after Retry-After"}

_RETRY_AFTER = {
    "description": "seconds to wait before trying again",
    "required": True,
    "schema": {"type": "string", "pattern": r"^\d+$"},
}
_SCHEMAS = "#/components/schemas/"


def refusals(*groups: Mapping[int, str]) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route: each status of ``groups`` with the one error body.

    A status in two groups keeps both reasons; 429 and 503 carry ``Retry-After``.
    """
    reasons: dict[int, list[str]] = {}
    for group in groups:
        for status, why in group.items():
            reasons.setdefault(status, []).append(why)
    out: dict[int | str, dict[str, Any]] = {}
    for status, whys in sorted(reasons.items()):
        entry: dict[str, Any] = {"model": ErrorBody, "description": "; ".join(whys)}
        if status in (429, 503):
            entry["headers"] = {"Retry-After": _RETRY_AFTER}
        out[status] = entry
    return out


def _json_value() -> dict[str, Any]:
    """Any JSON value whose strings and keys hold no NUL (BodyLimits refuses one anywhere)."""
    text = {"type": "string", "pattern": NO_NUL_PATTERN}
    return {
        "description": "any JSON value without NUL characters",
        "anyOf": [
            text,
            {"type": "number"},
            {"type": "boolean"},
            {"type": "null"},
            {"type": "array", "items": {"$ref": _SCHEMAS + "JsonValue"}},
            {
                "type": "object",
                "propertyNames": text,
                "additionalProperties": {"$ref": _SCHEMAS + "JsonValue"},
            },
        ],
    }


def _drop_guessed_422(document: dict[str, Any]) -> None:
    """Remove the 422 FastAPI adds to every route with parameters unless the route declared it:
    the routes declare theirs (with :class:`ErrorBody`) where a parameter can fail."""
    guessed = {"$ref": _SCHEMAS + "HTTPValidationError"}
    for operations in document["paths"].values():
        for operation in operations.values():
            answer = operation["responses"].get("422", {})
            if answer.get("content", {}).get("application/json", {}).get("schema") == guessed:
                del operation["responses"]["422"]
    schemas = document["components"]["schemas"]
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)


def _headers_never_null(document: dict[str, Any]) -> None:
    """An optional header's schema without the ``null`` FastAPI adds for ``str | None``: a
    header is text, and leaving it out is how a request says nothing (a header holding the
    word null is refused like any other text its pattern refuses)."""
    for operations in document["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", ()):
                schema = parameter["schema"]
                if parameter["in"] != "header" or "anyOf" not in schema:
                    continue
                kept = [s for s in schema.pop("anyOf") if s.get("type") != "null"]
                if len(kept) == 1:
                    schema.update(kept[0])
                else:
                    schema["anyOf"] = kept


def document(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document (built once)."""
    if app.openapi_schema:
        return app.openapi_schema
    built = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    schemas = built.setdefault("components", {}).setdefault("schemas", {})
    push = PushRequest.model_json_schema(ref_template=_SCHEMAS + "{model}")
    schemas.update(push.pop("$defs", {}))
    schemas["PushRequest"] = push
    schemas["JsonValue"] = _json_value()
    schemas["PushOp"]["properties"]["record"] = {
        "type": "object",
        "description": "the record's JSON form; the rules judge it, op by op",
        "propertyNames": {"type": "string", "pattern": NO_NUL_PATTERN},
        "additionalProperties": {"$ref": _SCHEMAS + "JsonValue"},
    }
    # spotcheck_wire checks the name in a validator, which its schema cannot show.
    verdict = schemas["FieldVerdict"]["properties"]
    verdict["field"]["enum"] = sorted(CHECKABLE_FIELDS)
    verdict["corrected"] = {"$ref": _SCHEMAS + "JsonValue", "description": "the value found"}
    schemas["AssignmentResult"]["properties"]["assignment_id"]["pattern"] = NO_NUL_PATTERN
    # review_wire checks the field names in a validator too.
    for name in ("Approval", "Return"):
        comments = schemas[name]["properties"]["field_comments"]
        comments["propertyNames"] = {"enum": sorted(COMMENTABLE_FIELDS)}
    _drop_guessed_422(built)
    _headers_never_null(built)
    app.openapi_schema = built
    return built
