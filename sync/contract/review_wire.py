"""The wire messages of reviews (审核/退回), shared by both ends (docs/protocol.md).

County, city and province staff send ``POST /reviews`` for a record version: approve it,
or return it to the worker with a comment and comments on chosen fields. The record's
review state then travels with the record in pull changes. A return must say why: its
``comment`` holds at least one character that is not a space.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sync.contract.fields import FIELDS_BY_NAME

ReviewStateName = Literal["unreviewed", "approved", "returned"]
ReviewStatus = Literal["accepted", "stale", "forbidden"]
# Fields a return may comment on: every field a worker can change.
COMMENTABLE_FIELDS: frozenset[str] = frozenset(FIELDS_BY_NAME) - {"record_id"}
MAX_COMMENT = 500
MAX_FIELD_COMMENT = 200

# No NUL anywhere (the centre refuses one before reading the body); a return's comment
# holds something besides white space.
_TEXT = r"^[^\x00]*$"
_SOMETHING = r"^[^\x00]*[^\x00\s][^\x00]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Review(_Strict):
    op_id: str = Field(min_length=1, max_length=64, pattern=_TEXT)
    record_id: str = Field(min_length=1, max_length=36, pattern=_TEXT)
    # The record version judged; strict: a JSON integer, not "2" or true.
    version: int = Field(ge=1, le=2**31 - 1, strict=True)
    field_comments: dict[
        str, Annotated[str, Field(min_length=1, max_length=MAX_FIELD_COMMENT, pattern=_TEXT)]
    ] = Field(default_factory=dict)

    @field_validator("version", mode="before")
    @classmethod
    def _integral(cls, value: Any) -> Any:
        return int(value) if type(value) is float and value.is_integer() else value

    @field_validator("field_comments")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - COMMENTABLE_FIELDS)
        if unknown:
            raise ValueError(f"{unknown[0]!r} is no field of the record")
        return value


class Approval(_Review):
    """Approve a record version (a comment is optional)."""

    decision: Literal["approve"]
    comment: str = Field(default="", max_length=MAX_COMMENT, pattern=_TEXT)


class Return(_Review):
    """Return a record version to its worker: why, and what to look at."""

    decision: Literal["return"]
    comment: str = Field(min_length=1, max_length=MAX_COMMENT, pattern=_SOMETHING)


ReviewRequest = Annotated[Approval | Return, Field(discriminator="decision")]


class ReviewState(_Strict):
    """A record's review as pull changes carry it; ``unreviewed`` has no comment, by or at."""

    state: ReviewStateName
    comment: str | None = None
    field_comments: dict[str, str] = Field(default_factory=dict)
    by: str | None = None
    at: datetime | None = None


UNREVIEWED = ReviewState(state="unreviewed")


class ReviewResponse(_Strict):
    """What became of a review; ``review`` is the record's review state afterwards (None
    when the record is not the caller's to see)."""

    status: ReviewStatus
    review: ReviewState | None = None
