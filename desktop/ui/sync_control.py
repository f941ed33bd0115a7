"""Synchronising from the window: on request, and by itself when the centre comes back.

A timer probes ``/health`` through an operation (never on the GUI thread); when the centre
answers after it did not, and the queue holds something, a sync starts by itself.

The sync line (``line``) says, in the worker's words, when the last sync ended well and
what failed since (kept in the account's settings, so it survives a restart); progress
texts say records sent, the rate and the time left.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from desktop.ui.errors import Problem
from desktop.ui.workspace import Workspace
from sync.client import RetryPolicy

if TYPE_CHECKING:
    from desktop.store import Progress, SyncReport

PROBE_MS = 30_000
# A probe is one quick question: no long retries, the next probe is the retry.
PROBE_RETRY = RetryPolicy(attempts=1, base=0.1, cap=0.1)


class SyncControl(QObject):
    """Starts syncs, relays their progress and outcome, and watches the centre."""

    started = Signal()
    progress = Signal(object)  # Progress, emitted from the worker thread (queued to the GUI)
    finished = Signal(object)  # SyncReport
    failed = Signal(object)  # Problem
    reachable_changed = Signal(bool)
    line = Signal(str)  # the sync line: last good sync, and what failed since

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.running = False
        self.reachable: bool | None = None
        self.retry: RetryPolicy | None = None
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(PROBE_MS)
        self.probe_timer.timeout.connect(self.probe)

    def start_watching(self) -> None:
        """Probe once the operations already started have delivered, then every
        ``PROBE_MS``. The first probe loads the HTTP client (httpx, pydantic): at the
        window's start it would hold up the first reads the worker waits for."""
        self.probe_timer.start()
        if self.workspace.ops.pending:
            self.workspace.ops.idle.connect(self._first_probe)
        else:
            self.probe()

    def _first_probe(self) -> None:
        self.workspace.ops.idle.disconnect(self._first_probe)
        if self.probe_timer.isActive():  # not stopped meanwhile (logged out, closed)
            self.probe()

    def sync_now(self) -> None:
        """Run one sync (reference, push, pull) off the GUI thread."""
        if self.running:
            return
        self.running = True
        self.started.emit()
        account, retry = self.workspace.account, self.retry

        def work() -> SyncReport:
            # The sync machinery (httpx, pydantic) loads with the first sync, not at start.
            from desktop.store.syncing import Synchronizer

            with account.client(retry) as client:
                return Synchronizer(account.registry, client, progress=self.progress.emit).run()

        self.workspace.ops.run(work, self._done, self._failed)

    def _done(self, report: SyncReport) -> None:
        self.running = False
        self._set_reachable(True)
        self.finished.emit(report)
        self.refresh_line()

    def _failed(self, problem: Problem) -> None:
        self.running = False
        self.failed.emit(problem)
        if problem.urgent:  # a disk that refuses cannot keep the outcome: say it as it is
            self.line.emit(problem.message)
        else:
            self.refresh_line()  # what failed, in the worker's words, on the sync line

    def refresh_line(self) -> None:
        """Read the last sync's outcome (off the GUI thread) and emit the sync line."""
        if self.workspace.account.erased:  # a laptop revoked as lost: nothing left to read
            return
        settings = self.workspace.account.registry.settings

        def work() -> str:
            from desktop.store.settings import LAST_SYNC_FAILURE_KEY, LAST_SYNC_KEY

            return sync_line(settings.get(LAST_SYNC_KEY), settings.get(LAST_SYNC_FAILURE_KEY))

        self.workspace.ops.run(work, self.line.emit)

    def probe(self) -> None:
        """Ask the centre whether it is there; sync when it has just come back."""
        account = self.workspace.account
        if not account.profile.server:
            return

        def work() -> bool:
            registry = account.registry
            with account.client(PROBE_RETRY) as client:
                client.health()
            counts = registry.status_counts()
            return counts["pending"] + counts["syncing"] > 0

        self.workspace.ops.run(work, self._answered, self._unanswered)

    def _answered(self, queued: bool) -> None:
        came_back = self.reachable is not True
        self._set_reachable(True)
        if came_back and queued:
            self.sync_now()

    def _unanswered(self, _problem: Problem) -> None:
        self._set_reachable(False)

    def _set_reachable(self, value: bool) -> None:
        if value != self.reachable:
            self.reachable = value
            self.reachable_changed.emit(value)


def sync_line(last_sync_at: str | None, failure: str | None) -> str:
    """The sync line: what failed last (if the last sync failed) and when the last sync
    ended well, in local time; never protocol words."""
    if last_sync_at:
        when = datetime.fromisoformat(last_sync_at).astimezone().strftime("%Y-%m-%d %H:%M")
        last = QCoreApplication.translate("SyncControl", "Last successful sync: {0}").format(when)
    else:
        last = QCoreApplication.translate("SyncControl", "Not synced yet")
    reasons = {
        "unreachable": QCoreApplication.translate(
            "SyncControl",
            "Cannot reach the centre; the records are kept on this computer and will sync"
            " by themselves when the network is back.",
        ),
        "dropping": QCoreApplication.translate(
            "SyncControl",
            "The connection keeps dropping; the records are kept on this computer. Try again"
            " where the signal is better.",
        ),
        "login": QCoreApplication.translate(
            "SyncControl", "The login has expired; log in again to sync."
        ),
        "server": QCoreApplication.translate(
            "SyncControl", "The centre has a problem; try again later or tell the administrator."
        ),
        "other": QCoreApplication.translate(
            "SyncControl", "The last sync failed; try again later."
        ),
    }
    if failure is None:
        return last
    return f"{reasons.get(failure, reasons['other'])} {last}"


def progress_text(progress: Progress) -> str:
    """Records sent (or received) of the total, the current rate and the time left."""
    if progress.phase == "push":
        text = QCoreApplication.translate("SyncControl", "Sending: {0}/{1} records").format(
            progress.records_done, progress.records_total
        )
    elif progress.phase == "pull":
        text = QCoreApplication.translate("SyncControl", "Receiving: {0} records").format(
            progress.records_done
        )
    else:
        text = QCoreApplication.translate(
            "SyncControl", "Receiving the roster: {0} persons"
        ).format(progress.records_done)
    if progress.rate and progress.phase == "roster":
        text += QCoreApplication.translate("SyncControl", ", {0} persons/s").format(
            f"{progress.rate:.1f}"
        )
    elif progress.rate:
        text += QCoreApplication.translate("SyncControl", ", {0} records/s").format(
            f"{progress.rate:.1f}"
        )
    if progress.seconds_left is not None:
        minutes, seconds = divmod(round(progress.seconds_left), 60)
        if minutes:
            text += QCoreApplication.translate("SyncControl", ", about {0} min {1} s left").format(
                minutes, seconds
            )
        else:
            text += QCoreApplication.translate("SyncControl", ", about {0} s left").format(seconds)
    return text


__all__ = ["SyncControl", "progress_text", "sync_line"]
