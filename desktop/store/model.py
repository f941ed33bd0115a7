"""The small typed values the store hands to the UI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from sync.contract.findings import Finding
from sync.contract.merge import FieldConflict

if TYPE_CHECKING:  # pydantic loads with the first review read, not with the window
    from sync.contract.review_wire import ReviewState, ReviewStateName


def _unreviewed() -> ReviewState:
    from sync.contract.review_wire import UNREVIEWED

    return UNREVIEWED


# ``syncing`` is reported (Registry.status_counts) for a pending record whose op is on its
# way (outbox.sending); since schema v11 no record row holds it.
State = Literal["draft", "pending", "syncing", "synced", "rejected", "conflict"]
STATES: tuple[State, ...] = ("draft", "pending", "syncing", "synced", "rejected", "conflict")
# The states a record row holds, which lists and filters offer.
ROW_STATES: tuple[State, ...] = ("draft", "pending", "synced", "rejected", "conflict")

# How the centre's review of a record reads here: ``corrected`` is a returned record whose
# correction is saved and queued, not yet accepted (the centre then makes it unreviewed).
ReviewMark = Literal["unreviewed", "approved", "returned", "corrected"]
# A returned record in these states holds a correction on its way; in any other (synced,
# a draft kept with errors, refused again, in conflict) it still waits for the worker.
CORRECTION_ON_ITS_WAY: tuple[State, ...] = ("pending",)


def review_mark(review: str, state: State) -> ReviewMark:
    """What the record's review (``unreviewed``/``approved``/``returned``) means for it now."""
    if review == "returned":
        return "corrected" if state in CORRECTION_ON_ITS_WAY else "returned"
    return "approved" if review == "approved" else "unreviewed"


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
    # The centre's review of this version (a review of an older one no longer holds).
    review: ReviewState = field(default_factory=_unreviewed)

    @property
    def record_id(self) -> str:
        """The record's id."""
        return str(self.record["record_id"])

    @property
    def review_mark(self) -> ReviewMark:
        """The review as the worker reads it (see :func:`review_mark`)."""
        return review_mark(self.review.state, self.state)


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
    # The centre's review of the record's current version (a returned one: corrected or not).
    review: ReviewStateName | None = None


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
    review: ReviewMark = "unreviewed"


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
    # A returned record: why, and on which fields.
    review: ReviewState = field(default_factory=_unreviewed)

    @property
    def review_mark(self) -> ReviewMark:
        """The review as the worker reads it (see :func:`review_mark`)."""
        return review_mark(self.review.state, self.state)
