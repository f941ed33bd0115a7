"""Finding 5: nobody can lock anybody out by failing logins in their name.

Failures are counted per (account, address): after ``login_max_failures`` of them, each
further attempt from that address must wait a delay that doubles with every failure (capped),
answered 429 with Retry-After. The same account from any other address is untouched. The
client address comes from ``X-Forwarded-For`` only when the direct peer is a trusted proxy.
Every server here is the real one, reached from two loopback addresses.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from sync.central.db import make_engine
from sync.central.login_throttle import delay_seconds
from sync.central.settings import Settings
from sync.central.tables import login_throttle
from tests.helpers.central import API, CentralProcess, sqlite_centre

PASSWORD = "field-pass-2024"
OWNER = "127.0.0.1"
ATTACKER = "127.0.0.2"


def _login(
    server: CentralProcess,
    password: str,
    *,
    source: str = OWNER,
    forwarded_for: str | None = None,
    username: str = "victim",
) -> httpx.Response:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for is not None else {}
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(transport=transport, timeout=30) as client:
        return client.post(
            f"{server.url}{API}/auth/login",
            json={"username": username, "password": password, "device_id": "d1"},
            headers=headers,
        )


def _server(tmp_path: Path, **env: str) -> CentralProcess:
    server = sqlite_centre(tmp_path / "central", **env)
    server.start()
    try:
        server.create_user("victim", "worker", "620102", PASSWORD)
    except BaseException:
        server.stop()
        raise
    return server


@pytest.fixture
def throttling(tmp_path: Path) -> Iterator[CentralProcess]:
    """A server where two failures start the delays, the first one 30 s."""
    server = _server(tmp_path, login_max_failures="2", login_first_delay_seconds="30")
    try:
        yield server
    finally:
        server.stop()


def _move_clock(server: CentralProcess, seconds: int) -> None:
    """Make every recorded failure ``seconds`` older (the clock moves on)."""
    engine = make_engine(server.db_url)
    back = timedelta(seconds=seconds)
    try:
        with engine.begin() as conn:
            for row in conn.execute(select(login_throttle)).all():
                conn.execute(
                    update(login_throttle)
                    .where(login_throttle.c.key == row.key)
                    .values(
                        first_failed_at=row.first_failed_at - back,
                        last_failed_at=row.last_failed_at - back,
                    )
                )
    finally:
        engine.dispose()


def _retry_after(response: httpx.Response) -> int:
    assert response.status_code == 429, response.text
    return int(response.headers["Retry-After"])


def test_failures_from_one_address_never_lock_the_owner_out_elsewhere(
    throttling: CentralProcess,
) -> None:
    for _ in range(2):
        assert _login(throttling, "guess-guess", source=ATTACKER).status_code == 401
    # The attacker's address now waits, even with the right password...
    assert 25 <= _retry_after(_login(throttling, PASSWORD, source=ATTACKER)) <= 30
    # ...and the owner, from their own address, is not held up at all.
    assert _login(throttling, PASSWORD, source=OWNER).status_code == 200


def test_each_failure_after_the_free_ones_doubles_the_wait(throttling: CentralProcess) -> None:
    for _ in range(2):
        assert _login(throttling, "guess-guess").status_code == 401
    assert 25 <= _retry_after(_login(throttling, "guess-guess")) <= 30
    _move_clock(throttling, 31)  # the wait is over: one more try, which fails
    assert _login(throttling, "guess-guess").status_code == 401
    assert 55 <= _retry_after(_login(throttling, "guess-guess")) <= 60
    _move_clock(throttling, 61)
    assert _login(throttling, "guess-guess").status_code == 401
    assert 115 <= _retry_after(_login(throttling, PASSWORD)) <= 120
    # Waiting out the delay, the right password logs in and clears the pair's failures.
    _move_clock(throttling, 121)
    assert _login(throttling, PASSWORD).status_code == 200
    assert _login(throttling, "guess-guess").status_code == 401
    assert _login(throttling, PASSWORD).status_code == 200


def test_the_wait_is_capped(tmp_path: Path) -> None:
    server = _server(
        tmp_path,
        login_max_failures="1",
        login_first_delay_seconds="30",
        login_max_delay_seconds="50",
    )
    try:
        assert _login(server, "guess-guess").status_code == 401
        assert 25 <= _retry_after(_login(server, "guess-guess")) <= 30
        _move_clock(server, 31)
        assert _login(server, "guess-guess").status_code == 401
        assert 45 <= _retry_after(_login(server, "guess-guess")) <= 50  # not 60
    finally:
        server.stop()


def test_forwarded_for_is_ignored_from_an_untrusted_peer(throttling: CentralProcess) -> None:
    for _ in range(2):
        response = _login(throttling, "guess-guess", forwarded_for="10.0.0.1")
        assert response.status_code == 401
    # Any X-Forwarded-For from the same peer is the same address: still waiting.
    _retry_after(_login(throttling, PASSWORD, forwarded_for="10.0.0.2"))


def test_forwarded_for_names_the_client_behind_a_trusted_proxy(tmp_path: Path) -> None:
    server = _server(
        tmp_path,
        login_max_failures="2",
        login_first_delay_seconds="30",
        trusted_proxies=f"{OWNER}, 192.0.2.0/24",
    )
    try:
        for _ in range(2):
            response = _login(server, "guess-guess", forwarded_for="10.0.0.1")
            assert response.status_code == 401
        _retry_after(_login(server, PASSWORD, forwarded_for="10.0.0.1"))
        # An address the client writes in front of the proxy's own entry changes nothing:
        # the rightmost address that is not a trusted proxy is the client.
        _retry_after(_login(server, PASSWORD, forwarded_for="10.0.0.2, 10.0.0.1, 192.0.2.7"))
        # Another client behind the same proxy logs in.
        assert _login(server, PASSWORD, forwarded_for="10.0.0.2, 192.0.2.7").status_code == 200
        # A peer that is not in the list cannot claim an address.
        for _ in range(2):
            response = _login(server, "guess-guess", source=ATTACKER, forwarded_for="10.0.0.3")
            assert response.status_code == 401
        _retry_after(_login(server, PASSWORD, source=ATTACKER, forwarded_for="10.0.0.4"))
        assert _login(server, PASSWORD, forwarded_for="10.0.0.3").status_code == 200
        # Not an address at all: the proxy itself is taken as the client.
        assert _login(server, "guess-guess", forwarded_for="not-an-address").status_code == 401
        lines = (server.data_dir / "central.log").read_text(encoding="utf-8").splitlines()
        failures = [line.split(": ", 1)[1] for line in lines if "login failed" in line]
        assert failures == [
            "login failed: account victim, address 10.0.0.1",
            "login failed: account victim, address 10.0.0.1",
            "login failed: account victim, address 127.0.0.2",
            "login failed: account victim, address 127.0.0.2",
            "login failed: account victim, address 127.0.0.1",
        ]
    finally:
        server.stop()


def test_spraying_many_accounts_meets_a_ceiling_at_that_address_only(tmp_path: Path) -> None:
    server = _server(tmp_path, login_max_failures_per_address="6")
    try:
        for n in range(6):
            response = _login(server, "guess-guess", source=ATTACKER, username=f"ghost{n}")
            assert response.status_code == 401
        assert _retry_after(_login(server, PASSWORD, source=ATTACKER)) > 0
        assert _login(server, PASSWORD, source=OWNER).status_code == 200
    finally:
        server.stop()


def test_failures_are_logged_with_the_account_and_the_address(tmp_path: Path) -> None:
    server = _server(tmp_path, login_max_failures="1", login_first_delay_seconds="30")
    try:
        assert _login(server, "guess-guess", source=ATTACKER).status_code == 401
        assert _login(server, "guess-guess", source=ATTACKER).status_code == 429
        lines = (server.data_dir / "central.log").read_text(encoding="utf-8").splitlines()
    finally:
        server.stop()
    logged = [line for line in lines if "victim" in line]
    assert len(logged) == 2
    assert (
        logged[0] == "INFO sync.central.accounts: login failed: account victim, address 127.0.0.2"
    )
    delayed = "login delayed: account victim, address 127.0.0.2, retry in "
    assert logged[1].startswith(f"INFO sync.central.login_throttle: {delayed}")
    assert all("guess-guess" not in line for line in lines)


def test_the_delays_double_from_the_first_up_to_the_cap() -> None:
    settings = Settings(login_max_failures=5, login_first_delay_seconds=2)
    waits = [delay_seconds(n, settings) for n in range(4, 16)]
    assert waits == [0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 600, 600]
    assert delay_seconds(10**6, settings) == 600


def test_trusted_proxies_are_addresses_or_networks() -> None:
    env = {"REALNAME_CENTRAL_TRUSTED_PROXIES": " 10.0.0.5, 192.0.2.0/24,, ::1 "}
    assert Settings.from_env(env).trusted_proxies == ("10.0.0.5/32", "192.0.2.0/24", "::1/128")
    assert Settings.from_env({}).trusted_proxies == ()
    with pytest.raises(ValueError, match=r"REALNAME_CENTRAL_TRUSTED_PROXIES: 'proxy\.local'"):
        Settings.from_env({"REALNAME_CENTRAL_TRUSTED_PROXIES": "10.0.0.5, proxy.local"})


def test_parallel_guesses_are_counted_one_by_one(central_db_url: str, tmp_path: Path) -> None:
    """Twenty guesses at once: the five free ones are let through, never more (both databases)."""
    data_dir = tmp_path / "central"
    data_dir.mkdir()
    server = CentralProcess(
        central_db_url, data_dir, env={"REALNAME_CENTRAL_LOGIN_FIRST_DELAY_SECONDS": "60"}
    )
    server.start()
    try:
        server.create_user("victim", "worker", "620102", PASSWORD)
        with ThreadPoolExecutor(max_workers=20) as pool:
            answers = list(pool.map(lambda _: _login(server, "guess-guess").status_code, range(20)))
    finally:
        server.stop()
    assert sorted(answers) == [401] * 5 + [429] * 15
