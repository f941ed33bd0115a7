"""The real central server for the contract findings' end-to-end tests (issue 13: 2, 3, 4,
10, 11): one server per test module, with one account per role, and push/pull helpers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.central.conftest import Accounts, make_accounts
from tests.central.records import op, push_body, records_in
from tests.helpers.central import CentralProcess, drop_postgres_database, fresh_postgres_database
from tests.helpers.fixtures import postgres_url

TOWNSHIP = "620102001"
KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def running_centre(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Accounts]:
    """A central server on a fresh SQLite file or PostgreSQL database, with accounts."""
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
        yield make_accounts(server)
    finally:
        server.stop()
        if admin:
            drop_postgres_database(url, admin)


def a_record(seed: int, region: str = TOWNSHIP) -> dict[str, Any]:
    """One valid record of the worker's county."""
    return records_in([region], 1, seed=seed)[0]


def push(accounts: Accounts, *records: dict[str, Any]) -> list[dict[str, Any]]:
    """Push new records as the worker; the per-op results (the request itself must pass)."""
    with accounts.server.client(accounts.worker) as client:
        response = client.post("/sync/push", json=push_body(*(op(r) for r in records)))
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def rule_ids(result: dict[str, Any]) -> list[str]:
    """The rule ids of a push result's errors, in order."""
    return [e["rule_id"] for e in result["errors"]]


def pulled(accounts: Accounts, record_id: str) -> dict[str, Any]:
    """The record as the county pulls it (every page must answer 200)."""
    found: dict[str, Any] | None = None
    cursor = ""
    with accounts.server.client(accounts.county) as client:
        while True:
            params: dict[str, Any] = {"limit": 1000, **({"since": cursor} if cursor else {})}
            response = client.get("/sync/pull", params=params)
            assert response.status_code == 200, response.text
            page = response.json()
            for change in page["changes"]:
                if change["record_id"] == record_id:
                    found = change["record"]
            cursor = page["cursor"]
            if not page["more"]:
                break
    assert found is not None, record_id
    return found
