"""A TCP proxy on 127.0.0.1 that tests use to break the line between client and centre.

It forwards bytes both ways and, when armed, drops the answer to a matching request after
the centre has produced it (the centre committed, the client never hears), or runs a hook
as a matching request passes (to kill the server or expire a token at that moment).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

from tests.helpers.loopback_server import LoopbackServer

Hook = Callable[[], None]


@dataclass
class _Rule:
    marker: bytes
    skip: int
    times: int = 1
    hook: Hook | None = None
    before: bool = True


class CuttingProxy(LoopbackServer):
    """Listens on a free port of 127.0.0.1; forwards to ``upstream_port``."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.cuts = 0
        self.answers = 0  # answers (HTTP responses) passed back to the client so far
        self._rules: list[_Rule] = []
        super().__init__()

    def cut_response(self, marker: bytes, *, after: int = 0, times: int = 1) -> None:
        """Drop the answers to ``times`` requests holding ``marker``, once ``after`` passed."""
        with self._lock:
            self._rules.append(_Rule(marker, after, times))

    def on_request(self, marker: bytes, hook: Hook, *, after: int = 0, before: bool = True) -> None:
        """Run ``hook`` once as a request holding ``marker`` passes, once ``after`` passed.

        ``before``: before the request reaches the centre; else just after it was forwarded,
        while the centre works on it.
        """
        with self._lock:
            self._rules.append(_Rule(marker, after, 1, hook, before))

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        except OSError:
            client.close()  # the centre is down: the client sees its connection cut
            return
        cut = threading.Event()
        threading.Thread(target=self._back, args=(upstream, client, cut), daemon=True).start()
        try:
            while data := client.recv(65536):
                before, after = self._match(data, cut)
                for hook in before:
                    hook()
                upstream.sendall(data)
                for hook in after:
                    hook()
        except OSError:
            pass
        finally:
            close_all(client, upstream)

    def _match(self, data: bytes, cut: threading.Event) -> tuple[list[Hook], list[Hook]]:
        before: list[Hook] = []
        after: list[Hook] = []
        with self._lock:
            for rule in self._rules:
                if rule.times <= 0 or rule.marker not in data:
                    continue
                if rule.skip > 0:
                    rule.skip -= 1
                    continue
                rule.times -= 1
                if rule.hook is None:
                    cut.set()
                else:
                    (before if rule.before else after).append(rule.hook)
        return before, after

    def _back(self, upstream: socket.socket, client: socket.socket, cut: threading.Event) -> None:
        try:
            while data := upstream.recv(65536):
                if cut.is_set():
                    with self._lock:
                        self.cuts += 1
                    break  # the centre answered; the client never hears it
                if data.startswith(b"HTTP/"):
                    with self._lock:
                        self.answers += 1
                client.sendall(data)
        except OSError:
            pass
        finally:
            close_all(client, upstream)


def close_all(*sockets: socket.socket) -> None:
    """Shut down and close each socket, whatever state it is in."""
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()
