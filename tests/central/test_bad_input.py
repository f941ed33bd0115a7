"""Malformed, oversized, mistyped and hostile requests: a clear 4xx, nothing changed."""

from __future__ import annotations

import gzip
import zlib

import httpx
import orjson
import pytest

from tests.helpers.accounts import Accounts
from tests.helpers.central_records import op, post_push, push_body, records_in, table_counts

TOWNSHIP = "620102001"


def _assert_refused(response: httpx.Response, status: int, mentions: str = "") -> None:
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert detail
    if mentions:
        assert mentions in orjson.dumps(detail).decode()


@pytest.mark.parametrize(
    ("content", "status", "mentions"),
    [
        (b"{not json", 400, ""),
        (b"", 400, ""),
        (b"[]", 422, ""),
        (b'"just a string"', 422, ""),
        (b'{"ops": []}', 422, "device_id"),
        (b'{"device_id": "d", "ops": [{"op_id": "x"}]}', 422, "record_id"),
        (b'{"device_id": "d", "ops": "not a list"}', 422, "ops"),
        (b'{"device_id": 5, "ops": []}', 422, "device_id"),
        (b'{"device_id": "d", "ops": [], "surprise": 1}', 422, "surprise"),
        (
            b'{"device_id": "d", "ops": [{"op_id": "o", "record_id": "r", "record": {},'
            b' "base_version": "two"}]}',
            422,
            "base_version",
        ),
        (
            b'{"device_id": "d", "ops": [{"op_id": "o", "record_id": "r", "record": []}]}',
            422,
            "record",
        ),
        (
            b'{"device_id": "d", "ops": [{"op_id": "o", "record_id": "r", "record": {}, '
            b'"base_version": -1}]}',
            422,
            "base_version",
        ),
        (b"\xff\xfe\x00garbage", 400, ""),
        # The document says integer and date-time: no lax reading of text, true or seconds.
        (
            b'{"device_id": "d", "ops": [{"op_id": "o", "record_id": "r", "record": {}, '
            b'"base_version": "2"}]}',
            422,
            "base_version",
        ),
        (
            b'{"device_id": "d", "ops": [{"op_id": "o", "record_id": "r", "record": {}, '
            b'"base_version": true}]}',
            422,
            "base_version",
        ),
        (
            b'{"device_id": "d", "ops": [{"op_id": "o", "record_id": "r", "record": {}, '
            b'"created_at": 1700000000}]}',
            422,
            "created_at",
        ),
    ],
)
def test_malformed_bodies_are_refused_and_change_nothing(
    shared: Accounts, content: bytes, status: int, mentions: str
) -> None:
    before = table_counts(shared.server.db_url)
    _assert_refused(post_push(shared, content), status, mentions)
    assert table_counts(shared.server.db_url) == before


def test_wrong_content_type_is_415(shared: Accounts) -> None:
    body = orjson.dumps(push_body())
    _assert_refused(post_push(shared, body, **{"Content-Type": "text/plain"}), 415)


def test_oversized_body_is_413(shared: Accounts) -> None:
    _assert_refused(post_push(shared, b" " * (9 * 1024 * 1024)), 413)


def test_too_many_ops_is_422(shared: Accounts) -> None:
    [record] = records_in([TOWNSHIP], 1, seed=40)
    body = push_body(*(op(record) for _ in range(1001)))
    _assert_refused(post_push(shared, orjson.dumps(body)), 422, "ops")


def test_gzip_body_is_accepted(shared: Accounts) -> None:
    records = records_in([TOWNSHIP], 20, seed=41)
    body = gzip.compress(orjson.dumps(push_body(*(op(r) for r in records))))
    response = post_push(shared, body, **{"Content-Encoding": "gzip"})
    assert response.status_code == 200, response.text
    assert {r["status"] for r in response.json()["results"]} == {"accepted"}


def test_gzip_bomb_is_stopped(shared: Accounts) -> None:
    # 40 MiB of JSON whitespace inflates past the 32 MiB limit from well under 1 MiB.
    bomb = gzip.compress(b"{" + b" " * (40 * 1024 * 1024) + b"}", compresslevel=6)
    assert len(bomb) < 1024 * 1024
    before = table_counts(shared.server.db_url)
    _assert_refused(post_push(shared, bomb, **{"Content-Encoding": "gzip"}), 413)
    assert table_counts(shared.server.db_url) == before


@pytest.mark.parametrize(
    ("content", "encoding", "status"),
    [
        (b"not gzip at all", "gzip", 400),
        (gzip.compress(b'{"device_id": "d", "ops": []}')[:-10], "gzip", 400),
        (zlib.compress(b"{}"), "br", 415),
    ],
)
def test_broken_compression_is_refused(
    shared: Accounts, content: bytes, encoding: str, status: int
) -> None:
    _assert_refused(post_push(shared, content, **{"Content-Encoding": encoding}), status)


def test_responses_are_gzipped_when_asked(shared: Accounts) -> None:
    with shared.server.client(shared.worker) as client:
        response = client.get("/reference", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["regions"]


SQL_LOOKING = ["'; DROP TABLE records; --", '" OR 1=1 --', "Robert'); DELETE FROM ops;--"]


@pytest.mark.parametrize("text", SQL_LOOKING)
def test_sql_looking_strings_are_just_text(shared: Accounts, text: str) -> None:
    [record] = records_in([TOWNSHIP], 1, seed=100 + SQL_LOOKING.index(text))
    hostile = {**record, "address": text, "employer": text[:100]}
    before = table_counts(shared.server.db_url)
    with shared.server.client(shared.worker) as client:
        response = client.post("/sync/push", json=push_body(op(hostile, op_id=text[:60])))
        assert response.status_code == 200, response.text
        [result] = response.json()["results"]
        assert result["status"] == "accepted"
        pulled = client.get("/sync/pull", params={"since": "0", "limit": 5000}).json()
    [change] = [c for c in pulled["changes"] if c["record_id"] == record["record_id"]]
    assert change["record"]["address"] == text
    assert table_counts(shared.server.db_url)["records"] == before["records"] + 1


@pytest.mark.parametrize("since", ["abc", "-1", "1e9", "' OR 1=1", "9" * 30])
def test_bad_cursor_is_400_naming_since(shared: Accounts, since: str) -> None:
    with shared.server.client(shared.worker) as client:
        response = client.get("/sync/pull", params={"since": since})
    _assert_refused(response, 400, "since")


@pytest.mark.parametrize("limit", ["0", "-5", "many"])
def test_bad_limit_is_422(shared: Accounts, limit: str) -> None:
    with shared.server.client(shared.worker) as client:
        response = client.get("/sync/pull", params={"limit": limit})
    _assert_refused(response, 422, "limit")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"username": "a"},
        {"username": "a", "password": "b", "device_id": "d", "role": "province"},
        {"username": 5, "password": "b", "device_id": "d"},
        {"username": "a" * 500, "password": "b", "device_id": "d"},
    ],
)
def test_bad_login_bodies_are_422(shared: Accounts, body: dict[str, object]) -> None:
    response = httpx.post(f"{shared.server.url}/api/v1/auth/login", json=body)
    _assert_refused(response, 422)


def test_unknown_route_and_method_are_4xx(shared: Accounts) -> None:
    with shared.server.client(shared.worker) as client:
        assert client.get("/no/such/thing").status_code == 404
        assert client.delete("/sync/push").status_code == 405


@pytest.mark.parametrize("where", ["address", "op_id", "device_id"])
def test_nul_characters_are_refused(shared: Accounts, where: str) -> None:
    [record] = records_in([TOWNSHIP], 1, seed=44)
    body = push_body(op(record))
    if where == "address":
        body["ops"][0]["record"]["address"] = "a\x00b"
    elif where == "op_id":
        body["ops"][0]["op_id"] = "op\x00"
    else:
        body["device_id"] = "dev\x00"
    before = table_counts(shared.server.db_url)
    _assert_refused(post_push(shared, orjson.dumps(body)), 400, "NUL")
    assert table_counts(shared.server.db_url) == before


def test_nul_in_login_is_refused(shared: Accounts) -> None:
    body = {"username": "w\x00", "password": "x", "device_id": "d"}
    response = httpx.post(f"{shared.server.url}/api/v1/auth/login", json=body)
    _assert_refused(response, 400, "NUL")


def test_an_integral_float_is_an_integer_as_json_schema_says(shared: Accounts) -> None:
    [record] = records_in([TOWNSHIP], 1, seed=45)
    body = push_body(op(record))
    body["ops"][0]["base_version"] = 0.0
    response = post_push(shared, orjson.dumps(body))
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["status"] == "accepted"


@pytest.mark.parametrize("token", ["not-a-token", "revoked"])
def test_logout_without_a_live_token_is_401(shared: Accounts, token: str) -> None:
    if token == "revoked":
        token = shared.server.login("w" + shared.suffix, "secret-pass-1")
        with shared.server.client(token) as client:
            assert client.post("/auth/logout").status_code == 204
    with shared.server.client(token) as client:
        _assert_refused(client.post("/auth/logout"), 401)


def test_a_verdict_is_true_or_false_not_a_number(shared: Accounts) -> None:
    body = {"results": [{"assignment_id": "a", "fields": [{"field": "name", "matched": 0}]}]}
    with shared.server.client(shared.province) as client:
        _assert_refused(client.post("/spot-checks/results", json=body), 422, "matched")


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/reports/indicators", {"year": 2026}),
        ("/spot-checks/quality", {"year": 2026, "quarter": 1}),
        ("/spot-checks/duplicates", {}),
    ],
)
def test_a_region_code_of_no_region_is_404(
    shared: Accounts, path: str, params: dict[str, object]
) -> None:
    with shared.server.client(shared.province) as client:
        response = client.get(path, params={**params, "region": "00000000"})
    _assert_refused(response, 404, "00000000")


def test_text_that_reads_backslash_u0000_is_not_a_nul(shared: Accounts) -> None:
    # JSON writes the six characters \u0000 as "\\u0000": no NUL, and the document allows it.
    [record] = records_in([TOWNSHIP], 1, seed=46)
    text = "C:\\u0000\\\\\\u0000 路"
    body = push_body(op({**record, "address": text}))
    response = post_push(shared, orjson.dumps(body))
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["status"] == "accepted"
    with shared.server.client(shared.worker) as client:
        pulled = client.get("/sync/pull", params={"limit": 5000}).json()
    [change] = [c for c in pulled["changes"] if c["record_id"] == record["record_id"]]
    assert change["record"]["address"] == text


@pytest.mark.parametrize("raw", [b'"\\u0000"', b'"a\\\\\\u0000"', b'"\\\\\\\\\\u0000"'])
def test_an_escaped_nul_after_escaped_backslashes_is_still_refused(
    shared: Accounts, raw: bytes
) -> None:
    content = b'{"device_id": ' + raw + b', "ops": []}'
    _assert_refused(post_push(shared, content), 400, "NUL")
