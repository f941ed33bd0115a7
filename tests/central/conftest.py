"""Shared set-up for the centre's tests: a server with accounts in known regions."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.helpers.central import CentralProcess

PASSWORD = "secret-pass-1"
# 620102 城关区 (兰州 620100); 620200 嘉峪关 is outside 兰州.
WORKER_REGION = "620102"
CITY_REGION = "620100"
OTHER_COUNTY = "620201"


@dataclass
class Accounts:
    """Tokens of accounts in different roles and regions on one server."""

    server: CentralProcess
    worker: str
    county: str
    city: str
    province: str
    other_worker: str


def make_accounts(server: CentralProcess) -> Accounts:
    """Create one account per role and log each in."""
    users = [
        ("w1", "worker", WORKER_REGION),
        ("c1", "county", WORKER_REGION),
        ("m1", "city", CITY_REGION),
        ("p1", "province", "620000"),
        ("w2", "worker", OTHER_COUNTY),
    ]
    for name, role, region in users:
        server.create_user(name, role, region, PASSWORD)
    tokens = [server.login(name, PASSWORD, device_id=f"dev-{name}") for name, _, _ in users]
    return Accounts(server, *tokens)


@pytest.fixture
def accounts(central_server_each: CentralProcess) -> Accounts:
    """A fresh server (SQLite, then PostgreSQL) with one account per role."""
    return make_accounts(central_server_each)
