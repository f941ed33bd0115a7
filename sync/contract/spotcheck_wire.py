"""The wire messages of spot checks, shared by both ends.

``GET /spot-checks/assignments`` gives an inspector the records drawn for them (read-only
copies, even outside the inspector's own region); ``POST /spot-checks/results`` returns the
verdict on each checked field: it matched what the inspector found, or not, with the value
found. Posting an assignment's results again replaces them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sync.contract.fields import FIELDS_BY_NAME

MAX_RESULTS_PER_POST = 1000
CHECKABLE_FIELDS: frozenset[str] = frozenset(FIELDS_BY_NAME) - {"record_id"}
ResultStatus = Literal["accepted", "unknown", "forbidden"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AssignmentOut(_Strict):
    """One drawn record for the caller to check."""

    assignment_id: str
    draw_id: str
    year: int
    quarter: int
    record_id: str
    region_code: str
    # The centre's copy when the assignment was fetched; None when it has been voided since.
    record: dict[str, Any] | None
    version: int | None = None


class AssignmentsResponse(_Strict):
    """The caller's assignments, oldest draw first."""

    assignments: list[AssignmentOut]


class FieldVerdict(_Strict):
    """Whether one field matched what the inspector found, and the value found if not."""

    field: str = Field(min_length=1, max_length=40)
    matched: bool = Field(strict=True)  # true or false, not 0 or "yes"
    corrected: Any = None

    @field_validator("field")
    @classmethod
    def _known_field(cls, value: str) -> str:
        if value not in CHECKABLE_FIELDS:
            raise ValueError(f"{value!r} is no checkable field of the record")
        return value


class AssignmentResult(_Strict):
    """The verdicts on one assignment; at least one field, each field once."""

    assignment_id: str = Field(min_length=1, max_length=36)
    fields: list[FieldVerdict] = Field(min_length=1, max_length=len(CHECKABLE_FIELDS))

    @field_validator("fields")
    @classmethod
    def _each_once(cls, value: list[FieldVerdict]) -> list[FieldVerdict]:
        names = [v.field for v in value]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"field given twice: {', '.join(twice)}")
        return value


class ResultsRequest(_Strict):
    """Results for some of the caller's assignments."""

    results: list[AssignmentResult] = Field(max_length=MAX_RESULTS_PER_POST)


class ResultOutcome(_Strict):
    """What became of one assignment's results."""

    assignment_id: str
    status: ResultStatus
    detail: str | None = None


class ResultsResponse(_Strict):
    """One outcome per posted assignment, in the order posted."""

    results: list[ResultOutcome]
