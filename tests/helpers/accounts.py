"""Servers with one account per role, for the centre's tests (registered in tests/conftest.py).

``accounts`` is a fresh server per test (SQLite, then PostgreSQL); ``shared`` is one server
and one set of accounts per test module and database kind, for tests that only add their
own records and tokens. :func:`running_centre` gives a module fixture the same server on one
chosen database kind.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.helpers.central import (
    CentralProcess,
    drop_postgres_database,
    fresh_postgres_database,
)
from tests.helpers.fixtures import postgres_url

PASSWORD = "secret-pass-1"
# 620102 城关区 is in 兰州 (620100); 620201 嘉峪关市 is not.
WORKER_REGION = "620102"
CITY_REGION = "620100"
OTHER_COUNTY = "620201"
TOWNSHIP = "620102001"  # a township of the worker's county
# The database kinds of a module-scoped server, as fixture parameters.
KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@dataclass
class Accounts:
    """Tokens of accounts in different roles and regions on one server."""

    server: CentralProcess
    worker: str
    county: str
    city: str
    province: str
    other_worker: str
    suffix: str


def make_accounts(server: CentralProcess) -> Accounts:
    """Create one account per role (names unique per call) and log each in."""
    suffix = secrets.token_hex(3)
    users = [
        ("w", "worker", WORKER_REGION),
        ("c", "county", WORKER_REGION),
        ("m", "city", CITY_REGION),
        ("p", "province", "620000"),
        ("x", "worker", OTHER_COUNTY),
    ]
    for name, role, region in users:
        server.create_user(name + suffix, role, region, PASSWORD)
    tokens = [server.login(n + suffix, PASSWORD, device_id=f"dev-{n}") for n, _, _ in users]
    return Accounts(server, *tokens, suffix=suffix)


def module_server(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralProcess]:
    """A running server on a fresh SQLite file or PostgreSQL database, stopped (and its
    database dropped) when the generator closes."""
    data_dir = tmp_path_factory.mktemp("central")
    admin = ""
    if kind == "postgres":
        if postgres_url() is None:
            pytest.skip("no PostgreSQL server (set REALNAME_TEST_PG_URL)")
        url, admin = fresh_postgres_database()
    else:
        url = f"sqlite:///{data_dir / 'central.sqlite3'}"
    server = CentralProcess(url, data_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        if admin:
            drop_postgres_database(url, admin)


def running_centre(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Accounts]:
    """:func:`module_server` with one account per role."""
    for server in module_server(kind, tmp_path_factory):
        yield make_accounts(server)


@pytest.fixture
def accounts(central_server_each: CentralProcess) -> Accounts:
    """A fresh server (SQLite, then PostgreSQL) with one account per role."""
    return make_accounts(central_server_each)


@pytest.fixture(scope="module", params=KINDS)
def shared_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CentralProcess]:
    """One server per module and database kind."""
    yield from module_server(request.param, tmp_path_factory)


@pytest.fixture(scope="module")
def shared(shared_server: CentralProcess) -> Accounts:
    """Accounts on the module's server (tests must not revoke or expire their tokens)."""
    return make_accounts(shared_server)
