"""How much to put in one request, by what the link last carried (docs/protocol.md).

A village's mobile link carries 8-32 kB/s, waits 100-600 ms each way and cuts connections
during long uploads. A :class:`LinkSizer` measures each request (bytes up and down, time)
and sizes the next one: after a cut, a stall or a timeout it halves the count (down to one
record); after a success it grows, by doubling until the first failure and then by a fixed
step (additive increase, multiplicative decrease), within the count and byte limits and
within what the measured rate carries in :data:`REQUEST_SECONDS`. A request that keeps
failing at one record waits with jitter before each next try (the client's RetryPolicy),
and after ``retry.attempts`` such failures in a row the sync stops: it never repeats a
failing request forever.

The push, the pull and any other paged call (the roster) use one sizer each, through
:meth:`LinkSizer.run`, or its parts ``size``/``succeeded``/``failed`` where requests
overlap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sync.client.errors import LinkDroppedError
from sync.client.retry import RetryPolicy

_T = TypeVar("_T")

# A request should not take longer than this at the measured rate: a cut then wastes little.
REQUEST_SECONDS = 6.0
# A link that carries this much (bytes per second, measured) is fast: two requests may be
# on their way at once. Below it, one: two would halve each one's share and double a cut.
FAST_BYTES_PER_SECOND = 256 * 1024
# The first request of a sync: small, so a slow link learns its size quickly.
FIRST_COUNT = 50
# Additive increase: records added after each success once a request has failed.
STEP_COUNT = 25
# Smoothing of the measured rate (weight of the newest request).
_RATE_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class Exchange:
    """What one request carried: bytes each way (bodies and headers), and how long it took."""

    bytes_up: int
    bytes_down: int
    seconds: float


@dataclass(slots=True)
class LinkSizer:
    """The size of the next request on one kind of call (push ops, pull page, roster page).

    ``max_count``/``max_bytes``: the caller's limits (the protocol's, or the options').
    ``bytes_per_item``: the bytes one item takes on the wire, about (updated as measured),
    to hold a request to what the link carries in :data:`REQUEST_SECONDS`.
    """

    max_count: int
    max_bytes: int = 4 * 1024 * 1024
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    count: int = 0
    rate: float | None = None  # bytes per second, smoothed; None until measured
    bytes_per_item: float = 150.0
    failures_at_one: int = 0  # requests of one item that failed, in a row
    grown_by_doubling: bool = True

    def __post_init__(self) -> None:
        self.max_count = max(1, self.max_count)
        if self.count <= 0:
            self.count = min(FIRST_COUNT, self.max_count)

    # ---- the size -------------------------------------------------------------------------

    def size(self) -> int:
        """How many items the next request should hold."""
        count = self.count
        if self.rate is not None:
            carried = self.rate * REQUEST_SECONDS / max(self.bytes_per_item, 1.0)
            count = min(count, max(1, int(carried)))
        return max(1, min(count, self.max_count))

    @property
    def fast(self) -> bool:
        """Whether the link is measured fast enough for two requests at once."""
        return self.rate is None or self.rate >= FAST_BYTES_PER_SECOND

    @property
    def in_flight(self) -> int:
        """How many requests may be on their way at once."""
        return 2 if self.fast else 1

    # ---- what happened --------------------------------------------------------------------

    def succeeded(self, items: int, exchange: Exchange) -> None:
        """A request of ``items`` arrived and was answered as ``exchange`` measured it."""
        self.failures_at_one = 0
        carried = exchange.bytes_up + exchange.bytes_down
        if items > 0:
            self.bytes_per_item = max(1.0, carried / items)
        if exchange.seconds > 0:
            measured = carried / exchange.seconds
            self.rate = (
                measured
                if self.rate is None
                else _RATE_WEIGHT * measured + (1 - _RATE_WEIGHT) * self.rate
            )
        if items >= self.count:  # a full request: the link may carry more
            grown = self.count * 2 if self.grown_by_doubling else self.count + STEP_COUNT
            self.count = min(grown, self.max_count)

    def failed(self, items: int) -> None:
        """A request of ``items`` was cut, stalled or timed out: the next is half as large."""
        self.grown_by_doubling = False
        self.failures_at_one = self.failures_at_one + 1 if items <= 1 else 0
        self.count = max(1, min(self.count, items) // 2)

    def wait_before_retry(self) -> None:
        """After a failure of a request of one item: wait with jitter; give up once that
        happened ``retry.attempts`` times in a row (raises LinkDroppedError)."""
        if self.failures_at_one == 0:
            return  # a smaller request goes at once
        if self.failures_at_one >= self.retry.attempts:
            raise LinkDroppedError(f"{self.failures_at_one} one-record requests in a row failed")
        self.retry.sleep(self.retry.delay(self.failures_at_one - 1))

    # ---- one sized call, with its retries ------------------------------------------------

    def run(self, request: Callable[[int], tuple[_T, int, Exchange]]) -> _T:
        """Call ``request(size)`` until it succeeds, smaller after each cut.

        ``request`` returns its result, the number of items it carried, and its exchange;
        it raises LinkDroppedError when the link failed it.
        """
        while True:
            size = self.size()
            try:
                result, items, exchange = request(size)
            except LinkDroppedError:
                self.failed(size)
                self.wait_before_retry()
                continue
            self.succeeded(items, exchange)
            return result
