"""``/health``: is the service up and its database reachable."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from sync.central.deps import EngineDep
from sync.central.openapi import DATABASE, refusals
from sync.contract.protocol import Health
from sync.version import __version__

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses=refusals(DATABASE))
def health(engine: EngineDep) -> Health:
    """``{status, version}``; 503 when the database does not answer."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return Health(status="ok", version=__version__)
