"""Fixtures for the field client: a per-test keyring, local accounts, the desktop CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy import create_engine, text

from desktop.store import Synchronizer, SyncReport, keys, login_online, open_account
from desktop.store.accounts import AccountProfile, DataDir
from desktop.store.database import open_database
from desktop.store.session import Account
from sync.client import Keyring, RetryPolicy
from sync.contract.samples import sample_records
from tests.helpers.central import CentralProcess

ROOT = Path(__file__).resolve().parents[2]
# A cheap key derivation keeps login-heavy tests fast; production uses keys.PRODUCTION_KDF.
TEST_KDF_MEMORY_KIB = 64


@dataclass(frozen=True)
class KeyringFile:
    """Where this test's keyring file is, and the environment a subprocess needs to share it."""

    backend: KeyringBackend
    env: dict[str, str]


@pytest.fixture
def test_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyringFile]:
    """A plaintext keyring in a file of this test only (subprocesses share it through env)."""
    xdg = tmp_path / "xdg"
    xdg.mkdir()
    backend = PlaintextKeyring()
    backend.file_path = str(xdg / "python_keyring" / "keyring_pass.cfg")
    env = {
        "XDG_DATA_HOME": str(xdg),
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "REALNAME_DESKTOP_KDF_MEMORY_KIB": str(TEST_KDF_MEMORY_KIB),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(keys, "KDF", keys.Argon2idCost(TEST_KDF_MEMORY_KIB, iterations=1))
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield KeyringFile(backend, env)
    finally:
        keyring.set_keyring(previous)


def unique_samples(n: int, *, seed: int = 0, region: str = "620102") -> list[dict[str, Any]]:
    """``n`` valid sample records of one county, one per person (samples may repeat an ID)."""
    seen: set[str] = set()
    records: list[dict[str, Any]] = []
    for record in sample_records(n + n // 50 + 5, seed=seed, region_codes=[region]):
        if record["id_number"] not in seen:
            seen.add(record["id_number"])
            records.append(record)
    assert len(records) >= n
    return records[:n]


def make_local_account(
    root: Path, username: str = "worker1", password: str = "secret-1", server: str = ""
) -> Account:
    """An account as a first online login leaves it, made without a server."""
    data_dir = DataDir(root)
    key = keys.new_database_key()
    ring = Keyring(username)
    ring.store_database_key(key)
    profile = AccountProfile(
        username=username,
        server=server or "http://127.0.0.1:9",
        device_id=str(uuid.uuid4()),
        role="worker",
        region_code="620102",
        wrapped_key=keys.WrappedKey.wrap(key, password),
    )
    data_dir.save_profile(profile)
    data_dir.set_last_account(username)
    return Account(data_dir, profile, open_database(data_dir.database_path(username), key), ring)


@pytest.fixture
def account(data_dir: Path, test_keyring: KeyringFile) -> Iterator[Account]:
    """A local account (no server) with an empty encrypted database."""
    opened = make_local_account(data_dir)
    try:
        yield opened
    finally:
        opened.close()


def run_desktop(
    data_dir: Path,
    *args: str,
    env: dict[str, str],
    stdin: str | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``realname-desktop --data-dir DIR ARGS`` in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "desktop.app", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
        check=False,
        timeout=timeout,
    )


# ---- against a real centre -------------------------------------------------------------

PASSWORD = "pw-county-1"
FAST = RetryPolicy(attempts=8, base=0.05, cap=0.5)


def centre_counts(server: CentralProcess) -> tuple[int, int, int]:
    """Records at the centre, distinct ids among them, and how many were written twice."""
    engine = create_engine(server.db_url)
    with engine.connect() as conn:
        total, distinct, rewritten = conn.execute(
            text(
                "SELECT count(*), count(DISTINCT record_id), "
                "coalesce(sum(CASE WHEN version > 1 THEN 1 ELSE 0 END), 0) FROM records"
            )
        ).one()
    engine.dispose()
    return int(total), int(distinct), int(rewritten)


def cli_login(
    data_dir: Path, server_url: str, env: dict[str, str], password: str = PASSWORD
) -> subprocess.CompletedProcess[str]:
    """``realname-desktop login`` as county1 at ``server_url``, the password on stdin."""
    return run_desktop(
        data_dir,
        "login",
        "--server",
        server_url,
        "--user",
        "county1",
        "--password-stdin",
        env=env,
        stdin=password + "\n",
    )


def cli_laptop(
    data_dir: Path, server_url: str, env: dict[str, str], records: int, seed: int
) -> None:
    """A laptop folder logged in as county1 through the desktop command line (the centre at
    ``server_url``), holding ``records`` sample records waiting to sync."""
    login = cli_login(data_dir, server_url, env)
    assert login.returncode == 0, login.stderr
    account = open_account(data_dir)
    account.registry.save_many(unique_samples(records, seed=seed))
    account.close()


def start_sync(data_dir: Path, env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    """``realname-desktop sync ARGS`` started in a subprocess, for a test to kill."""
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.app", "--data-dir", str(data_dir), "sync", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def sync_again_after_kill(
    server: CentralProcess, data_dir: Path, env: dict[str, str], records: int
) -> None:
    """After a sync was killed mid-way: the next start tells the truth (nothing on its way,
    every record synced or waiting), and a sync run again brings all ``records`` to the
    centre exactly once."""
    counts = json.loads(run_desktop(data_dir, "status", env=env).stdout)
    assert counts["syncing"] == 0
    assert counts["synced"] + counts["pending"] == records
    again = run_desktop(data_dir, "sync", env=env)
    assert again.returncode == 0, again.stderr
    final = json.loads(run_desktop(data_dir, "status", env=env).stdout)
    assert final["synced"] == records
    assert final["pending"] == final["syncing"] == 0
    assert centre_counts(server) == (records, records, 0)


def device(server: CentralProcess, root: Path, user: str = "county1") -> Account:
    """A laptop logged in as ``user`` with its own data folder."""
    account, _ = login_online(root, server.url, user, PASSWORD, retry=FAST)
    return account


def post_review(
    server: CentralProcess, token: str, record_id: str, version: int, **body: Any
) -> str:
    """``POST /reviews`` as the account of ``token`` (decision, comments in ``body``); the
    answer's status."""
    request = {"op_id": str(uuid.uuid4()), "record_id": record_id, "version": version, **body}
    with server.client(token) as client:
        answer = client.post("/reviews", json=request)
    assert answer.status_code == 200, answer.text
    status: str = answer.json()["status"]
    return status


def sync(account: Account, **kwargs: Any) -> SyncReport:
    """One full sync of ``account``."""
    with account.client(FAST) as client:
        return Synchronizer(account.registry, client, **kwargs).run()


@pytest.fixture
def centre(central_server: CentralProcess) -> CentralProcess:
    """The centre with a county account for 620102 (城关区)."""
    central_server.create_user("county1", "county", "620102", PASSWORD)
    return central_server
