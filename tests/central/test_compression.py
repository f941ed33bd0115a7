"""Compression negotiated both ways: zstd for laptops that say so, gzip as before for the rest."""

from __future__ import annotations

import gzip

import orjson
import pytest
import zstandard

from sync.contract.protocol import PushResponse
from tests.helpers.accounts import Accounts
from tests.helpers.central_records import op, post_push, push_body, records_in, table_counts

TOWNSHIP = "620102002"


def _zstd(data: bytes) -> bytes:
    return zstandard.ZstdCompressor(level=3).compress(data)


def test_a_zstd_push_gets_the_compact_answer_in_zstd(shared: Accounts) -> None:
    records = records_in([TOWNSHIP], 20, seed=61)
    body = _zstd(orjson.dumps(push_body(*(op(r) for r in records))))
    response = post_push(
        shared,
        body,
        **{
            "Content-Encoding": "zstd",
            "Accept-Encoding": "zstd, gzip",
            "Prefer": "return=minimal",
        },
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-encoding"] == "zstd"
    assert response.headers["accept-encoding"] == "zstd, gzip"
    results = response.json()["results"]
    assert [set(r) for r in results] == [{"op_id", "status", "version"}] * 20
    answer = PushResponse.model_validate(response.json())
    assert {(r.status, r.record_id) for r in answer.results} == {("accepted", None)}


def test_an_old_laptop_gets_the_full_answer_in_gzip(shared: Accounts) -> None:
    records = records_in([TOWNSHIP], 20, seed=62)
    body = gzip.compress(orjson.dumps(push_body(*(op(r) for r in records))))
    response = post_push(shared, body, **{"Content-Encoding": "gzip", "Accept-Encoding": "gzip"})
    assert response.status_code == 200, response.text
    assert response.headers["content-encoding"] == "gzip"
    results = response.json()["results"]
    assert [r["record_id"] for r in results] == [r["record_id"] for r in records]
    assert {(r["status"], r["server_record"]) for r in results} == {("accepted", None)}
    assert all(r["errors"] == [] for r in results)


def test_pull_pages_come_in_zstd_when_asked_and_gzip_otherwise(shared: Accounts) -> None:
    records = records_in([TOWNSHIP], 10, seed=63)
    with shared.server.client(shared.worker) as client:
        pushed = client.post("/sync/push", json=push_body(*(op(r) for r in records)))
        assert pushed.status_code == 200
        zstd = client.get("/sync/pull", headers={"Accept-Encoding": "zstd"})
        old = client.get("/sync/pull", headers={"Accept-Encoding": "gzip"})
    assert zstd.headers["content-encoding"] == "zstd"
    assert old.headers["content-encoding"] == "gzip"
    assert zstd.json() == old.json()
    assert len(zstd.json()["changes"]) >= 10


def test_a_zstd_bomb_is_stopped(shared: Accounts) -> None:
    bomb = _zstd(b"{" + b" " * (40 * 1024 * 1024) + b"}")
    assert len(bomb) < 64 * 1024
    before = table_counts(shared.server.db_url)
    response = post_push(shared, bomb, **{"Content-Encoding": "zstd"})
    assert response.status_code == 413
    assert "decompressed" in response.json()["detail"]
    assert table_counts(shared.server.db_url) == before


@pytest.mark.parametrize(
    ("content", "mentions"),
    [
        (b"not zstd at all", "not valid zstd"),
        (_zstd(b'{"device_id": "d", "ops": []}' + b" " * 2000)[:-6], "truncated"),
        (_zstd(b'{"device_id": "d", "ops": []}') + b"more", "zstd"),
    ],
    ids=["junk", "truncated", "trailing"],
)
def test_broken_zstd_is_refused(shared: Accounts, content: bytes, mentions: str) -> None:
    response = post_push(shared, content, **{"Content-Encoding": "zstd"})
    assert response.status_code == 400
    assert mentions in response.json()["detail"]
