"""The part every loopback test server shares: a free port of 127.0.0.1, an accept loop that
serves each connection on its own thread, and a close that stops it."""

from __future__ import annotations

import socket
import threading


class LoopbackServer:
    """Accepts connections on a free port of 127.0.0.1; subclasses say how to serve one.

    A subclass sets its own attributes before calling ``super().__init__()``: the accept
    loop starts there.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        """Stop accepting connections."""
        self._stopped = True
        self._server.close()

    def _accepted(self) -> None:
        """Called for each connection before it is served (under no lock)."""

    def _serve(self, client: socket.socket) -> None:
        raise NotImplementedError

    def _accept(self) -> None:
        while not self._stopped:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            self._accepted()
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()
