"""The FastAPI application of the central endpoint."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from starlette.middleware.gzip import GZipMiddleware

from sync.central import errors, observe
from sync.central.body_limits import BodyLimits
from sync.central.checkpoints import checkpoints
from sync.central.compression import ZstdResponses
from sync.central.db import make_engine
from sync.central.openapi import document
from sync.central.routers import accounts as account_routes
from sync.central.routers import auth, health, records, reference, reports, spot_checks
from sync.central.routers import sync as sync_routes
from sync.central.settings import Settings
from sync.contract.protocol import API_PREFIX, GZIP_MIN_BYTES
from sync.version import __version__


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # SQLite's log is moved into the file in the background, not inside a push's commit.
    with checkpoints(app.state.engine):
        yield


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app for ``settings`` (default: from the environment); migrate the database first."""
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="realname-central",
        version=__version__,
        description="Central sync endpoint of the disabled persons' employment registry",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.engine = make_engine(
        settings.database_url, busy_timeout_ms=settings.db_busy_timeout_ms
    )
    api = APIRouter(prefix=API_PREFIX)
    for module in (auth, sync_routes, reference, records, health, spot_checks, reports):
        api.include_router(module.router)
    api.include_router(account_routes.router)
    app.include_router(api)
    errors.install(app)
    # zstd answers to laptops that take them (inside GZip, which then passes them on).
    app.add_middleware(ZstdResponses)
    # Level 5: most of the saving of 9 at a fraction of the CPU, for pull pages of records
    # (push answers compress themselves at level 1: see routers.sync._push_answer).
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=5)
    app.add_middleware(
        BodyLimits,
        max_body=settings.max_body_bytes,
        max_inflated=settings.max_decompressed_bytes,
    )
    observe.install(app, settings)  # outermost: metrics and the access log (sync.central.observe)
    app.openapi = lambda: document(app)  # type: ignore[method-assign]
    return app
