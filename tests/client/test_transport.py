"""The httpx transport against a scripted HTTP server on 127.0.0.1: retries, errors, gzip."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import orjson
import pytest

from sync.client import (
    AuthRequiredError,
    CentralClient,
    LinkDroppedError,
    LoginRefusedError,
    NetworkError,
    OutgoingOp,
    RetryPolicy,
    ServerError,
    SettingsError,
    TooManyAttemptsError,
)
from sync.client.retry import parse_retry_after
from tests.helpers.central import free_port
from tests.helpers.scripted_server import Answer, ScriptedServer

PUSH = "/api/v1/sync/push"


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    yield scripted
    scripted.close()


@pytest.fixture
def waits() -> list[float]:
    return []


def client(url: str, waits: list[float], **kwargs: object) -> CentralClient:
    retry = RetryPolicy(attempts=4, base=0.5, cap=4.0, sleep=waits.append, rng=random.Random(1))
    return CentralClient(url, token="t0k3n", retry=retry, **kwargs)  # type: ignore[arg-type]


def ops(n: int) -> list[OutgoingOp]:
    return [
        OutgoingOp(f"op{i}", f"r{i}", None, orjson.dumps({"record_id": f"r{i}", "name": "张三"}))
        for i in range(n)
    ]


def accepted(n: int) -> Answer:
    results = [
        {"op_id": f"op{i}", "record_id": f"r{i}", "status": "accepted", "version": 1}
        for i in range(n)
    ]
    return Answer.json({"results": results, "rules_version": "2024.1"})


def test_5xx_and_429_are_retried_with_backoff_and_retry_after(
    server: ScriptedServer, waits: list[float]
) -> None:
    server.add(
        PUSH,
        Answer(503, b'{"detail":"busy"}'),
        Answer(429, b"{}", headers={"Retry-After": "7"}),
        accepted(30),
    )
    with client(server.url, waits) as c:
        answer = c.push("dev", "2024.1", ops(30))
    assert [r.status for r in answer.results] == ["accepted"] * 30
    assert len(server.seen) == 3
    assert 0 <= waits[0] <= 0.5  # full jitter under base * 2**0
    assert waits[1] == 7.0  # the centre's Retry-After, as it is
    sent = orjson.loads(server.seen[0].body)
    assert server.seen[0].headers["Content-Encoding"] == "gzip"
    assert [o["op_id"] for o in sent["ops"]] == [f"op{i}" for i in range(30)]
    assert sent["ops"][0]["record"]["name"] == "张三"
    assert server.seen[0].headers["Authorization"] == "Bearer t0k3n"


def test_retries_stop_after_the_last_attempt(server: ScriptedServer, waits: list[float]) -> None:
    server.add(PUSH, *[Answer(500, b"oops")] * 4)
    with client(server.url, waits) as c, pytest.raises(ServerError, match="HTTP 500"):
        c.push("dev", None, ops(1))
    assert len(server.seen) == 4
    assert len(waits) == 3
    assert all(0 <= w <= min(4.0, 0.5 * 2**i) for i, w in enumerate(waits))


def test_401_stops_at_once_and_asks_for_login(server: ScriptedServer, waits: list[float]) -> None:
    server.add(PUSH, Answer(401, b'{"detail":"token expired"}'), accepted(1))
    with client(server.url, waits) as c, pytest.raises(AuthRequiredError) as caught:
        c.push("dev", None, ops(1))
    assert len(server.seen) == 1
    assert waits == []
    assert "登录" in caught.value.user_message
    assert "token expired" in str(caught.value)


def test_login_refusal_and_throttling_are_typed_and_not_retried(
    server: ScriptedServer, waits: list[float]
) -> None:
    login = "/api/v1/auth/login"
    server.add(login, Answer(401, b"{}"), Answer(429, b"{}", headers={"Retry-After": "60"}))
    with client(server.url, waits) as c:
        with pytest.raises(LoginRefusedError):
            c.login("u", "p", "d")
        with pytest.raises(TooManyAttemptsError):
            c.login("u", "p", "d")
    assert waits == []
    assert orjson.loads(server.seen[0].body) == {"username": "u", "password": "p", "device_id": "d"}


def test_no_token_is_auth_required_without_a_request(
    server: ScriptedServer, waits: list[float]
) -> None:
    with CentralClient(server.url) as c, pytest.raises(AuthRequiredError):
        c.pull(None, 10)
    assert server.seen == []


def test_a_refused_connection_is_a_network_error_after_retries(waits: list[float]) -> None:
    with client(f"http://127.0.0.1:{free_port()}", waits) as c, pytest.raises(NetworkError):
        c.pull(None, 10)
    assert len(waits) == 3


def test_a_stalled_answer_times_out_but_a_slow_one_finishes(
    server: ScriptedServer, waits: list[float]
) -> None:
    body = accepted(200)
    timeout = httpx.Timeout(5.0, read=0.3)
    # Slow: six chunks 0.15 s apart (0.75 s in all, longer than the read timeout).
    server.add(PUSH, Answer(200, body.body, chunks=6, pause=0.15))
    with client(server.url, waits, timeout=timeout) as c:
        assert len(c.push("dev", None, ops(200)).results) == 200
    # Stalled: the first chunk, then nothing for longer than the read timeout. A push is
    # not sent again unchanged: the link dropped it, and the sync sends a smaller one.
    server.add(PUSH, Answer(200, body.body, chunks=4, stall=0.6))
    with client(server.url, waits, timeout=timeout) as c, pytest.raises(LinkDroppedError) as caught:
        c.push("dev", None, ops(200))
    assert "ReadTimeout" in str(caught.value)
    assert caught.value.bytes_up > 0
    assert waits == []


def test_nonsense_answers_are_server_errors(server: ScriptedServer, waits: list[float]) -> None:
    server.add(PUSH, Answer(200, b"<html>proxy login</html>"), accepted(2))
    with client(server.url, waits) as c:
        with pytest.raises(ServerError, match="not JSON"):
            c.push("dev", None, ops(1))
        with pytest.raises(ServerError, match="2 results for 1 ops"):
            c.push("dev", None, ops(1))


def test_reference_uses_the_etag(server: ScriptedServer, waits: list[float]) -> None:
    ref = "/api/v1/reference"
    server.add(ref, Answer.json({"version": "v1"}, headers={"ETag": '"v1"'}), Answer(304, b""))
    with client(server.url, waits) as c:
        data, etag = c.reference()
        assert (data, etag) == ({"version": "v1"}, '"v1"')
        assert c.reference(etag) == (None, '"v1"')
    assert server.seen[1].headers["If-None-Match"] == '"v1"'


def test_unusable_settings_are_typed_errors(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="CA bundle"):
        CentralClient("https://127.0.0.1:1", verify=str(tmp_path / "missing-ca.pem"))
    with pytest.raises(SettingsError, match="proxy"):
        CentralClient("https://127.0.0.1:1", proxy="not a url")
    with pytest.raises(SettingsError, match="server"):
        CentralClient("127.0.0.1:8700")


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("12", now=now) == 12.0
    assert parse_retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("garbage", now=now) is None
    assert parse_retry_after("²", now=now) is None  # a digit to str.isdigit, not to float()
    assert parse_retry_after(None) is None
    assert RetryPolicy(max_retry_after=60).delay(0, 3600) == 60


def test_zstd_once_the_centre_takes_it_and_gzip_again_after_a_415(
    server: ScriptedServer, waits: list[float]
) -> None:
    takes = {"Accept-Encoding": "zstd, gzip"}
    server.add("/api/v1/health", Answer.json({"status": "ok", "version": "1"}, headers=takes))
    server.add(
        PUSH,
        accepted(100),
        Answer(415, b'{"detail": "Content-Encoding: only gzip is accepted"}'),
        accepted(100),
    )
    with client(server.url, waits) as c:
        c.push("dev", None, ops(100))  # before the centre said anything: gzip
        c.health()
        assert c.request_encoding == "zstd"
        c.push("dev", None, ops(100))  # zstd, refused by an older centre, then gzip
        assert c.request_encoding == "gzip"
    encodings = [s.headers.get("Content-Encoding") for s in server.seen if s.path == PUSH]
    assert encodings == ["gzip", "zstd", "gzip"]
    assert all(s.headers["Prefer"] == "return=minimal" for s in server.seen if s.path == PUSH)
    assert orjson.loads(server.seen[-1].body)["ops"][0] == {
        "op_id": "op0",
        "record_id": "r0",
        "record": {"record_id": "r0", "name": "张三"},
    }
    assert waits == []
