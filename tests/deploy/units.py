"""The repository's systemd units and env file, run as the guide runs them, without systemd.

A unit's ``ExecStart`` names the installed ``realname-central``; here the same arguments go
to ``python -m sync.central.cli`` of this checkout, with the env file's settings (only the
database, the data folder and the test's cheap password hashing differ), and its output
goes to a file instead of the journal.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.helpers.central import ROOT, TEST_ENV
from tests.helpers.client import PASSWORD

SYSTEMD = ROOT / "deploy" / "systemd"
ENV_FILE = SYSTEMD / "central.env.example"
SERVE_UNIT = SYSTEMD / "realname-central@.service"
MIGRATE_UNIT = SYSTEMD / "realname-central-migrate.service"

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def unit_arguments(unit: Path, instance: str = "") -> list[str]:
    """The arguments ``ExecStart`` gives ``realname-central`` (``%i``: the instance)."""
    for line in unit.read_text(encoding="utf-8").splitlines():
        if line.startswith("ExecStart="):
            program, *arguments = shlex.split(line.removeprefix("ExecStart="))
            assert program.endswith("/realname-central"), line
            return [a.replace("%i", instance) for a in arguments]
    raise AssertionError(f"{unit.name} has no ExecStart")


def env_file(path: Path = ENV_FILE) -> dict[str, str]:
    """The ``KEY=VALUE`` lines of a systemd environment file."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def unit_env(db_url: str, data_dir: Path) -> dict[str, str]:
    """The env file's settings, on the test's database and data folder."""
    settings = env_file()
    assert set(settings) >= {"REALNAME_CENTRAL_DB", "REALNAME_CENTRAL_DATA_DIR"}
    settings |= {"REALNAME_CENTRAL_DB": db_url, "REALNAME_CENTRAL_DATA_DIR": str(data_dir)}
    return {**os.environ, **TEST_ENV, **settings}


def run_command(env: dict[str, str], *arguments: str, stdin: str | None = None) -> str:
    """Run one ``realname-central`` command; its standard output (it must succeed)."""
    done = subprocess.run(
        [sys.executable, "-m", "sync.central.cli", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def create_accounts(env: dict[str, str], db_url: str, *, with_command: bool = True) -> None:
    """Two county accounts of 620102 with the test password: county1 with ``create-user``
    as the guide does (unless not ``with_command``), the other straight, to save a process."""
    from sync.central.accounts import create_user
    from sync.central.db import make_engine
    from sync.central.settings import Settings

    names = ["county2"]
    if with_command:
        run_command(
            env, "create-user", "county1", "--role", "county", "--region", "620102",
            "--password-stdin", stdin=PASSWORD + "\n",
        )  # fmt: skip
    else:
        names.insert(0, "county1")
    engine = make_engine(db_url)
    try:
        for name in names:
            create_user(engine, Settings(scrypt_n=16), name, "county", "620102", PASSWORD)
    finally:
        engine.dispose()


class ServeUnit:
    """One ``realname-central@PORT`` instance."""

    def __init__(self, port: int, env: dict[str, str], log: Path) -> None:
        self.port = port
        self.env = env
        self.log = log
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the process as the unit does (the caller waits with :meth:`wait_ready`)."""
        assert self.process is None
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "sync.central.cli",
                    *unit_arguments(SERVE_UNIT, str(self.port)),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.env,
                cwd=ROOT,
            )

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Wait until /health answers 200 (the guide's health check)."""
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while True:
            assert self.process.poll() is None, self.log.read_text(errors="replace")[-3000:]
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "no answer from /health"
            time.sleep(0.05)  # polling a real condition: the port accepting requests

    def kill(self) -> None:
        """SIGKILL: the process dies in whatever it was doing."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        """SIGTERM, as ``systemctl stop`` sends it."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def metrics(self) -> Samples:
        """This process's /metrics, fetched on 127.0.0.1: every sample by name and labels."""
        response = httpx.get(f"{self.url}/metrics", timeout=5)
        assert response.status_code == 200, response.text
        samples: Samples = {}
        for family in text_string_to_metric_families(response.text):
            for sample in family.samples:
                samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
        return samples


def total(samples: list[Samples], name: str, **labels: str) -> float:
    """The sum of ``name`` over the scrapes, for the samples that carry ``labels``."""
    wanted = set(labels.items())
    return sum(
        value
        for scrape in samples
        for (sample, sample_labels), value in scrape.items()
        if sample == name and wanted <= set(sample_labels)
    )


def server_bin_dir(db_url: str) -> str:
    """The folder of the server's own pg_dump and pg_restore (Debian keeps one per major)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.connect() as conn:
        major = int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000
    engine.dispose()
    folder = Path(f"/usr/lib/postgresql/{major}/bin")
    assert (folder / "pg_dump").exists(), f"no pg_dump of PostgreSQL {major} in {folder}"
    return str(folder)


def libpq_url(db_url: str) -> str:
    """A SQLAlchemy URL as the URI the PostgreSQL tools take."""
    from sqlalchemy.engine import make_url

    url = make_url(db_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)
