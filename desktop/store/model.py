"""The small typed values the store hands to the UI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sync.contract.findings import Finding
from sync.contract.merge import FieldConflict

State = Literal["draft", "pending", "syncing", "synced", "rejected", "conflict"]
STATES: tuple[State, ...] = ("draft", "pending", "syncing", "synced", "rejected", "conflict")


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What a save did: the record's id, the state it is now in, and what the rules said."""

    record_id: str
    state: State
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that keep the record a draft."""
        return tuple(f for f in self.findings if f.severity == "error")


@dataclass(frozen=True, slots=True)
class LocalRecord:
    """A record as this laptop holds it."""

    record: dict[str, Any]
    state: State
    version: int | None
    findings: tuple[Finding, ...] = ()
    conflicts: dict[str, FieldConflict] = field(default_factory=dict)
    needs_correction: bool = False
    deleted: bool = False
    updated_at: datetime | None = None

    @property
    def record_id(self) -> str:
        """The record's id."""
        return str(self.record["record_id"])


@dataclass(frozen=True, slots=True)
class RecordFilter:
    """What the record list shows; every part optional."""

    states: tuple[State, ...] = ()
    region_prefix: str | None = None
    name_prefix: str | None = None
    id_number_prefix: str | None = None
    needs_correction: bool | None = None
    include_deleted: bool = False
    # A code of the employment_status list (1 employed, 2 not employed).
    employment_status: int | None = None
    # The survey year (records whose survey_date lies in it, and drafts without one);
    # None: every year.
    year: int | None = None
    # 调查人: the records one surveyor entered (the county clerk's list by worker).
    surveyor: str | None = None
    # 审核: the review state the record shows (unreviewed, approved, returned; see
    # desktop/store/review_queue.py); None: any.
    review_state: str | None = None


@dataclass(frozen=True, slots=True)
class RecordRow:
    """One line of the record list (no more than the list shows)."""

    record_id: str
    name: str | None
    id_number: str | None
    region_code: str | None
    survey_date: str | None
    state: State
    needs_correction: bool
    surveyor: str | None = None
    review_state: str = "unreviewed"  # as review_queue.shown_state says


@dataclass(frozen=True, slots=True)
class ListStart:
    """What a list shows at once: how many records match and the ids it reads first.

    ``complete``: ``ids`` holds every match (a search or a narrow filter), so later pages
    come from it; otherwise ``ids`` is the first page and later pages are read on demand.
    """

    total: int
    ids: list[str]
    complete: bool


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """A record waiting for (or refused by) the centre, with the reasons it was refused."""

    record_id: str
    name: str | None
    state: State
    findings: tuple[Finding, ...]
