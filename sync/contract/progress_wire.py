"""The answer of ``GET /progress`` (docs/protocol.md), shared by both ends.

"More keys may follow": unlike the sync messages, these models ignore keys they do not
know, so a laptop keeps reading the progress of a newer centre.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict


class ProgressRegion(BaseModel):
    """A region as the reports name it."""

    code: str
    name: str
    short_name: str


class ProgressCounts(BaseModel):
    """The round's figures of one region (its whole subtree)."""

    roster: int
    surveyed: int
    rate: float | None  # surveyed / roster in percent; None without a roster
    surveyed_last_7_days: int
    approved: int
    returned: int
    unreviewed: int


class ChildProgress(ProgressCounts):
    """The figures of one region one level down."""

    region: ProgressRegion


class WorkerProgress(BaseModel):
    """A worker account: its records of the year, and what its last sync said."""

    username: str
    region_code: str
    surveyed: int
    last_sync_at: datetime | None
    app_version: str | None
    queued: int | None


class StaffProgress(WorkerProgress):
    """A county, city or province account of the region: the same figures, and its role."""

    role: str


class WeekCount(BaseModel):
    """Records surveyed in the week (Monday to Sunday) that begins on ``week_start``."""

    week_start: date
    surveyed: int


class ProgressResponse(BaseModel):
    """The round's progress of a region, as of a day."""

    # The document says what this centre sends (``staff`` always); reading, a laptop takes
    # the answer of an older centre without it too.
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    year: int
    as_of: date
    region: ProgressRegion
    totals: ProgressCounts
    children: list[ChildProgress]
    workers: list[WorkerProgress]
    weeks: list[WeekCount]
    staff: list[StaffProgress] = []  # a centre before staff were listed sends none
