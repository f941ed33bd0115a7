"""One synchronisation: reference data, push the queue, send the reviews made here, pull the
centre's changes, spot checks.

Each push and pull request is sized by what the link last carried (sync.client.link):
smaller after a cut, a stall or a timeout, larger after successes. Two pushes are on their
way at once only while the link is measured fast.

Progress goes to an optional callback (records and bytes, of the total, with the current
rate). Environment failures come out as the typed errors of :mod:`sync.client`; an
authentication failure stops at once with AuthRequiredError so the program can ask the
worker to log in, and every record of an unanswered batch goes back to ``pending``: a
record is ``syncing`` only while a request holding it is on its way. The time of the last
sync that ended well, and the kind of the last failure, stay in the account's settings.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from desktop.store import outbox, pulling, review_queue
from desktop.store.errors import StoreError
from desktop.store.reference import refresh_reference
from desktop.store.registry import Registry
from desktop.store.roster import refresh_roster
from desktop.store.settings import LAST_SYNC_FAILURE_KEY, LAST_SYNC_KEY, Settings
from desktop.store.spotchecks import SpotChecks, SpotCheckTally
from sync.client import (
    AuthRequiredError,
    Body,
    CentralClient,
    Exchange,
    LinkDroppedError,
    LinkSizer,
    NetworkError,
    OutgoingOp,
    ServerError,
    push_body,
    read_push,
)
from sync.client.reviews import send_review
from sync.collections_gc import rare_collections
from sync.contract.protocol import MAX_OPS_PER_PUSH, MAX_PULL_LIMIT

if TYPE_CHECKING:
    from sync.contract.protocol import PullResponse, PushResult
    from sync.contract.review_wire import Approval, Return, ReviewResponse

if TYPE_CHECKING:
    import httpx
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

# At most this many batches on their way to the centre at a time (see Synchronizer.push).
IN_FLIGHT = 2

Flight = Future[tuple["httpx.Response", Exchange]]


def _apply(
    engine: Engine, held: list[tuple[list[OutgoingOp], list[PushResult]]]
) -> outbox.PushTally:
    """Apply the held answers in one transaction (see Synchronizer.push); none held then.

    If that fails, their ops are put back (they go again; the centre answers them as it did).
    """
    ops = [op for batch, _ in held for op in batch]
    results = [result for _, answer in held for result in answer]
    held.clear()
    if not ops:
        return outbox.PushTally()
    try:
        return outbox.apply_results(engine, ops, results)
    except BaseException:
        outbox.release(engine, ops)
        raise


def _settle(flight: Flight) -> None:
    # Wait for a request already sent, so its batch is released only once it is answered.
    try:
        flight.result()
    except BaseException:  # its failure is not the one being reported
        log.debug("a push in flight failed while another error was handled", exc_info=True)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a sync has come: records and bytes done, of the total known so far.

    ``rate``: records a second lately (None before the first answer); ``seconds_left``:
    the time the rest takes at that rate (None when unknown).
    """

    phase: Literal["push", "pull", "roster"]  # roster: persons of the year's 调查底册
    records_done: int
    records_total: int
    bytes_done: int
    bytes_total: int
    rate: float | None = None
    seconds_left: float | None = None


ProgressCallback = Callable[[Progress], None]


def failure_kind(exc: BaseException) -> str:
    """What kind of failure ended a sync, as kept in the settings for the main window:
    ``dropping`` (the link kept cutting), ``unreachable`` (no network, or no centre),
    ``login``, ``server`` or ``other``."""
    if isinstance(exc, LinkDroppedError):
        return "dropping"
    if isinstance(exc, NetworkError):
        return "unreachable"
    if isinstance(exc, AuthRequiredError):
        return "login"
    if isinstance(exc, ServerError):
        return "server"
    return "other"


@dataclass(slots=True)
class SyncReport:
    """What a sync did."""

    push: outbox.PushTally = field(default_factory=outbox.PushTally)
    pull: pulling.PullTally = field(default_factory=pulling.PullTally)
    rules_changed: bool = False
    spot_checks: SpotCheckTally = field(default_factory=SpotCheckTally)
    reviews: review_queue.ReviewTally = field(default_factory=review_queue.ReviewTally)


@dataclass(slots=True)
class _Rate:
    """Records a second, smoothed over the answers of one phase."""

    last: float = field(default_factory=time.monotonic)
    value: float | None = None

    def add(self, records: int) -> float | None:
        now = time.monotonic()
        elapsed, self.last = now - self.last, now
        if elapsed > 0 and records > 0:
            measured = records / elapsed
            self.value = measured if self.value is None else 0.5 * measured + 0.5 * self.value
        return self.value


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
        self.push_sizer = self.link_sizer(self.batch_ops, batch_bytes)
        self.pull_sizer = self.link_sizer(pull_limit)
        self.review_sizer = self.link_sizer(1)  # one review per request (the contract)

    def link_sizer(self, max_count: int, max_bytes: int = 4 * 1024 * 1024) -> LinkSizer:
        """A sizer for one kind of paged request of this sync (push, pull, roster): every
        paged call on the link goes through one, so it follows the link's size
        (``sizer.run(lambda size: ...)``, see sync.client.link)."""
        return LinkSizer(max_count, max_bytes, retry=self.client.retry)

    def run(self) -> SyncReport:
        """Reference, push, reviews, pull, then spot checks; the report of what happened.

        Its end is kept in the settings: the time when it ended well, else what failed.
        """
        settings = Settings(self.registry.engine)
        try:
            report = SyncReport()
            report.rules_changed = refresh_reference(self.registry, self.client)
            self._tell_queue_length()
            report.push = self.push()
            # After the records, before the pull: the pull brings what the reviews made.
            report.reviews = self.send_reviews()
            self._tell_queue_length()
            report.pull = self.pull()
            self.pull_roster()  # 待访
            # Last: the records are the worker's main business and go even if this fails.
            report.spot_checks = SpotChecks(self.registry.engine).synchronise(self.client)
        except Exception as exc:
            try:
                settings.set(LAST_SYNC_FAILURE_KEY, failure_kind(exc))
            except StoreError:  # the disk that failed the sync refuses this too
                log.info("the sync's failure could not be kept")
            raise
        settings.set(LAST_SYNC_KEY, datetime.now(UTC).isoformat(timespec="seconds"))
        settings.set(LAST_SYNC_FAILURE_KEY, None)
        return report

    def _tell_queue_length(self) -> None:
        """Each request tells the centre how much this laptop still holds (X-Queue-Length):
        the records to send and the reviews made here."""
        engine = self.registry.engine
        self.client.queue_length = outbox.queue_totals(engine)[0] + review_queue.waiting(engine)

    def push(self) -> outbox.PushTally:
        """Send every pending op in batches until the queue holds none.

        On a fast link two batches are on their way at a time, on two connections, while
        the laptop reads and encodes the next one; when an answer comes, the batch waiting
        goes out at once and only then is the answer read and applied. The centre always
        has the next batch in hand, so neither side waits for the other's work. Batches on
        their way hold different records, so their order at the centre does not matter. On
        a slow link one batch goes at a time, taken only when it leaves: two would halve
        each one's share of the link and double what a cut wastes.

        An answer that comes while another batch is on its way is held (read, in memory)
        and applied with that batch's answer, in one transaction: the records' indexes keyed
        by person and date take a batch's thousand changes scattered over most of their
        pages, so two answers a commit write each such page once instead of twice. The
        write lock is never held across the link, and a program that dies with an answer
        held sends those ops again (marked sending, same op_ids): the centre answers them
        as it did. An edit made meanwhile is treated as one made while they were on their
        way (outbox.apply_results).
        """
        with rare_collections():
            return self._push()

    def _push(self) -> outbox.PushTally:
        engine = self.registry.engine
        sizer = self.push_sizer
        outbox.reset_in_flight(engine)
        total, total_bytes = outbox.queue_totals(engine)
        tally = outbox.PushTally()
        done = done_bytes = 0
        rate = _Rate()
        self._report("push", done, total, done_bytes, total_bytes)
        flights: deque[tuple[list[OutgoingOp], Flight]] = deque()
        ready: list[OutgoingOp] = []
        body: Body | None = None
        held: list[tuple[list[OutgoingOp], list[PushResult]]] = []  # answered, not applied

        def in_air() -> set[str]:
            batches = [batch for batch, _ in flights] + [batch for batch, _ in held] + [ready]
            return {op.record_id for batch in batches for op in batch}

        with ThreadPoolExecutor(max_workers=IN_FLIGHT, thread_name_prefix="push") as pool:
            try:
                while True:
                    while len(flights) < min(sizer.in_flight, IN_FLIGHT):
                        if not ready:
                            ready, body = self._next(in_air(), sizer.size())
                        if not ready:
                            break
                        flights.append((ready, self._send(pool, body)))
                        ready, body = [], None
                    if not flights:
                        break
                    if sizer.fast and not ready and len(flights) >= IN_FLIGHT:
                        # Encoded while both are on their way; it leaves with the next answer.
                        ready, body = self._next(in_air(), sizer.size())
                    batch, flight = flights.popleft()
                    try:
                        response, exchange = flight.result()
                    except LinkDroppedError:
                        outbox.release(engine, batch)
                        log.info("a push of %d ops was cut; sending fewer", len(batch))
                        sizer.failed(len(batch))
                        sizer.wait_before_retry()
                        continue
                    except BaseException:
                        outbox.release(engine, batch)
                        raise
                    if ready and sizer.fast:
                        flights.append((ready, self._send(pool, body)))
                        ready, body = [], None
                    try:
                        answer = read_push(response, len(batch))
                    except BaseException:
                        outbox.release(engine, batch)
                        raise
                    held.append((batch, answer.results))
                    if len(held) > 1 or not flights:
                        tally.add(_apply(engine, held))
                    sizer.succeeded(len(batch), exchange)
                    done += len(batch)
                    done_bytes += sum(len(op.record_json) for op in batch)
                    # Records saved meanwhile grow the total rather than overflow it.
                    total, total_bytes = max(total, done), max(total_bytes, done_bytes)
                    self._report("push", done, total, done_bytes, total_bytes, rate.add(len(batch)))
                tally.add(_apply(engine, held))  # a batch cut last left one held
            except BaseException:
                for _, flight in flights:
                    _settle(flight)
                outbox.release(engine, [op for batch, _ in flights for op in batch] + ready)
                _apply(engine, held)  # answers read stay answered
                raise
            if ready:
                outbox.release(engine, ready)
        return tally

    def _next(self, exclude: set[str], size: int) -> tuple[list[OutgoingOp], Body | None]:
        """The next batch of about ``size`` ops (taken, so marked syncing) and its body;
        ``exclude``: the records of the batches on their way."""
        batch = outbox.take_batch(
            self.registry.engine, size, self.push_sizer.max_bytes, exclude=exclude
        )
        if not batch:
            return batch, None
        try:
            body = push_body(
                self.registry.device_id,
                self.registry.rules.version,
                batch,
                self.client.request_encoding,
            )
        except BaseException:
            outbox.release(self.registry.engine, batch)
            raise
        return batch, body

    def _send(self, pool: ThreadPoolExecutor, body: Body | None) -> Flight:
        assert body is not None  # only a batch with ops is sent
        return pool.submit(self.client.send_push, body)

    def send_reviews(self) -> review_queue.ReviewTally:
        """Send the queued reviews, one ``POST /reviews`` each, oldest first.

        A request the link cuts goes again, with the same op_id, through the review sizer
        (waits between tries, gives up after ``retry.attempts`` cuts in a row); the centre
        answers a replay as it answered first. Any other failure leaves the review queued.
        """
        engine = self.registry.engine
        tally = review_queue.ReviewTally()
        while (taken := review_queue.take(engine)) is not None:
            queued, request = taken

            def post(
                _size: int, request: Approval | Return = request
            ) -> tuple[ReviewResponse, int, Exchange]:
                answer, exchange = send_review(self.client, request)
                return answer, 1, exchange

            try:
                answer = self.review_sizer.run(post)
            except ServerError as exc:
                review_queue.release(engine, queued)
                if exc.status == 404:
                    # A centre older than reviews: they wait for its upgrade; the records
                    # are the laptop's main business and still go.
                    log.info("the centre takes no reviews yet; %d wait", tally.sent + 1)
                    return tally
                if exc.status in (400, 413, 422):
                    # The centre will never take this one: it must not block the others.
                    log.warning("the centre refused a review of %s: %s", queued.record_id, exc)
                    review_queue.drop(engine, queued, tally)
                    continue
                raise
            except BaseException:
                review_queue.release(engine, queued)
                raise
            review_queue.apply_answer(engine, queued, answer, tally)
        return tally

    def pull(self) -> pulling.PullTally:
        """Fetch changes after the saved cursor until the centre says there are no more;
        each page as large as the link carries (``pull_sizer``)."""
        settings = Settings(self.registry.engine)
        tally = pulling.PullTally()
        rate = _Rate()
        while True:
            cursor = settings.get(pulling.CURSOR_KEY)

            def page_of(
                size: int, cursor: str | None = cursor
            ) -> tuple[PullResponse, int, Exchange]:
                page = self.client.pull(cursor, size)
                return page, len(page.changes), self.client.last_exchange

            page = self.pull_sizer.run(page_of)
            tally.add(pulling.apply_changes(self.registry.engine, page.changes, page.cursor))
            speed = rate.add(len(page.changes))
            self._report("pull", tally.received, tally.received, 0, 0, speed)
            if not page.more or not page.changes:
                return tally

    def pull_roster(self) -> None:
        """Bring the year's roster (调查底册) up to date, page by page as the link carries,
        reporting the persons received as the ``roster`` phase."""
        rate = _Rate()
        before = 0

        def received(count: int) -> None:
            nonlocal before
            if count > before:  # a roster with nothing new is not news
                self._report("roster", count, count, 0, 0, rate.add(count - before))
            before = count

        refresh_roster(
            self.registry, self.client, self.link_sizer(MAX_PULL_LIMIT), received=received
        )

    def _report(
        self,
        phase: Literal["push", "pull", "roster"],
        done: int,
        total: int,
        b: int,
        bt: int,
        rate: float | None = None,
    ) -> None:
        if self.progress is not None:
            left = (total - done) / rate if rate and total > done else None
            self.progress(Progress(phase, done, total, b, bt, rate, left))
