"""The HTTP conversation with the centre (docs/protocol.md): login, reference, push, pull.

Every call retries on network errors, 5xx and 429 with backoff (a push is safe to repeat:
the centre answers a replayed op_id with its first result). A 401 stops at once with
AuthRequiredError. Timeouts bound each read of the socket, not the whole transfer, so a slow
line finishes and a stalled one fails.
"""

from __future__ import annotations

import gzip
import logging
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import orjson
from pydantic import BaseModel, ValidationError

from sync.client.errors import (
    AuthRequiredError,
    CertificateError,
    ClientError,
    LoginRefusedError,
    NetworkError,
    PlainHttpError,
    ServerError,
    SettingsError,
    TooManyAttemptsError,
)
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

# Per socket operation: a stalled transfer fails after this long, a slow one never does.
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=60.0, pool=10.0)


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
            "base_version": op.base_version,
            "record": orjson.Fragment(op.record_json),
            **({"created_at": op.created_at} if op.created_at else {}),
            **({"updated_at": op.updated_at} if op.updated_at else {}),
        }
        for op in ops
    ]
    return orjson.dumps({"device_id": device_id, "rules_version": rules_version, "ops": items})


@dataclass(frozen=True, slots=True)
class Body:
    """A JSON request body as it goes on the wire, gzip-compressed where that pays."""

    content: bytes
    headers: dict[str, str]

    @classmethod
    def of(cls, raw: bytes) -> Body:
        """``raw`` JSON, compressed when it is large enough to gain from it."""
        if len(raw) < GZIP_MIN_BYTES:
            return cls(raw, {"Content-Type": "application/json"})
        compressed = gzip.compress(raw, compresslevel=1)
        return cls(compressed, {"Content-Type": "application/json", "Content-Encoding": "gzip"})


def push_body(device_id: str, rules_version: str | None, ops: Sequence[OutgoingOp]) -> Body:
    """The body of one ``POST /sync/push``, encoded and compressed, ready to send."""
    return Body.of(encode_push(device_id, rules_version, ops))


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
        body = push_body(device_id, rules_version, ops)
        return read_push(self.send_push(body), len(ops))

    def send_push(self, body: Body) -> httpx.Response:
        """Post a push body made by :func:`push_body`; the answer, unread (see read_push).

        The three steps are apart so a sync can encode the next batch while this one is at
        the centre, and send it before reading this one's answer.
        """
        return self._request("POST", "/sync/push", body=body)

    def pull(self, since: str | None, limit: int) -> PullResponse:
        """One page of changes after cursor ``since`` (None: from the beginning)."""
        params: dict[str, str | int] = {"limit": limit}
        if since:
            params["since"] = since
        return _parse(PullResponse, self._request("GET", "/sync/pull", params=params))

    def roster(self, year: int, since: str | None, limit: int) -> RosterResponse:
        """One page of year ``year``'s roster in this account's scope after cursor ``since``
        (None: from the beginning)."""
        params: dict[str, str | int] = {"year": year, "limit": limit}
        if since:
            params["since"] = since
        return _parse(RosterResponse, self._request("GET", "/sync/roster", params=params))

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
            body = Body.of(content)
        if body is not None:
            content = body.content
            all_headers.update(body.headers)
        attempt = 0
        while True:
            retry_after: float | None = None
            try:
                response = self._http.request(
                    method, path, content=content, params=params, headers=all_headers
                )
            except httpx.TransportError as exc:
                if _untrusted(exc):
                    # Not transient: retrying cannot make the certificate trusted.
                    raise CertificateError(f"{self.base_url}: {exc}") from None
                failure: ClientError = NetworkError(f"{method} {path}: {type(exc).__name__}")
            else:
                if response.status_code < 400 or response.status_code == 304:
                    return response
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
    detail = f"{method} {path}: HTTP {status} {_detail(response)}".strip()
    if status == 401 and path == "/auth/login":
        return LoginRefusedError(detail)
    if status == 401:
        return AuthRequiredError(detail)
    if status == 429 and path == "/auth/login":
        return TooManyAttemptsError(detail)
    return ServerError(detail, status=status)


def _detail(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    if isinstance(data, dict):
        detail = data.get("detail") or data.get("message") or ""
        return str(detail)[:300]
    return ""


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
