"""One synchronisation: reference data, push the queue, pull the centre's changes, spot checks.

Progress goes to an optional callback (records and bytes, of the total). Environment
failures come out as the typed errors of :mod:`sync.client`; an authentication failure
stops at once with AuthRequiredError so the program can ask the worker to log in, and every
record of an unanswered batch goes back to ``pending``.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from desktop.store import outbox, pulling
from desktop.store.reference import refresh_reference
from desktop.store.registry import Registry
from desktop.store.roster import refresh_roster
from desktop.store.settings import Settings
from desktop.store.spotchecks import SpotChecks, SpotCheckTally
from sync.client import Body, CentralClient, OutgoingOp, push_body, read_push
from sync.collections_gc import rare_collections
from sync.contract.protocol import MAX_OPS_PER_PUSH, MAX_PULL_LIMIT

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

# Batches on their way to the centre at a time (see Synchronizer.push).
IN_FLIGHT = 2


def _settle(flight: Future[httpx.Response]) -> None:
    # Wait for a request already sent, so its batch is released only once it is answered.
    try:
        flight.result()
    except BaseException:  # its failure is not the one being reported
        log.debug("a push in flight failed while another error was handled", exc_info=True)


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
    spot_checks: SpotCheckTally = field(default_factory=SpotCheckTally)


class Synchronizer:
    """Synchronises one account's registry with its centre."""

    def __init__(
        self,
        registry: Registry,
        client: CentralClient,
        *,
        batch_ops: int = MAX_OPS_PER_PUSH,
        batch_bytes: int = 4 * 1024 * 1024,
        pull_limit: int = MAX_PULL_LIMIT,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.registry = registry
        self.client = client
        self.batch_ops = max(1, min(batch_ops, MAX_OPS_PER_PUSH))
        self.batch_bytes = batch_bytes
        self.pull_limit = pull_limit
        self.progress = progress

    def run(self) -> SyncReport:
        """Reference, push, pull, then spot checks; the report of what happened."""
        report = SyncReport()
        report.rules_changed = refresh_reference(self.registry, self.client)
        # Each request tells the centre how much this laptop still holds (X-Queue-Length).
        self.client.queue_length = outbox.queue_totals(self.registry.engine)[0]
        report.push = self.push()
        self.client.queue_length = outbox.queue_totals(self.registry.engine)[0]
        report.pull = self.pull()
        refresh_roster(self.registry, self.client)  # the visit list's persons of this year
        # Last: the records are the worker's main business and go even if this fails.
        report.spot_checks = SpotChecks(self.registry.engine).synchronise(self.client)
        return report

    def push(self) -> outbox.PushTally:
        """Send every pending op in batches until the queue holds none.

        Two batches are on their way at a time, on two connections, while the laptop reads
        and encodes the next one; when an answer comes, the batch waiting goes out at once
        and only then is the answer read and applied. The centre always has the next batch
        in hand, so neither side waits for the other's work (nor, when both run on one
        machine, for the other's share of the processor at the same moment). Batches on
        their way hold different records, so their order at the centre does not matter.
        """
        with rare_collections():
            return self._push()

    def _push(self) -> outbox.PushTally:
        engine = self.registry.engine
        outbox.reset_in_flight(engine)
        total, total_bytes = outbox.queue_totals(engine)
        tally = outbox.PushTally()
        done = done_bytes = 0
        self._report("push", done, total, done_bytes, total_bytes)
        flights: deque[tuple[list[OutgoingOp], Future[httpx.Response]]] = deque()
        ready: list[OutgoingOp] = []

        def in_air() -> set[str]:
            return {op.record_id for batch, _ in flights for op in batch}

        with ThreadPoolExecutor(max_workers=IN_FLIGHT, thread_name_prefix="push") as pool:
            try:
                ready, body = self._next(set())
                while ready and len(flights) < IN_FLIGHT:
                    flights.append((ready, self._send(pool, body)))
                    ready, body = self._next(in_air())
                while flights:
                    batch, flight = flights[0]
                    response = flight.result()
                    flights.popleft()
                    if ready:
                        flights.append((ready, self._send(pool, body)))
                        ready = []
                    try:
                        answer = read_push(response, len(batch))
                        tally.add(outbox.apply_results(engine, batch, answer.results))
                    except BaseException:
                        outbox.release(engine, batch)
                        raise
                    done += len(batch)
                    done_bytes += sum(len(op.record_json) for op in batch)
                    # Records saved meanwhile grow the total rather than overflow it.
                    total, total_bytes = max(total, done), max(total_bytes, done_bytes)
                    self._report("push", done, total, done_bytes, total_bytes)
                    ready, body = self._next(in_air())
            except BaseException:
                for _, flight in flights:
                    _settle(flight)
                outbox.release(engine, [op for batch, _ in flights for op in batch] + ready)
                raise
        return tally

    def _next(self, exclude: set[str]) -> tuple[list[OutgoingOp], Body | None]:
        """The next batch (taken, so marked syncing) and its body; ``exclude``: the records
        of the batches on their way."""
        batch = outbox.take_batch(
            self.registry.engine, self.batch_ops, self.batch_bytes, exclude=exclude
        )
        if not batch:
            return batch, None
        try:
            return batch, push_body(self.registry.device_id, self.registry.rules.version, batch)
        except BaseException:
            outbox.release(self.registry.engine, batch)
            raise

    def _send(self, pool: ThreadPoolExecutor, body: Body | None) -> Future[httpx.Response]:
        assert body is not None  # only a batch with ops is sent
        return pool.submit(self.client.send_push, body)

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
