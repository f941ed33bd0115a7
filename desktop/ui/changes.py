"""What an operation changed, so that each screen re-reads only what concerns it.

After a save the conflicts and the spot checks cannot have changed, and after a sync that
moved nothing no list has; re-reading every tab after every write costs a laptop queries it
does not need (the idea of Anki's ``OpChanges``). The main window passes a :class:`Changes`
to :meth:`MainWindow.apply`, which refreshes the screens it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.store.syncing import SyncReport


@dataclass(frozen=True, slots=True)
class Changes:
    """Which kinds of local data an operation may have changed."""

    records: bool = False  # a record's content or state: the record list and the counts
    queue: bool = False  # what waits to be sent or corrected (待同步)
    conflicts: bool = False  # records in conflict with the centre
    spot_checks: bool = False  # the inspector's assignments

    def any(self) -> bool:
        """Whether anything changed at all."""
        return self.records or self.queue or self.conflicts or self.spot_checks


SAVED = Changes(records=True, queue=True)  # a record saved in the form, or a list imported
RESOLVED = Changes(records=True, queue=True, conflicts=True)  # a conflict settled
EVERYTHING = Changes(records=True, queue=True, conflicts=True, spot_checks=True)


def after_sync(report: SyncReport) -> Changes:
    """What a finished sync changed: nothing when it sent and received nothing."""
    push, pull = report.push, report.pull
    sent = push.accepted + push.rejected + push.conflicts + push.superseded
    moved = sent > 0 or pull.received > 0 or report.rules_changed or report.reviews.sent > 0
    spot = report.spot_checks
    return Changes(
        records=moved,
        queue=moved,
        conflicts=moved,
        spot_checks=spot.assigned > 0 or spot.accepted > 0,
    )
