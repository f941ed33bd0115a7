"""A listener on 127.0.0.1 that records every byte sent to it and answers 401.

The security tests point a proxy setting at it, the way an attacker would point a laptop at
a machine of theirs, and assert what reached it: nothing, or the login with its password.
"""

from __future__ import annotations

import socket

from tests.helpers.loopback_server import LoopbackServer

# A refusal the client does not retry: one attempt per login, whatever the retry policy.
_ANSWER = (
    b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
    b'Content-Length: 22\r\nConnection: close\r\n\r\n{"detail": "recorded"}'
)


class RecordingListener(LoopbackServer):
    """Accepts connections on a free port of 127.0.0.1 and keeps what they sent."""

    def __init__(self) -> None:
        self.connections = 0
        self._received = bytearray()
        super().__init__()

    @property
    def received(self) -> bytes:
        """Every byte received so far, all connections together."""
        with self._lock:
            return bytes(self._received)

    def _accepted(self) -> None:
        with self._lock:
            self.connections += 1

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(0.5)
        try:
            while True:
                try:
                    data = client.recv(65536)
                except TimeoutError:
                    break  # the request is in; answer it
                if not data:
                    break
                with self._lock:
                    self._received += data
            client.sendall(_ANSWER)
        except OSError:
            pass
        finally:
            client.close()
