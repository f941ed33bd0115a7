"""Exception handlers: every refusal is JSON ``{"detail": ...}`` (:class:`ErrorBody`), never a 500.

Errors the environment causes (database locked or unreachable) answer 503 with
``Retry-After``; anything else unexpected is a bug and is left to FastAPI's 500 path,
which logs its traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Route

from sync.central.problems import Problem, Throttled

log = logging.getLogger(__name__)


class FieldError(BaseModel):
    """One bad field of a request: where (``loc``), what (``msg``) and its kind (``type``)."""

    model_config = ConfigDict(extra="forbid")
    loc: list[str | int]
    msg: str
    type: str


class ErrorBody(BaseModel):
    """Every refusal's body: a message, or (422, and 400 for a body that is not JSON) the list
    of bad fields."""

    model_config = ConfigDict(extra="forbid")
    detail: str | list[FieldError]
    code: str | None = Field(
        default=None,
        description="why, for programs: password_change_required, account_disabled, device_revoked",
    )
    wipe: bool | None = Field(
        default=None, description="device_revoked only: erase this account's local data"
    )


def clean_errors(errors: Sequence[Any], prefix: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Pydantic errors without the echoed input: where (``loc``), what (``msg``), ``type``."""
    out = []
    for error in errors:
        loc = [*prefix, *(str(p) if not isinstance(p, int) else p for p in error.get("loc", ()))]
        out.append({"loc": loc, "msg": str(error.get("msg", "")), "type": error.get("type", "")})
    return out


def validation_response(errors: list[dict[str, Any]]) -> JSONResponse:
    """422 naming each bad field; 400 when the body is not JSON at all."""
    status = 400 if any(e["type"] in ("json_invalid", "json_type") for e in errors) else 422
    return JSONResponse({"detail": errors}, status_code=status)


async def _problem(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, Throttled) else None
    if exc.status == 503:
        headers = {"Retry-After": "2"}
    return JSONResponse(exc.body(), status_code=exc.status, headers=headers)


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return validation_response(clean_errors(exc.errors()))


def why_unavailable(exc: Exception) -> str:
    """The driver's reason for a database error, for the operator: its class and SQLite's
    code name or PostgreSQL's SQLSTATE (SQLITE_FULL, 53100 for a full disk), never the
    statement or its values."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    code = getattr(orig, "sqlite_errorname", None) or getattr(orig, "sqlstate", None)
    name = type(orig).__name__
    return f"{name} ({code})" if code else name


async def _database(_request: Request, exc: Exception) -> JSONResponse:
    if (
        isinstance(exc, DBAPIError)
        and not isinstance(exc, OperationalError)
        and not exc.connection_invalidated
    ):
        raise exc  # a bug (bad SQL, a constraint we did not expect): let it be a 500
    log.warning("database unavailable: %s", why_unavailable(exc))
    return JSONResponse(
        {"detail": "the database is unavailable or busy; retry shortly"},
        status_code=503,
        headers={"Retry-After": "5"},
    )


async def _http(request: Request, exc: Exception) -> Response:
    """Starlette's refusals; a 405 lists in ``Allow`` every method of the path, not only
    those of the first route that has it (a path may have a GET route and a POST route)."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 405:
        allowed = sorted(
            {
                method
                for route in request.app.routes
                if isinstance(route, Route) and route.path_regex.match(request.url.path)
                for method in route.methods or ()
            }
        )
        exc.headers = {**(exc.headers or {}), "Allow": ", ".join(allowed)}
    return await http_exception_handler(request, exc)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Problem, _problem)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(OperationalError, _database)
    app.add_exception_handler(PoolTimeout, _database)
    app.add_exception_handler(DBAPIError, _database)
