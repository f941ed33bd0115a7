"""The wire messages of the sync protocol (docs/protocol.md), shared by both ends.

Envelopes are strict (unknown fields are refused); a pushed ``record`` is carried as a
plain object and judged by the rules engine, so that a bad field becomes a per-op
rejection naming that field, never a failed request for the whole batch.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sync.contract.review_wire import ReviewState

API_PREFIX = "/api/v1"
MAX_OPS_PER_PUSH = 1000
MAX_PULL_LIMIT = 5000
DEFAULT_PULL_LIMIT = 1000
# Bodies smaller than this go uncompressed, both ways: gzip costs more than it saves there.
GZIP_MIN_BYTES = 1024

OpStatus = Literal["accepted", "rejected", "conflict", "forbidden"]
Role = Literal["worker", "county", "city", "province"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# No text of a request holds a NUL: the centre refuses a body with one (400) before reading
# it, and PostgreSQL cannot store one. For the schema only; the body check does the refusing.
NO_NUL_PATTERN = r"^[^\x00]*$"
_NO_NUL: dict[str, Any] = {"pattern": NO_NUL_PATTERN}

# A device id is an identifier (the laptops send a UUID): letters, digits and . _ : - only,
# so that it can never carry a line break or an escape into the centre's log.
DEVICE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"


class LoginRequest(_Strict):
    username: str = Field(min_length=1, max_length=64, json_schema_extra=_NO_NUL)
    password: str = Field(min_length=1, max_length=256, json_schema_extra=_NO_NUL)
    device_id: str = Field(min_length=1, max_length=64, pattern=DEVICE_ID_PATTERN)


class UserInfo(_Strict):
    username: str
    role: Role
    region_code: str


class LoginResponse(_Strict):
    token: str
    expires_at: datetime
    user: UserInfo


class FindingOut(_Strict):
    rule_id: str
    severity: Literal["error", "warning"]
    fields: list[str]
    message: str


class PushOp(_Strict):
    op_id: str = Field(min_length=1, max_length=64, json_schema_extra=_NO_NUL)
    record_id: str = Field(min_length=1, max_length=36, json_schema_extra=_NO_NUL)
    # Strict: a JSON integer (2 or 2.0, as JSON Schema counts), not "2" or true.
    base_version: int | None = Field(default=None, ge=0, strict=True)
    record: dict[str, Any]
    # Laptop-clock times of first and last local save (docs/protocol.md); optional.
    # Strict: a time as text, not a number of seconds.
    created_at: datetime | None = Field(default=None, strict=True)
    updated_at: datetime | None = Field(default=None, strict=True)

    @field_validator("base_version", mode="before")
    @classmethod
    def _integral(cls, value: Any) -> Any:
        return int(value) if type(value) is float and value.is_integer() else value


class PushRequest(_Strict):
    device_id: str = Field(min_length=1, max_length=64, json_schema_extra=_NO_NUL)
    rules_version: str | None = Field(default=None, max_length=64, json_schema_extra=_NO_NUL)
    ops: list[PushOp] = Field(max_length=MAX_OPS_PER_PUSH)


class PushResult(_Strict):
    op_id: str
    # Left out of the compact answer (``Prefer: return=minimal``): the laptop knows it.
    record_id: str | None = None
    status: OpStatus
    version: int | None = None
    errors: list[FindingOut] = Field(default_factory=list)
    server_record: dict[str, Any] | None = None


class PushResponse(_Strict):
    results: list[PushResult]
    rules_version: str | None = None


class Change(_Strict):
    record_id: str
    version: int
    seq: int
    record: dict[str, Any] | None
    deleted: bool = False
    # Read-only bookkeeping sent beside ``record`` (docs/protocol.md); optional.
    created_at: datetime | None = None
    updated_at: datetime | None = None
    received_at: datetime | None = None
    # The record's review (审核), None on a tombstone (docs/protocol.md).
    review: ReviewState | None = None
    # The account that saved this version, when the pull asked for it (docs/protocol.md).
    saved_by: str | None = Field(default=None, max_length=64)


class PullResponse(_Strict):
    changes: list[Change]
    cursor: str
    more: bool


class RosterEntry(_Strict):
    """One person on a year's roster (调查底册); a ``deleted`` entry (taken off the roster,
    or moved out of the caller's region) carries its id_number and year alone."""

    id_number: str
    year: int
    name: str | None = None
    disability_cert_number: str | None = None
    disability_category: int | None = None
    disability_level: int | None = None
    hukou_type: int | None = None
    region_code: str | None = None
    village: str | None = None
    address: str | None = None
    phone: str | None = None
    deleted: bool = False


class RosterResponse(_Strict):
    entries: list[RosterEntry]
    cursor: str
    more: bool


class Health(_Strict):
    status: str
    version: str
