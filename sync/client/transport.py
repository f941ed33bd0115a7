"""The HTTP conversation with the centre (docs/protocol.md): login, reference, push, pull.

Every call retries on network errors, 5xx and 429 with backoff (a push is safe to repeat:
the centre answers a replayed op_id with its first result). A 401 stops at once with
AuthRequiredError. Timeouts bound each read of the socket, not the whole transfer, so a slow
line finishes and a stalled one fails.

Push and pull are *sized* calls: a request the link cuts, stalls or times out after it
started raises LinkDroppedError at once instead of going again unchanged, so the caller
(sync.client.link.LinkSizer) can send a smaller one. Request bodies go zstd-compressed once
the centre has said it takes them (an ``Accept-Encoding`` header on its answers), else gzip;
a push asks for the compact answer (``Prefer: return=minimal``). Every request's bytes each
way and its time are kept in ``last_exchange``.
"""

from __future__ import annotations

import gzip
import logging
import ssl
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import orjson
import zstandard
from pydantic import BaseModel, ValidationError

from sync.client.errors import (
    AuthRequiredError,
    CertificateError,
    ClientError,
    LinkDroppedError,
    LoginRefusedError,
    NetworkError,
    PlainHttpError,
    ServerError,
    SettingsError,
    TooManyAttemptsError,
    coded_failure,
)
from sync.client.link import Exchange
from sync.client.plain_http import sends_in_clear
from sync.client.retry import RetryPolicy, parse_retry_after
from sync.contract.protocol import (
    API_PREFIX,
    GZIP_MIN_BYTES,
    Health,
    LoginRequest,
    LoginResponse,
    PullResponse,
    PushResponse,
    RosterResponse,
)
from sync.version import __version__

log = logging.getLogger(__name__)
_M = TypeVar("_M", bound=BaseModel)

# Per socket operation: a stalled transfer fails after this long, a slow one never does
# (at 8 kB/s a socket read or write moves something every fraction of a second; the read
# after the body has gone also waits for the centre's work on a batch, about a second).
DEFAULT_TIMEOUT = httpx.Timeout(connect=15.0, read=30.0, write=30.0, pool=15.0)
# zstd at level 3: smaller than gzip at any level for records, at gzip-1's CPU (figures in
# docs/protocol.md).
ZSTD_LEVEL = 3
# What the client asks for with a push: the compact answer (docs/protocol.md).
_MINIMAL = {"Prefer": "return=minimal"}


@dataclass(frozen=True, slots=True)
class OutgoingOp:
    """One op of a push; ``record_json`` is the record already encoded (canonical JSON),
    the times are as they are sent (RFC 3339 with the offset)."""

    op_id: str
    record_id: str
    base_version: int | None
    record_json: bytes
    created_at: str | None = None
    updated_at: str | None = None


def encode_push(device_id: str, rules_version: str | None, ops: Sequence[OutgoingOp]) -> bytes:
    """The JSON body of ``POST /sync/push``, reusing each record's stored JSON as it is."""
    items = [
        {
            "op_id": op.op_id,
            "record_id": op.record_id,
            **({"base_version": op.base_version} if op.base_version is not None else {}),
            "record": orjson.Fragment(op.record_json),
            **({"created_at": op.created_at} if op.created_at else {}),
            **({"updated_at": op.updated_at} if op.updated_at else {}),
        }
        for op in ops
    ]
    return orjson.dumps({"device_id": device_id, "rules_version": rules_version, "ops": items})


@dataclass(frozen=True, slots=True)
class Body:
    """A JSON request body as it goes on the wire, compressed where that pays.

    ``raw``: the JSON before compression, kept to send it again in gzip to a centre that
    refuses zstd (one older than zstd bodies).
    """

    content: bytes
    headers: dict[str, str]
    raw: bytes = b""

    @classmethod
    def of(cls, raw: bytes, encoding: str = "gzip") -> Body:
        """``raw`` JSON, compressed (``gzip`` or ``zstd``) when large enough to gain."""
        if len(raw) < GZIP_MIN_BYTES:
            return cls(raw, {"Content-Type": "application/json"}, raw)
        if encoding == "zstd":
            compressed = zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(raw)
        else:
            compressed = gzip.compress(raw, compresslevel=1)
        headers = {"Content-Type": "application/json", "Content-Encoding": encoding}
        return cls(compressed, headers, raw)


def push_body(
    device_id: str,
    rules_version: str | None,
    ops: Sequence[OutgoingOp],
    encoding: str = "gzip",
) -> Body:
    """The body of one ``POST /sync/push``, encoded and compressed, ready to send
    (``encoding``: the client's ``request_encoding``)."""
    return Body.of(encode_push(device_id, rules_version, ops), encoding)


def read_push(response: httpx.Response, count: int) -> PushResponse:
    """The answer to a push of ``count`` ops: one result per op, or ServerError."""
    result = _parse(PushResponse, response)
    if len(result.results) != count:
        raise ServerError(f"push: {len(result.results)} results for {count} ops")
    return result


class CentralClient:
    """A connection to one central endpoint; cheap to keep, close() when done.

    ``allow_plain_http``: log in over ``http://`` to a machine other than this one (the
    password crosses the network in the clear); without it such a login raises
    PlainHttpError before anything is sent.
    """

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        verify: bool | str = True,
        proxy: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        allow_plain_http: bool = False,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        # Sent as X-Queue-Length with every request once set: the changes the laptop has
        # waiting (the centre shows it in progress, beside X-App-Version).
        self.queue_length: int | None = None
        self.allow_plain_http = allow_plain_http
        self.retry = retry or RetryPolicy()
        # How request bodies are compressed: zstd once the centre says it takes it.
        self.request_encoding = "gzip"
        self.last_exchange = Exchange(0, 0, 0.0)
        if not self.base_url.startswith(("http://", "https://")):
            raise SettingsError(f"server: {base_url!r} is not an http(s) URL")
        try:
            self._http = httpx.Client(
                base_url=self.base_url + API_PREFIX,
                verify=_tls(verify),
                proxy=proxy,
                timeout=timeout,
                transport=transport,
                headers={
                    "User-Agent": f"realname-desktop/{__version__}",
                    "X-App-Version": __version__,
                },
            )
        except (OSError, ssl.SSLError) as exc:  # the CA bundle is missing or not PEM
            raise SettingsError(f"CA bundle {verify}: {exc.strerror or exc}") from None
        except ValueError as exc:  # a proxy URL httpx cannot use
            raise SettingsError(f"proxy {proxy!r}: {exc}") from None

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ---- the calls ----------------------------------------------------------------------

    def login(self, username: str, password: str, device_id: str) -> LoginResponse:
        """Log in; the token is kept on this client (the caller stores it in the keyring)."""
        if sends_in_clear(self.base_url) and not self.allow_plain_http:
            raise PlainHttpError(self.base_url)
        body = LoginRequest(username=username, password=password, device_id=device_id)
        response = self._request("POST", "/auth/login", json_body=body.model_dump(), auth=False)
        result = _parse(LoginResponse, response)
        self.token = result.token
        return result

    def health(self) -> Health:
        """The centre's ``/health``."""
        return _parse(Health, self._request("GET", "/health", auth=False))

    def reference(self, etag: str | None = None) -> tuple[dict[str, Any] | None, str | None]:
        """The reference data and its ETag; (None, etag) when ``etag`` is still current."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self._request("GET", "/reference", headers=headers)
        if response.status_code == 304:
            return None, etag
        data = _json(response)
        if not isinstance(data, dict):
            raise ServerError("reference: not an object")
        return data, response.headers.get("ETag")

    def push(
        self, device_id: str, rules_version: str | None, ops: Sequence[OutgoingOp]
    ) -> PushResponse:
        """Send one batch of ops; one result per op (each op stands alone at the centre)."""
        body = push_body(device_id, rules_version, ops, self.request_encoding)
        return read_push(self.send_push(body)[0], len(ops))

    def send_push(self, body: Body) -> tuple[httpx.Response, Exchange]:
        """Post a push body made by :func:`push_body`; the answer, unread (see read_push),
        and what the request carried. LinkDroppedError when the link failed it mid-way.

        The three steps are apart so a sync can encode the next batch while this one is at
        the centre, and send it before reading this one's answer.
        """
        response = self._request("POST", "/sync/push", body=body, headers=_MINIMAL, sized=True)
        return response, _exchange_of(response, body.content)

    def pull(self, since: str | None, limit: int) -> PullResponse:
        """One page of changes after cursor ``since`` (None: from the beginning); a sized
        call (see :meth:`_page`)."""
        params: dict[str, str | int] = {"limit": limit, "saved_by": "true"}
        if since:
            params["since"] = since
        return _parse(PullResponse, self._page("/sync/pull", params))

    def roster(self, year: int, since: str | None, limit: int) -> RosterResponse:
        """One page of year ``year``'s roster in this account's scope after cursor ``since``
        (None: from the beginning); a sized call (see :meth:`_page`)."""
        params: dict[str, str | int] = {"year": year, "limit": limit}
        if since:
            params["since"] = since
        return _parse(RosterResponse, self._page("/sync/roster", params))

    def _page(self, path: str, params: dict[str, str | int]) -> httpx.Response:
        """GET one page of a paged call: LinkDroppedError when the link failed it mid-way
        (the caller's LinkSizer asks for a smaller one); ``last_exchange`` says what it
        carried, for that sizer to measure."""
        response = self._request("GET", path, params=params, sized=True)
        self.last_exchange = _exchange_of(response, b"")
        return response

    # ---- one request, with retries ------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Mapping[str, Any] | None = None,
        content: bytes | None = None,
        body: Body | None = None,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
        sized: bool = False,
    ) -> httpx.Response:
        all_headers = dict(headers or {})
        if auth:
            if not self.token:
                raise AuthRequiredError("no token")
            all_headers["Authorization"] = f"Bearer {self.token}"
            if self.queue_length is not None:
                all_headers["X-Queue-Length"] = str(self.queue_length)
        if json_body is not None:
            content = orjson.dumps(json_body)
        if content is not None:
            body = Body.of(content, self.request_encoding)
        if body is not None:
            content = body.content
            all_headers.update(body.headers)
        attempt = 0
        while True:
            retry_after: float | None = None
            started = time.monotonic()
            try:
                response = self._http.request(
                    method, path, content=content, params=params, headers=all_headers
                )
            except httpx.TransportError as exc:
                if _untrusted(exc):
                    # Not transient: retrying cannot make the certificate trusted.
                    raise CertificateError(f"{self.base_url}: {exc}") from None
                detail = f"{method} {path}: {type(exc).__name__}"
                if sized and not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):
                    # Cut or stalled after it started: the caller sends a smaller one.
                    raise LinkDroppedError(detail, bytes_up=len(content or b"")) from None
                failure: ClientError = NetworkError(detail)
            else:
                response.extensions["seconds"] = time.monotonic() - started
                self._learn_encoding(response)
                if response.status_code < 400 or response.status_code == 304:
                    return response
                if response.status_code == 415 and body is not None and _zstd(body):
                    # A centre older than zstd bodies: this one, and every next, in gzip.
                    self.request_encoding = "gzip"
                    body = Body.of(body.raw, "gzip")
                    content = body.content
                    all_headers.update(body.headers)
                    continue
                failure = _failure(method, path, response)
                if not _retryable(response.status_code) or isinstance(
                    failure, TooManyAttemptsError
                ):
                    raise failure
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
            attempt += 1
            if attempt >= self.retry.attempts:
                raise failure
            wait = self.retry.delay(attempt - 1, retry_after)
            log.info(
                "%s %s failed (%s); retry %d in %.2fs", method, path, failure.detail, attempt, wait
            )
            self.retry.sleep(wait)

    def _learn_encoding(self, response: httpx.Response) -> None:
        # The centre names the request encodings it takes in its answers' Accept-Encoding.
        taken = response.headers.get("accept-encoding", "")
        if "zstd" in (part.strip() for part in taken.lower().split(",")):
            self.request_encoding = "zstd"


def _zstd(body: Body) -> bool:
    return body.headers.get("Content-Encoding") == "zstd"


def _headers_size(headers: httpx.Headers) -> int:
    return sum(len(k) + len(v) + 4 for k, v in headers.raw)


def _exchange_of(response: httpx.Response, content: bytes) -> Exchange:
    """The bytes a request and its answer carried (bodies as sent, headers, about the
    request and status lines), and the time from sending to the whole answer read."""
    request = response.request
    up = len(content) + _headers_size(request.headers) + len(request.url.raw_path) + 20
    down = response.num_bytes_downloaded + _headers_size(response.headers) + 20
    seconds = float(response.extensions.get("seconds", 0.0))
    return Exchange(up, down, seconds)


def _tls(verify: bool | str) -> bool | ssl.SSLContext:
    """``True``/``False``, or a context trusting the CA bundle file (or folder) at a path."""
    if isinstance(verify, bool):
        return verify
    if Path(verify).is_dir():
        return ssl.create_default_context(capath=verify)
    return ssl.create_default_context(cafile=verify)


def _untrusted(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _retryable(status: int) -> bool:
    return status == 429 or status >= 500


def _failure(method: str, path: str, response: httpx.Response) -> ClientError:
    status = response.status_code
    reason = _detail(response)
    detail = f"{method} {path}: HTTP {status} {reason}".strip()
    if status in (401, 403):
        coded = coded_failure(*_code(response), detail)
        if coded is not None:
            return coded
    if status == 401 and path in ("/auth/login", "/auth/password"):
        return LoginRefusedError(detail)
    if status == 401:
        return AuthRequiredError(detail)
    if status == 429 and path in ("/auth/login", "/auth/password"):
        return TooManyAttemptsError(detail)
    return ServerError(detail, status=status, reason=reason)


def _detail(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    if isinstance(data, dict):
        detail = data.get("detail") or data.get("message") or ""
        return str(detail)[:300]
    return ""


def _code(response: httpx.Response) -> tuple[object, object]:
    """The ``code`` and ``wipe`` of a refusal's body (None where absent)."""
    try:
        data = response.json()
    except ValueError:
        return None, None
    return (data.get("code"), data.get("wipe")) if isinstance(data, dict) else (None, None)


def _json(response: httpx.Response) -> Any:
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        raise ServerError(f"{response.request.url.path}: the answer is not JSON") from None


def _parse(model: type[_M], response: httpx.Response) -> _M:
    try:
        return model.model_validate(_json(response))
    except ValidationError as exc:
        where = response.request.url.path
        raise ServerError(f"{where}: unexpected answer ({exc.error_count()} problems)") from None
