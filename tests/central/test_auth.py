"""Login, tokens (expiry, revocation) and throttling, against the real server."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import update

from sync.central.db import make_engine
from sync.central.tables import tokens
from tests.helpers.accounts import PASSWORD, Accounts
from tests.helpers.central import API, CentralProcess, sqlite_centre


def _login(server: CentralProcess, username: str, password: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}{API}/auth/login",
        json={"username": username, "password": password, "device_id": "d1"},
    )


def test_login_answers_token_expiry_and_user(shared: Accounts) -> None:
    response = _login(shared.server, "m" + shared.suffix, PASSWORD)
    assert response.status_code == 200
    body = response.json()
    assert body["user"] == {
        "username": "m" + shared.suffix,
        "role": "city",
        "region_code": "620100",
    }
    assert datetime.fromisoformat(body["expires_at"]) > datetime.now(UTC)
    assert len(body["token"]) >= 32


def test_wrong_password_and_unknown_user_are_401(shared: Accounts) -> None:
    assert _login(shared.server, "w" + shared.suffix, "wrong-password").status_code == 401
    assert _login(shared.server, "nobody" + shared.suffix, PASSWORD).status_code == 401


def test_tokens_are_stored_hashed(shared: Accounts) -> None:
    engine = make_engine(shared.server.db_url)
    with engine.connect() as conn:
        stored = {row.token_hash for row in conn.execute(tokens.select())}
    engine.dispose()
    assert shared.worker not in stored
    assert all(len(h) == 64 for h in stored)


def test_expired_token_is_refused(shared: Accounts) -> None:
    token = shared.server.login("c" + shared.suffix, PASSWORD)
    with shared.server.client(token) as client:
        assert client.get("/sync/pull").status_code == 200
    engine = make_engine(shared.server.db_url)
    with engine.begin() as conn:  # the clock moves past this token's expiry
        conn.execute(
            update(tokens)
            .where(tokens.c.token_hash == hashlib.sha256(token.encode()).hexdigest())
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    engine.dispose()
    with shared.server.client(token) as client:
        response = client.get("/sync/pull")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_logout_revokes_the_token(shared: Accounts) -> None:
    token = shared.server.login("p" + shared.suffix, PASSWORD)
    with shared.server.client(token) as client:
        assert client.post("/auth/logout").status_code == 204
        assert client.get("/sync/pull").status_code == 401
        assert client.get("/reference").status_code == 401
    # Other tokens of the account stay valid.
    with shared.server.client(shared.province) as client:
        assert client.get("/sync/pull").status_code == 200


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer", "Basic abc", "' OR 1=1 --"])
def test_bad_authorization_headers_are_401(shared: Accounts, header: str) -> None:
    response = httpx.get(f"{shared.server.url}{API}/sync/pull", headers={"Authorization": header})
    assert response.status_code == 401


def test_repeated_failures_delay_the_account_from_that_address(tmp_path: Path) -> None:
    server = sqlite_centre(tmp_path / "c", login_first_delay_seconds="60")
    server.start()
    try:
        server.create_user("victim", "worker", "620102", PASSWORD)
        for _ in range(5):
            assert _login(server, "victim", "guess-guess").status_code == 401
        throttled = _login(server, "victim", PASSWORD)
        assert throttled.status_code == 429
        assert 0 < int(throttled.headers["Retry-After"]) <= 60
        # The throttle lives in the database: a restart does not lift it.
        server.restart()
        assert _login(server, "victim", PASSWORD).status_code == 429
    finally:
        server.stop()


def test_repeated_failures_throttle_the_address(tmp_path: Path) -> None:
    server = sqlite_centre(tmp_path / "c", login_max_failures_per_address="6")
    server.start()
    try:
        server.create_user("someone", "worker", "620102", PASSWORD)
        for n in range(6):  # different accounts, one address
            assert _login(server, f"ghost{n}", "guess-guess").status_code == 401
        assert _login(server, "someone", PASSWORD).status_code == 429
    finally:
        server.stop()


def test_success_clears_the_account_failures(central_server: CentralProcess) -> None:
    central_server.create_user("forgetful", "worker", "620102", PASSWORD)
    for _ in range(4):
        assert _login(central_server, "forgetful", "guess-guess").status_code == 401
    assert _login(central_server, "forgetful", PASSWORD).status_code == 200
    for _ in range(4):
        assert _login(central_server, "forgetful", "guess-guess").status_code == 401
    assert _login(central_server, "forgetful", PASSWORD).status_code == 200
