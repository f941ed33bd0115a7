"""Request bodies: a size limit before and after decompression, so no body can exhaust memory.

A pure ASGI middleware: it reads the body up to ``max_body`` bytes, decompresses a
``Content-Encoding: gzip`` or ``zstd`` body in bounded steps up to ``max_inflated`` bytes (a
bomb stops there), and hands the plain body on. Refusals are JSON ``{"detail": ...}``.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson
import zstandard

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# A NUL written as an escape: \u0000 whose backslash follows an even number of others (after
# an odd number, that backslash is itself escaped and the text just reads "\u0000").
_ESCAPED_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def holds_nul(body: bytes) -> bool:
    """Whether the JSON ``body`` holds a NUL character, raw or escaped."""
    return b"\x00" in body or (b"\\u0000" in body and _ESCAPED_NUL.search(body) is not None)


class _RefusedError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def inflate(data: bytes, limit: int) -> bytes:
    """The gzip-inflated ``data``, refusing more than ``limit`` bytes or a broken stream."""
    inflater = zlib.decompressobj(wbits=31)
    out = bytearray()
    try:
        chunk = inflater.decompress(data, limit + 1 - len(out))
        out += chunk
        while inflater.unconsumed_tail and len(out) <= limit:
            out += inflater.decompress(inflater.unconsumed_tail, limit + 1 - len(out))
        if len(out) <= limit:
            out += inflater.flush()
    except zlib.error:
        raise _RefusedError(400, "body: not valid gzip data") from None
    if len(out) > limit:
        raise _RefusedError(413, f"body: more than {limit} bytes once decompressed")
    if not inflater.eof:
        raise _RefusedError(400, "body: the gzip stream is truncated")
    return bytes(out)


def unzstd(data: bytes, limit: int) -> bytes:
    """The zstd-decompressed ``data``: one whole frame, at most ``limit`` bytes."""
    out = bytearray()
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data))
        while len(out) <= limit and (chunk := reader.read(min(1 << 20, limit + 1 - len(out)))):
            out += chunk
        if len(out) > limit:
            raise _RefusedError(413, f"body: more than {limit} bytes once decompressed")
        # The reader ends quietly at a cut: a second pass (its output known to fit) says
        # whether the frame was whole, with nothing after it.
        check = zstandard.ZstdDecompressor().decompressobj()
        check.decompress(data)
    except zstandard.ZstdError:
        raise _RefusedError(400, "body: not valid zstd data") from None
    if not check.eof or check.unused_data:
        raise _RefusedError(400, "body: the zstd stream is truncated or followed by more")
    return bytes(out)


class BodyLimits:
    """ASGI middleware enforcing body size limits and decoding gzip request bodies."""

    def __init__(self, app: ASGIApp, *, max_body: int, max_inflated: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_inflated = max_inflated

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        try:
            body = await self._read(headers, receive)
            encoding = headers.get(b"content-encoding", b"identity").strip().lower()
            if encoding == b"gzip":
                body = inflate(body, self.max_inflated)
            elif encoding == b"zstd":
                body = unzstd(body, self.max_inflated)
            elif encoding not in (b"identity", b""):
                raise _RefusedError(415, "Content-Encoding: only gzip and zstd are accepted")
            if holds_nul(body):
                # No field holds a NUL, and PostgreSQL refuses to store one.
                raise _RefusedError(400, "body: NUL characters are not allowed")
        except _RefusedError as refused:
            await _send_json(send, refused.status, {"detail": refused.detail})
            return
        scope = dict(scope)
        scope["headers"] = [
            (k, v)
            for k, v in scope.get("headers", [])
            if k.lower() not in (b"content-encoding", b"content-length")
        ] + [(b"content-length", str(len(body)).encode())]
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _read(self, headers: dict[bytes, bytes], receive: Receive) -> bytes:
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                raise _RefusedError(400, "Content-Length: not a number")
            if int(declared) > self.max_body:
                raise _RefusedError(413, f"body: more than {self.max_body} bytes")
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _RefusedError(400, "body: the client went away")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise _RefusedError(413, f"body: more than {self.max_body} bytes")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = orjson.dumps(body)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
