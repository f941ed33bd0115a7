"""One synchronisation: reference data, then push the queue, then pull the centre's changes.

Progress goes to an optional callback (records and bytes, of the total). Environment
failures come out as the typed errors of :mod:`sync.client`; an authentication failure
stops at once with AuthRequiredError so the program can ask the worker to log in, and every
record of an unanswered batch goes back to ``pending``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from desktop.store import outbox, pulling
from desktop.store.reference import refresh_reference
from desktop.store.registry import Registry
from desktop.store.settings import Settings
from sync.client import CentralClient
from sync.contract.protocol import DEFAULT_PULL_LIMIT, MAX_OPS_PER_PUSH

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a sync has come: records and bytes done, of the total known so far."""

    phase: Literal["push", "pull"]
    records_done: int
    records_total: int
    bytes_done: int
    bytes_total: int


ProgressCallback = Callable[[Progress], None]


@dataclass(slots=True)
class SyncReport:
    """What a sync did."""

    push: outbox.PushTally = field(default_factory=outbox.PushTally)
    pull: pulling.PullTally = field(default_factory=pulling.PullTally)
    rules_changed: bool = False


class Synchronizer:
    """Synchronises one account's registry with its centre."""

    def __init__(
        self,
        registry: Registry,
        client: CentralClient,
        *,
        batch_ops: int = MAX_OPS_PER_PUSH,
        batch_bytes: int = 4 * 1024 * 1024,
        pull_limit: int = DEFAULT_PULL_LIMIT,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.registry = registry
        self.client = client
        self.batch_ops = max(1, min(batch_ops, MAX_OPS_PER_PUSH))
        self.batch_bytes = batch_bytes
        self.pull_limit = pull_limit
        self.progress = progress

    def run(self) -> SyncReport:
        """Reference, push, pull; the report of what happened."""
        report = SyncReport()
        report.rules_changed = refresh_reference(self.registry, self.client)
        report.push = self.push()
        report.pull = self.pull()
        return report

    def push(self) -> outbox.PushTally:
        """Send every pending op in batches until the queue holds none."""
        engine = self.registry.engine
        outbox.reset_in_flight(engine)
        total, total_bytes = outbox.queue_totals(engine)
        tally = outbox.PushTally()
        done = done_bytes = 0
        self._report("push", done, total, done_bytes, total_bytes)
        while True:
            batch = outbox.take_batch(engine, self.batch_ops, self.batch_bytes)
            if not batch:
                return tally
            try:
                answer = self.client.push(
                    self.registry.device_id, self.registry.rules.version, batch
                )
            except BaseException:
                outbox.release(engine, batch)
                raise
            tally.add(outbox.apply_results(engine, batch, answer.results))
            done += len(batch)
            done_bytes += sum(len(op.record_json) for op in batch)
            # Records saved meanwhile grow the total rather than overflow it.
            total, total_bytes = max(total, done), max(total_bytes, done_bytes)
            self._report("push", done, total, done_bytes, total_bytes)

    def pull(self) -> pulling.PullTally:
        """Fetch changes after the saved cursor until the centre says there are no more."""
        settings = Settings(self.registry.engine)
        tally = pulling.PullTally()
        while True:
            page = self.client.pull(settings.get(pulling.CURSOR_KEY), self.pull_limit)
            tally.add(pulling.apply_changes(self.registry.engine, page.changes, page.cursor))
            self._report("pull", tally.received, tally.received, 0, 0)
            if not page.more or not page.changes:
                return tally

    def _report(
        self, phase: Literal["push", "pull"], done: int, total: int, b: int, bt: int
    ) -> None:
        if self.progress is not None:
            self.progress(Progress(phase, done, total, b, bt))
