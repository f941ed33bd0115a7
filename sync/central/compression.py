"""Compressed bodies both ways: zstd where the client takes it, and the encodings we take.

:class:`ZstdResponses` is a pure ASGI middleware inside Starlette's GZip one: an answer of
one body message, at least :data:`GZIP_MIN_BYTES` long and not encoded yet, goes
zstd-compressed to a client whose ``Accept-Encoding`` names ``zstd``; anything else passes
on untouched, to be gzipped as before (old laptops). Every answer carries
``Accept-Encoding: zstd, gzip`` (RFC 7694): the request body encodings the centre takes,
which a laptop reads to send its pushes in zstd.

:func:`encode` is the one choice of encoding for an answer that compresses itself (the
push answer, see routers.sync).
"""

from __future__ import annotations

import gzip
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import zstandard

from sync.contract.protocol import GZIP_MIN_BYTES

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# The request body encodings the centre takes (sync.central.body_limits decodes them).
TAKEN = b"zstd, gzip"
# zstd level 3: smaller than gzip level 9 on pull pages of records, at less CPU than gzip 5.
ZSTD_LEVEL = 3


def accepts(accept_encoding: str | bytes, coding: str) -> bool:
    """Whether an ``Accept-Encoding`` value names ``coding`` (without ``q=0``)."""
    text = (
        accept_encoding.decode("latin-1") if isinstance(accept_encoding, bytes) else accept_encoding
    )
    for part in text.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() == coding:
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def encode(data: bytes, accept_encoding: str, gzip_level: int = 1) -> tuple[bytes, str | None]:
    """``data`` compressed for a client sending ``accept_encoding``, and the coding used
    (None: sent as it is: too small, or the client takes neither)."""
    if len(data) < GZIP_MIN_BYTES:
        return data, None
    if accepts(accept_encoding, "zstd"):
        return zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(data), "zstd"
    if accepts(accept_encoding, "gzip"):
        return gzip.compress(data, compresslevel=gzip_level), "gzip"
    return data, None


class ZstdResponses:
    """ASGI middleware: zstd answers for clients that take them; ``Accept-Encoding`` on all."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = b""
        for key, value in scope.get("headers", []):
            if key.lower() == b"accept-encoding":
                wanted = value
        zstd = accepts(wanted, "zstd")
        start: Message | None = None

        async def wrapped(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), (b"accept-encoding", TAKEN)]
                message = {**message, "headers": headers}
                if not zstd or _encoded(headers):
                    await send(message)
                    return
                start = message  # held until the body shows whether to compress it
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            held, start = start, None
            body = message.get("body", b"")
            if message.get("more_body", False) or len(body) < GZIP_MIN_BYTES:
                await send(held)  # streamed or small: left to the GZip middleware
                await send(message)
                return
            compressed = zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(body)
            headers = [
                (k, v) for k, v in held["headers"] if k.lower() not in (b"content-length",)
            ] + [
                (b"content-encoding", b"zstd"),
                (b"content-length", str(len(compressed)).encode()),
                (b"vary", b"Accept-Encoding"),
            ]
            await send({**held, "headers": headers})
            await send({**message, "body": compressed})

        await self.app(scope, receive, wrapped)


def _encoded(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-encoding" for k, _ in headers)
