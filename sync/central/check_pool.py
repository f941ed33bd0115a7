"""A second process that checks the tail of a large push while this one handles its head.

The rules engine is pure Python: in one process it holds the interpreter for about a third
of a push's time, while the machine's other core waits. For a push of many ops, a worker
process (spawned on the first large push) reads the same body and checks the ops from
``start`` on; meanwhile this process checks the head and writes it, inside the push's
transaction, and then takes the worker's answers for the tail (see
:func:`sync.central.push.push`). The answers are those :func:`sync.central.checks.check`
gives here, from the same code and rules, so a push decides the same either way.

The conversation is one pipe, spoken by the pushing thread itself: a body out, the answers
back. (A ``ProcessPoolExecutor`` hands both to helper threads, which wait for the
interpreter while the pushing thread checks the head: about 10 ms lost per push.) One push
at a time uses the worker; another one meanwhile checks all of its ops here. Anything that
goes wrong with the worker (killed, hung, broken) costs only speed: that push checks its
tail here, and the next large push starts a new worker.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import threading
import time
from datetime import date
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import orjson

from sync.central.checks import check

log = logging.getLogger(__name__)

# Per op of the tail: None when the record passes exactly as sent (the caller has it), else
# [the record as the centre would store it, the error findings as dicts].
TailCheck = list[Any] | None

_READY = b"ready"
# The share of the ops a large push checks here at first, and the bounds of what it learns.
HEAD_SHARE = 0.4
_LEAST, _MOST, _MARGIN = 0.2, 0.9, 0.03
_ANSWER_TIMEOUT_S = 60.0


def check_tail(raw: bytes, start: int, today: date) -> list[TailCheck]:
    """Check ``ops[start:]`` of the push body ``raw`` (what the worker does)."""
    out: list[TailCheck] = []
    for op in orjson.loads(raw)["ops"][start:]:
        sent = op["record"]
        checked = check(sent, op["record_id"], today)
        if checked.errors or checked.record is not sent:
            out.append([checked.record, [f.to_dict() for f in checked.errors]])
        else:
            out.append(None)
    return out


def _serve(conn: Connection) -> None:
    """The worker: answer bodies until the server closes the pipe."""
    # As the server does (see commands.serve): checking a body allocates tens of thousands
    # of short-lived objects that reference counting frees; collect cycles rarely.
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    conn.send_bytes(_READY)
    while True:
        try:
            start, day = orjson.loads(conn.recv_bytes())
            began = time.perf_counter()
            raw = conn.recv_bytes()
        except (EOFError, OSError):
            return
        checks = check_tail(raw, start, date.fromisoformat(day))
        conn.send_bytes(orjson.dumps({"took": time.perf_counter() - began, "checks": checks}))


class Tail:
    """The worker's checks of one push's tail, under way."""

    def __init__(self, pool: CheckPool, conn: Connection, share: float, count: int) -> None:
        self._pool, self._conn, self._share, self._count = pool, conn, share, count
        self._sent = time.perf_counter()

    def answers(self) -> list[TailCheck] | None:
        """The checks, or None when the worker failed (the caller checks here)."""
        head_took = time.perf_counter() - self._sent
        try:
            if not self._conn.poll(_ANSWER_TIMEOUT_S):
                raise TimeoutError(f"no answer in {_ANSWER_TIMEOUT_S:.0f} s")
            answer = orjson.loads(self._conn.recv_bytes())
            checks = answer["checks"]
            if not isinstance(checks, list) or len(checks) != self._count:
                raise ValueError("an answer of the wrong length")
        except (EOFError, OSError, ValueError, KeyError, TypeError) as exc:
            self._pool.failed(exc)
            return None
        self._pool.learn(self._share, head_took, float(answer["took"]))
        self._pool.release()
        return checks


class CheckPool:
    """The worker process, started on first use; ``workers=0`` keeps every check here."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        # The share of a large push's ops checked here (the head); learnt from each push,
        # so that the worker's answer is there when the head is written (see learn).
        self.head_share = HEAD_SHARE
        self._lock = threading.Lock()  # guards the fields below
        self._busy = threading.Lock()  # held by the push using the worker
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
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
        starting, busy with another push, or turned off."""
        if self.workers < 1 or not self._busy.acquire(blocking=False):
            return None
        conn = self._connection()
        if conn is None:
            self._busy.release()
            return None
        try:
            conn.send_bytes(orjson.dumps([start, today.isoformat()]))
            conn.send_bytes(raw)
        except OSError as exc:
            self.failed(exc)
            return None
        return Tail(self, conn, start / (start + count), count)

    def learn(self, share: float, head_took: float, worker_took: float) -> None:
        """Move the head share towards the one at which both sides finish together.

        With ``share`` of the ops, this process took ``head_took`` for the head and the
        worker ``worker_took`` for the tail: per op, ``a`` and ``b``; both finish at once
        at ``b / (a + b)``. A little more for the worker would make this process wait, so
        aim a little below it; and move half way, as one push on a busy machine is noise.
        """
        if not 0 < share < 1 or head_took <= 0 or worker_took <= 0:
            return
        here, there = head_took / share, worker_took / (1 - share)
        target = there / (here + there) + _MARGIN
        self.head_share = min(_MOST, max(_LEAST, (self.head_share + target) / 2))

    def release(self) -> None:
        """The push is done with the worker."""
        self._busy.release()

    def failed(self, exc: BaseException) -> None:
        """The worker did not answer; the next large push starts a new one."""
        log.warning("the check worker failed (%s); the push checked its ops here", exc)
        with self._lock:
            self._stop()
        self._busy.release()

    def close(self) -> None:
        """Stop the worker (the server is stopping)."""
        with self._lock:
            self._stop()

    def _connection(self) -> Connection | None:
        with self._lock:
            if self._process is None or self._conn is None:
                # Spawned, not forked: the server has threads (a fork copies their locks).
                context = multiprocessing.get_context("spawn")
                ours, theirs = context.Pipe()
                self._process = context.Process(
                    target=_serve, args=(theirs,), name="realname-check", daemon=True
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
                self._conn, self._ready = ours, False
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
        if self._conn is not None:
            self._conn.close()
        if self._process is not None:
            self._process.join(timeout=1)
            if self._process.is_alive():
                self._process.kill()
        self._process, self._conn, self._ready = None, None, False
