"""A real HTTP server on 127.0.0.1 that answers from a script, for the transport's tests.

Each answer is a status, headers and a body sent in chunks with pauses, so a test can make
the centre fail, throttle, answer slowly or stall mid-body.
"""

from __future__ import annotations

import gzip
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import orjson


@dataclass
class Answer:
    """One scripted answer."""

    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=dict)
    chunks: int = 1
    pause: float = 0.0  # before each chunk after the first
    stall: float = 0.0  # after the first chunk, before the rest

    @classmethod
    def json(cls, data: object, status: int = 200, **kwargs: object) -> Answer:
        """An answer with a JSON body."""
        return cls(status, orjson.dumps(data), **kwargs)  # type: ignore[arg-type]


@dataclass
class Seen:
    """A request the server received (body decompressed)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class ScriptedServer:
    """Answers each request with the next scripted answer for its path (else 404)."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.script: dict[str, list[Answer]] = {}
        self.seen: list[Seen] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass  # quiet: the test asserts on ``seen``

            def do_GET(self) -> None:
                owner._answer(self)

            def do_POST(self) -> None:
                owner._answer(self)

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        scheme = "http"
        if tls is not None:
            self._http.socket = tls.wrap_socket(self._http.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self._http.server_address[1]}"
        threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()

    def add(self, path: str, *answers: Answer) -> None:
        """Queue answers for ``path`` (without the query)."""
        self.script.setdefault(path, []).extend(answers)

    def close(self) -> None:
        """Stop the server."""
        self._http.shutdown()
        self._http.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        if handler.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.seen.append(Seen(handler.command, handler.path, dict(handler.headers), body))
        queue = self.script.get(path) or []
        answer = queue.pop(0) if queue else Answer(404, b'{"detail":"not scripted"}')
        handler.send_response(answer.status)
        for name, value in answer.headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(answer.body)))
        handler.end_headers()
        try:
            for i, chunk in enumerate(_split(answer.body, answer.chunks)):
                if i == 1 and answer.stall:
                    time.sleep(answer.stall)
                elif i and answer.pause:
                    time.sleep(answer.pause)
                handler.wfile.write(chunk)
                handler.wfile.flush()
        except OSError:
            pass  # the client gave up on a stalled answer


def _split(body: bytes, parts: int) -> Iterator[bytes]:
    size = max(1, -(-len(body) // max(1, parts)))
    for start in range(0, len(body), size):
        yield body[start : start + size]
