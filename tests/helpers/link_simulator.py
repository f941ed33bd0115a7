"""A village's mobile link on 127.0.0.1: a TCP proxy with bandwidth, latency, cuts and stalls.

Each direction of the link has a bandwidth (bytes a second, shared by every connection, as
one radio is) and a one-way latency: a chunk leaves once the link has carried what came
before it, and arrives ``latency`` seconds later. ``cut_after``: a connection is closed once
it has carried that many bytes upstream (as a carrier's middlebox cuts long uploads);
``stall_after``: the next ``stalls`` connections stop forwarding both ways, without closing,
once they have carried that many bytes upstream (the client must time out). The settings
may be changed between requests (e.g. a fast link for the login, then a slow one).

``bytes_up``/``bytes_down`` count what crossed, failed requests included: the benchmark's
bytes per record and its link limit (bytes / bandwidth) both come from them.
"""

from __future__ import annotations

import queue
import socket
import threading
import time
from dataclasses import dataclass, field

from tests.helpers.cutting_proxy import close_all
from tests.helpers.loopback_server import LoopbackServer

# Bytes read at a time: small enough that the shaping is smooth at 8 kB/s.
CHUNK = 2048
# Bytes a direction of one connection holds on its way: a sender blocks past this.
WINDOW = 32 * 1024


@dataclass
class _Connection:
    client: socket.socket
    upstream: socket.socket
    up_bytes: int = 0
    stall_at: int | None = None
    stalled: bool = False
    closed: threading.Event = field(default_factory=threading.Event)

    def close(self) -> None:
        self.closed.set()
        close_all(self.client, self.upstream)


class LinkSimulator(LoopbackServer):
    """Listens on a free port of 127.0.0.1; forwards to ``upstream_port`` over a slow link."""

    def __init__(
        self,
        upstream_port: int,
        *,
        up: float = 16_000,
        down: float = 16_000,
        latency: float = 0.2,
        cut_after: int | None = None,
        stall_after: int | None = None,
        stalls: int = 0,
    ) -> None:
        self.upstream_port = upstream_port
        self.up = up
        self.down = down
        self.latency = latency
        self.cut_after = cut_after
        self.stall_after = stall_after
        self.stalls = stalls
        self.bytes_up = 0
        self.bytes_down = 0
        self.cuts = 0
        self.stalled = 0
        self.connections = 0
        self._free = {True: 0.0, False: 0.0}  # when each direction is next free
        super().__init__()

    def reset_counts(self) -> None:
        """Start counting bytes, cuts and stalls afresh."""
        with self._lock:
            self.bytes_up = self.bytes_down = self.cuts = self.stalled = 0

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        except OSError:
            client.close()
            return
        conn = _Connection(client, upstream)
        with self._lock:
            self.connections += 1
            if self.stall_after is not None and self.stalls > 0:
                self.stalls -= 1
                conn.stall_at = self.stall_after
        for up in (True, False):
            pending: queue.Queue[tuple[float, bytes] | None] = queue.Queue()
            room = threading.Semaphore(WINDOW // CHUNK)
            source, target = (client, upstream) if up else (upstream, client)
            threading.Thread(
                target=self._read, args=(conn, source, pending, room, up), daemon=True
            ).start()
            threading.Thread(
                target=self._deliver, args=(conn, target, pending, room, up), daemon=True
            ).start()

    def _read(
        self,
        conn: _Connection,
        source: socket.socket,
        pending: queue.Queue[tuple[float, bytes] | None],
        room: threading.Semaphore,
        up: bool,
    ) -> None:
        try:
            while not conn.closed.is_set():
                while not room.acquire(timeout=0.1):
                    if conn.closed.is_set():
                        return
                data = source.recv(CHUNK)
                if not data:
                    break
                with self._lock:
                    bandwidth = self.up if up else self.down
                    start = max(time.monotonic(), self._free[up])
                    self._free[up] = start + len(data) / bandwidth
                    arrives = self._free[up] + self.latency
                pending.put((arrives, data))
        except OSError:
            pass
        pending.put(None)
        if conn.stalled:  # the client gave up on a stalled connection: it is gone
            conn.close()

    def _deliver(
        self,
        conn: _Connection,
        target: socket.socket,
        pending: queue.Queue[tuple[float, bytes] | None],
        room: threading.Semaphore,
        up: bool,
    ) -> None:
        try:
            while (item := pending.get()) is not None:
                arrives, data = item
                room.release()
                if conn.closed.wait(max(0.0, arrives - time.monotonic())):
                    return
                if up and self._breaks(conn, len(data)):
                    return
                while conn.stalled:  # forwards nothing, closes nothing: until the client quits
                    if conn.closed.wait(0.1):
                        return
                target.sendall(data)
                with self._lock:
                    if up:
                        self.bytes_up += len(data)
                    else:
                        self.bytes_down += len(data)
        except OSError:
            pass
        conn.close()

    def _breaks(self, conn: _Connection, size: int) -> bool:
        """Count ``size`` more bytes up on ``conn``: True when that cuts it (closed)."""
        conn.up_bytes += size
        with self._lock:
            if self.cut_after is not None and conn.up_bytes > self.cut_after:
                self.cuts += 1
                self.bytes_up += size  # it crossed before the cut
                cut = True
            else:
                cut = False
            if conn.stall_at is not None and conn.up_bytes > conn.stall_at and not conn.stalled:
                conn.stalled = True
                self.stalled += 1
        if cut:
            conn.close()
        return cut
