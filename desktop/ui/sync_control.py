"""Synchronising from the window: on request, and by itself when the centre comes back.

A timer probes ``/health`` through an operation (never on the GUI thread); when the centre
answers after it did not, and the queue holds something, a sync starts by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.ui.errors import Problem
from desktop.ui.workspace import Workspace
from sync.client import RetryPolicy

if TYPE_CHECKING:
    from desktop.store import SyncReport

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
        """Probe now and then every ``PROBE_MS``."""
        self.probe_timer.start()
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

    def _failed(self, problem: Problem) -> None:
        self.running = False
        self.failed.emit(problem)

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


__all__ = ["SyncControl"]
