"""``/records``: staff operations on single records (voiding)."""

from __future__ import annotations

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from sync.central.deps import CurrentUser, EngineDep
from sync.central.openapi import BODY, DATABASE, INVALID, TOKEN, refusals
from sync.central.voiding import void_record
from sync.contract.protocol import NO_NUL_PATTERN

router = APIRouter(prefix="/records", tags=["records"])


class VoidRequest(BaseModel):
    """Why the record is voided (kept in its history)."""

    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=1, max_length=200, json_schema_extra={"pattern": NO_NUL_PATTERN})


class Voided(BaseModel):
    """The tombstone's version and sequence number."""

    record_id: str
    version: int
    seq: int
    deleted: bool


@router.post(
    "/{record_id}/void",
    response_model=Voided,
    responses=refusals(
        BODY,
        TOKEN,
        INVALID,
        DATABASE,
        {
            403: "only county, city or province staff may void",
            404: "no such record in the caller's region",
            409: "the record is voided already",
        },
    ),
)
def void(
    user: CurrentUser,
    engine: EngineDep,
    body: VoidRequest,
    record_id: str = Path(min_length=1, max_length=36, pattern=r"^[0-9A-Za-z-]+$"),
) -> Voided:
    """Void a record with a reason; it leaves pulls as a tombstone, and nothing is deleted."""
    return Voided(**void_record(engine, user, record_id, body.reason))
