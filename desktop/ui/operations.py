"""Small operations: store and network work off the GUI thread, results back by signal.

Every write or slow read a screen starts goes through :class:`Operations.run`: the work
runs on a small pool of threads, and its result or exception comes back to the GUI thread through
one queued signal, to the screen's callback. Failures without a callback of their own go
to one place (``failed``), which the main window shows. In tests ``immediate=True`` runs
the work at once on the calling thread (Picard's pattern), which makes flows
deterministic; the real pool is exercised with ``qtbot.waitSignal(ops.idle)``.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from desktop.ui.errors import Problem, describe

T = TypeVar("T")
WORKERS = 3
Success = Callable[[Any], None]
Failure = Callable[[Problem], None]


class Operations(QObject):
    """Runs work on a pool and delivers each outcome to the GUI thread."""

    # ticket, result, exception: emitted from the worker, received queued on the GUI thread.
    _delivered = Signal(int, object, object)
    failed = Signal(object)  # Problem, for failures without a callback of their own
    idle = Signal()  # no operation is running any more
    busy_changed = Signal(bool)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        immediate: bool = False,
    ) -> None:
        super().__init__(parent)
        # Three workers: a sync holds one for its whole run, so saves are never queued
        # behind it. (Any number of threads may use the store: its engine lends each a
        # connection of its own for as long as it needs one.)
        self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="operation")
        self._immediate = immediate
        self._next = 0
        self._callbacks: dict[int, tuple[Success | None, Failure | None]] = {}
        self._delivered.connect(self._deliver)

    @property
    def pending(self) -> int:
        """How many operations have not delivered their outcome yet."""
        return len(self._callbacks)

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Failure | None = None,
    ) -> None:
        """Run ``work`` off the GUI thread; call back on the GUI thread with its outcome."""
        ticket = self._next
        self._next += 1
        self._callbacks[ticket] = (on_success, on_failure)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        if self._immediate:
            self._task(ticket, work)
        else:
            self._pool.submit(self._task, ticket, work)

    def _task(self, ticket: int, work: Callable[[], Any]) -> None:
        try:
            result = work()
        except BaseException as exc:  # every failure is delivered, never lost on a thread
            self._delivered.emit(ticket, None, exc)
        else:
            self._delivered.emit(ticket, result, None)

    def shutdown(self) -> None:
        """Wait for running work to finish and stop the workers (the program is ending)."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _deliver(self, ticket: int, result: object, exc: BaseException | None) -> None:
        on_success, on_failure = self._callbacks.pop(ticket)
        try:
            if exc is None:
                if on_success is not None:
                    on_success(result)
            else:
                problem = describe(exc)
                if on_failure is not None:
                    on_failure(problem)
                else:
                    self.failed.emit(problem)
        except Exception as callback_exc:  # a bug in a screen's callback: report, keep going
            self.failed.emit(describe(callback_exc))
        finally:
            if not self._callbacks:
                self.busy_changed.emit(False)
                self.idle.emit()
