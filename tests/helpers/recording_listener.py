"""A listener on 127.0.0.1 that records every byte sent to it and answers 401.

The security tests point a proxy setting at it, the way an attacker would point a laptop at
a machine of theirs, and assert what reached it: nothing, or the login with its password.
"""

from __future__ import annotations

import socket
import threading

# A refusal the client does not retry: one attempt per login, whatever the retry policy.
_ANSWER = (
    b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
    b'Content-Length: 22\r\nConnection: close\r\n\r\n{"detail": "recorded"}'
)


class RecordingListener:
    """Accepts connections on a free port of 127.0.0.1 and keeps what they sent."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self._received = bytearray()
        self._lock = threading.Lock()
        self._stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def received(self) -> bytes:
        """Every byte received so far, all connections together."""
        with self._lock:
            return bytes(self._received)

    def close(self) -> None:
        """Stop listening."""
        self._stopped = True
        self._server.close()

    def _accept(self) -> None:
        while not self._stopped:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

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
