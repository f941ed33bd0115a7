"""A second process that checks a large push's ops while this one does the rest of the work.

The rules engine is pure Python: in one process it holds the interpreter for about a third
of a push's time, while the machine's other core waits. For a push of many ops, a worker
process (spawned on the first large push) reads the same body and checks its ops from
``start`` on, front to back. Meanwhile this process checks the head (the ops before
``start``) and writes it, inside the push's transaction, and then takes the worker's
answers for the tail (see :func:`sync.central.push.push`). Should they not be there yet,
this process does not wait: it checks the tail from the back, claiming each op in memory
the two processes share, and the worker stops where the claims begin. So neither side
waits for the other, and an op is checked twice only when both reach it at the same moment.
The answers are those :func:`check_one` gives here, from the same code and rules, so a push
decides the same either way.

The conversation is one pipe, spoken by the pushing threads themselves: bodies out, answers
back. (A ``ProcessPoolExecutor`` hands both to helper threads, which wait for the
interpreter while the pushing thread checks: about 10 ms lost per push.) Requests queue at
the worker in the order they come; each answer names its request (a ticket), so a push
takes its own whichever push reads the pipe. Anything that goes wrong with the worker
(killed, hung, broken) costs only speed: this process checks what the worker did not, and
the next large push starts a new worker.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable
from datetime import date
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import orjson

from sync.central.checks import check
from sync.collections_gc import collect_rarely

log = logging.getLogger(__name__)

# Per op: None when the record passes exactly as sent (the caller has it), else
# [the record as the centre would store it, the error findings as dicts].
TailCheck = list[Any] | None

_READY = b"ready"
# The share of the ops a large push checks here at first, and the bounds of what it learns.
HEAD_SHARE = 0.4
_LEAST, _MOST, _MARGIN = 0.2, 0.9, 0.03
# A request the worker has not answered in this time means it is stuck: a new one starts.
_ANSWER_TIMEOUT_S = 60.0
# The claim shared with the worker: ticket << _INDEX_BITS | the first op this process took.
# One 64-bit value, written and read whole, so the worker never sees half a claim.
_INDEX_BITS = 24
_INDEX_MASK = (1 << _INDEX_BITS) - 1
_NO_CLAIM = -1


def check_one(sent: dict[str, Any], record_id: str, today: date) -> TailCheck:
    """What the worker answers for one op (and this process, checking from the back)."""
    checked = check(sent, record_id, today)
    if checked.errors or checked.record is not sent:
        return [checked.record, [f.to_dict() for f in checked.errors]]
    return None


def check_tail(
    raw: bytes, start: int, today: date, stop: Callable[[int], bool] | None = None
) -> list[TailCheck]:
    """Check ``ops[start:]`` of the push body ``raw`` in order, up to the first index
    ``stop`` says is taken (what the worker does)."""
    if stop is not None and stop(start):
        return []  # the server checked them all itself: no need even to read the body
    out: list[TailCheck] = []
    for index, op in enumerate(orjson.loads(raw)["ops"][start:], start):
        if stop is not None and stop(index):
            break
        out.append(check_one(op["record"], op["record_id"], today))
    return out


def _serve(conn: Connection, claim: Any) -> None:
    """The worker: answer requests in the order they come until the server closes the pipe.

    A thread reads the requests as they come, so a server sending one never waits for the
    check of the one before.
    """
    collect_rarely()  # as the server does
    requests: queue.SimpleQueue[tuple[Any, bytes] | None] = queue.SimpleQueue()

    def receive() -> None:
        while True:
            try:
                requests.put((orjson.loads(conn.recv_bytes()), conn.recv_bytes()))
            except (EOFError, OSError):
                requests.put(None)
                return

    threading.Thread(target=receive, name="requests", daemon=True).start()
    conn.send_bytes(_READY)
    while (request := requests.get()) is not None:
        (ticket, start, day), raw = request
        began = time.perf_counter()

        def taken(index: int, ticket: int = ticket) -> bool:
            # Claimed by the server: from this op of this request on, or the whole request
            # when the server is already on a later push (this one is done, or checks
            # itself what the worker leaves).
            value = claim.value
            claimed = value >> _INDEX_BITS
            return bool(claimed > ticket or (claimed == ticket and index >= value & _INDEX_MASK))

        checks = check_tail(raw, start, date.fromisoformat(day), taken)
        took = time.perf_counter() - began
        try:
            conn.send_bytes(orjson.dumps({"ticket": ticket, "took": took, "checks": checks}))
        except OSError:
            return


class Tail:
    """The worker's checks of one push's tail, under way."""

    def __init__(
        self, pool: CheckPool, conn: Connection, ticket: int, start: int, count: int
    ) -> None:
        self._pool, self._conn, self._ticket = pool, conn, ticket
        self._start, self._count = start, count
        self._sent = time.perf_counter()

    def answers(self, check_here: Callable[[int], TailCheck]) -> list[TailCheck]:
        """The checks of the tail's ops: the worker's from the front, and, for as long as
        its answer is not there, this process's own from the back (``check_here(i)``
        checks the tail's op ``i``)."""
        head_took = time.perf_counter() - self._sent
        here: list[TailCheck] = []  # of the ops from the last one backwards
        claimed = self._count  # the tail's ops from this index on are checked here
        answer: Any = None
        try:
            while (answer := self._pool._answer(self._conn, self._ticket)) is None:
                if claimed == 0:  # all checked here; the worker's answer is dropped
                    self._pool._abandon(self._ticket)
                    return here[::-1]
                claimed -= 1
                self._pool._claim(self._ticket, self._start + claimed)
                here.append(check_here(claimed))
            checks = answer["checks"]
            if not isinstance(checks, list) or len(checks) > self._count:
                raise ValueError("an answer of the wrong length")
        except (EOFError, OSError, ValueError, KeyError, TypeError) as exc:
            self._pool.failed(self._conn, exc)
            here.extend(check_here(i) for i in reversed(range(claimed)))
            return here[::-1]
        if len(checks) == self._count:  # the worker did the whole tail: a fair measure
            self._pool.learn(self._start, head_took, len(checks), float(answer["took"]))
        front = checks[:claimed]
        # What the worker left (it saw a later push's claim first) is checked here too.
        front.extend(check_here(i) for i in range(len(front), claimed))
        return front + here[::-1]

    def abandon(self) -> None:
        """The push no longer needs the answer (it failed before): drop it when it comes."""
        self._pool._abandon(self._ticket)


class CheckPool:
    """The worker process, started on first use; ``workers=0`` keeps every check here."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        # The share of a large push's ops checked here (the head); learnt from each push,
        # so that the worker's answer is there when the head is written (see learn).
        self.head_share = HEAD_SHARE
        self._lock = threading.Lock()  # the process and pipe fields below
        # Requests go out through one thread, in ticket order: writing a body to a worker
        # that is stopped or stuck would block, and no push must wait for the worker.
        self._requests: queue.SimpleQueue[tuple[Connection, bytes, bytes] | None] = (
            queue.SimpleQueue()
        )
        self._sender: threading.Thread | None = None
        self._reading = threading.Lock()  # one thread reads answers at a time
        self._stash_lock = threading.Lock()  # guards the three below
        self._stash: dict[int, Any] = {}  # answers read by another push than their own
        self._abandoned: set[int] = set()  # requests whose push no longer needs the answer
        self._waiting: dict[int, float] = {}  # unanswered requests: when each was sent
        self._tickets = itertools.count()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._shared_claim: Any = None  # see _INDEX_BITS
        self._ready = False

    def start(self, wait_s: float = 10.0) -> None:
        """Start the worker now and wait until it is ready (at most ``wait_s``)."""
        if self.workers < 1:
            return
        self._connection()
        with self._lock:
            if self._conn is not None and not self._ready and self._conn.poll(wait_s):
                self._take_ready()

    def submit(self, raw: bytes, start: int, count: int, today: date) -> Tail | None:
        """Send ``ops[start:]`` (``count`` ops) of ``raw`` to the worker; None when it is
        starting or turned off."""
        if self.workers < 1:
            return None
        conn = self._connection()
        if conn is None:
            return None
        with self._stash_lock:
            oldest = min(self._waiting.values(), default=time.monotonic())
        if time.monotonic() - oldest > _ANSWER_TIMEOUT_S:
            self.failed(conn, TimeoutError(f"no answer in {_ANSWER_TIMEOUT_S:.0f} s"))
            return None
        with self._stash_lock:
            ticket = next(self._tickets)
            self._waiting[ticket] = time.monotonic()
            self._requests.put((conn, orjson.dumps([ticket, start, today.isoformat()]), raw))
        return Tail(self, conn, ticket, start, count)

    def learn(self, head_ops: int, head_took: float, tail_ops: int, tail_took: float) -> None:
        """Move the head share towards the one at which both sides finish together.

        This process took ``head_took`` for ``head_ops`` ops of a push, the worker
        ``tail_took`` for the other ``tail_ops``: per op, ``a`` and ``b``; both finish at
        once at a share of ``b / (a + b)``. A little more for the worker would make this
        process check from the back, so aim a little below it; and move half way, as one
        push on a busy machine is noise.
        """
        if head_ops <= 0 or tail_ops <= 0 or head_took <= 0 or tail_took <= 0:
            return
        here, there = head_took / head_ops, tail_took / tail_ops
        target = there / (here + there) + _MARGIN
        self.head_share = min(_MOST, max(_LEAST, (self.head_share + target) / 2))

    def failed(self, conn: Connection, exc: BaseException) -> None:
        """The worker on ``conn`` did not answer; the next large push starts a new one."""
        with self._lock:
            if conn is not self._conn:
                return  # that worker is gone already
            log.warning("the check worker failed (%s); the push checked its ops here", exc)
            self._stop()

    def close(self) -> None:
        """Stop the worker (the server is stopping)."""
        with self._lock:
            self._stop()
            if self._sender is not None:
                self._requests.put(None)
                self._sender = None

    def _send(self) -> None:
        """The sender thread: write each request to its worker's pipe, in order."""
        while (request := self._requests.get()) is not None:
            conn, header, raw = request
            try:
                conn.send_bytes(header)
                conn.send_bytes(raw)
            except (OSError, ValueError, TypeError) as exc:  # also: closed meanwhile
                self.failed(conn, exc)

    def _answer(self, conn: Connection, ticket: int) -> Any:
        """The answer to request ``ticket`` if it has come, else None; never waits."""
        with self._reading:
            while conn.poll(0):
                answer = orjson.loads(conn.recv_bytes())
                got = answer["ticket"]
                with self._stash_lock:
                    self._waiting.pop(got, None)
                    if got in self._abandoned:
                        self._abandoned.remove(got)
                    else:
                        self._stash[got] = answer
        with self._stash_lock:
            return self._stash.pop(ticket, None)

    def _claim(self, ticket: int, index: int) -> None:
        """Tell the worker that this process checks request ``ticket``'s ops from ``index``."""
        shared = self._shared_claim
        if shared is not None:
            shared.value = ticket << _INDEX_BITS | index

    def _abandon(self, ticket: int) -> None:
        with self._stash_lock:
            if self._stash.pop(ticket, None) is None and ticket in self._waiting:
                self._abandoned.add(ticket)

    def _connection(self) -> Connection | None:
        with self._lock:
            if self._process is None or self._conn is None:
                # Spawned, not forked: the server has threads (a fork copies their locks).
                context = multiprocessing.get_context("spawn")
                ours, theirs = context.Pipe()
                claim = context.RawValue("q", _NO_CLAIM)
                self._process = context.Process(
                    target=_serve, args=(theirs, claim), name="realname-check", daemon=True
                )
                try:
                    self._process.start()
                except (OSError, RuntimeError) as exc:  # no processes here: check everything here
                    log.warning("the check worker cannot start (%s); checking here", exc)
                    ours.close()
                    self.workers, self._process = 0, None
                    return None
                finally:
                    theirs.close()
                self._conn, self._shared_claim, self._ready = ours, claim, False
                if self._sender is None:
                    self._sender = threading.Thread(
                        target=self._send, name="check-requests", daemon=True
                    )
                    self._sender.start()
                return None  # this push checks all of its ops here while the worker starts
            if not self._ready and self._conn.poll(0):
                self._take_ready()
            return self._conn if self._ready else None

    def _take_ready(self) -> None:
        assert self._conn is not None
        try:
            self._ready = self._conn.recv_bytes() == _READY
        except (EOFError, OSError):
            self._stop()

    def _stop(self) -> None:
        process, conn = self._process, self._conn
        if process is not None and self._waiting:
            # Unanswered requests: it may be stuck, and the sender blocked writing to it.
            # Killed first, so that write fails before the pipe is closed under it.
            process.kill()
            process.join(timeout=5)
        if conn is not None:
            conn.close()  # a worker with nothing to answer sees the end and returns
        if process is not None:
            process.join(timeout=1)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
        self._process, self._conn, self._shared_claim = None, None, None
        self._ready = False
        with self._stash_lock:
            self._waiting.clear()
            self._abandoned.clear()  # a new worker answers none of those
