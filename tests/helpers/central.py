"""Fixtures for the central endpoint: the real server in a subprocess on 127.0.0.1.

``central_server`` runs on a fresh SQLite file, ``central_server_pg`` on a fresh PostgreSQL
database (created with a random name, dropped afterwards), and ``central_server_each`` on
both, following the ``database_kind`` parameter.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.helpers.fixtures import postgres_url

ROOT = Path(__file__).resolve().parents[2]
API = "/api/v1"
# Cheap password hashing keeps login-heavy tests fast; production uses 2**14.
TEST_ENV = {"REALNAME_CENTRAL_SCRYPT_N": "16"}


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class CentralProcess:
    """``realname-central serve`` in a subprocess, on a fixed port across restarts."""

    def __init__(self, db_url: str, data_dir: Path, env: dict[str, str] | None = None) -> None:
        self.db_url = db_url
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **TEST_ENV, **(env or {})}
        self.env["REALNAME_CENTRAL_DATA_DIR"] = str(data_dir)
        self.env.pop("REALNAME_CENTRAL_DB", None)
        self.process: subprocess.Popen[bytes] | None = None
        self._log = data_dir / "central.log"

    def command(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run another ``realname-central`` command against the same database."""
        return subprocess.run(
            [sys.executable, "-m", "sync.central.cli", "--db", self.db_url, *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=ROOT,
            check=False,
            timeout=600,
        )

    def create_user_command(
        self, username: str, role: str, region_code: str, password: str
    ) -> subprocess.CompletedProcess[str]:
        """``realname-central create-user`` as an operator types it, the password on stdin."""
        return self.command(
            "create-user",
            username,
            "--role",
            role,
            "--region",
            region_code,
            "--password-stdin",
            stdin=password + "\n",
        )

    def start(self, timeout: float = 20.0) -> None:
        """Start the server and wait until /health answers."""
        assert self.process is None, "already running"
        log = self._log.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sync.central.cli",
                "--db",
                self.db_url,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.env,
            cwd=ROOT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        with httpx.Client(base_url=self.url, timeout=1.0) as client:
            while True:
                if self.process.poll() is not None:
                    output = self._log.read_text(errors="replace")[-3000:]
                    self.process = None
                    raise RuntimeError(f"the central server exited at start:\n{output}")
                try:
                    if client.get(f"{API}/health").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    self.stop(kill=True)
                    raise RuntimeError("the central server did not answer /health in time")
                time.sleep(0.02)  # polling a real condition: the port accepting requests

    def stop(self, kill: bool = False) -> None:
        """Stop the server (SIGKILL with ``kill``, else a clean shutdown)."""
        if self.process is None:
            return
        if kill:
            self.process.kill()
        else:
            self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def restart(self) -> None:
        """Stop and start again on the same port and database."""
        self.stop()
        self.start()

    def create_user(self, username: str, role: str, region_code: str, password: str) -> None:
        """Create an account through the storage API (the server has migrated the schema)."""
        from sync.central.accounts import create_user
        from sync.central.db import make_engine
        from sync.central.settings import Settings

        engine = make_engine(self.db_url)
        try:
            create_user(engine, Settings(scrypt_n=16), username, role, region_code, password)
        finally:
            engine.dispose()

    def login(self, username: str, password: str, device_id: str = "test-device") -> str:
        """A bearer token for the account."""
        response = httpx.post(
            f"{self.url}{API}/auth/login",
            json={"username": username, "password": password, "device_id": device_id},
        )
        response.raise_for_status()
        token: str = response.json()["token"]
        return token

    def client(self, token: str | None = None, **kwargs: Any) -> httpx.Client:
        """An httpx client on ``/api/v1``, with the bearer token when given."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=f"{self.url}{API}", headers=headers, timeout=30, **kwargs)


def sqlite_centre(data_dir: Path, **settings: str) -> CentralProcess:
    """A centre, not yet started, on a new SQLite file in the new folder ``data_dir``; each
    keyword is one of its settings (``login_max_failures="2"``: REALNAME_CENTRAL_LOGIN_...)."""
    data_dir.mkdir()
    return CentralProcess(
        f"sqlite:///{data_dir / 'central.sqlite3'}",
        data_dir,
        env={f"REALNAME_CENTRAL_{name.upper()}": value for name, value in settings.items()},
    )


def _running(db_url: str, data_dir: Path) -> Iterator[CentralProcess]:
    server = CentralProcess(db_url, data_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def central_server(tmp_path: Path) -> Iterator[CentralProcess]:
    """A running central server on a fresh SQLite file."""
    data_dir = tmp_path / "central"
    data_dir.mkdir()
    yield from _running(f"sqlite:///{data_dir / 'central.sqlite3'}", data_dir)


def fresh_postgres_database() -> tuple[str, str]:
    """Create an empty database with a random name; returns (its URL, the admin URL)."""
    admin = postgres_url()
    if admin is None:
        pytest.skip("no PostgreSQL server (set REALNAME_TEST_PG_URL)")
    name = f"central_{secrets.token_hex(6)}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin).set(database=name).render_as_string(hide_password=False), admin


def drop_postgres_database(url: str, admin: str) -> None:
    """Drop a database made by :func:`fresh_postgres_database`, closing its connections."""
    name = make_url(url).database
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture
def postgres_database() -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database, dropped after the test."""
    url, admin = fresh_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url, admin)


@pytest.fixture
def central_server_pg(tmp_path: Path, postgres_database: str) -> Iterator[CentralProcess]:
    """A running central server on a fresh PostgreSQL database."""
    data_dir = tmp_path / "central"
    data_dir.mkdir()
    yield from _running(postgres_database, data_dir)


@pytest.fixture
def central_db_url(database_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh central database URL of the parametrised kind (SQLite file or PostgreSQL)."""
    if database_kind == "sqlite":
        return f"sqlite:///{tmp_path / 'central-db.sqlite3'}"
    url: str = request.getfixturevalue("postgres_database")
    return url


@pytest.fixture
def central_server_each(central_db_url: str, tmp_path: Path) -> Iterator[CentralProcess]:
    """A running central server, once on SQLite and once on PostgreSQL."""
    data_dir = tmp_path / "central"
    data_dir.mkdir()
    yield from _running(central_db_url, data_dir)
