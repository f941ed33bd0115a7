"""``make run`` keeps working: the demo centre is prepared with accounts, reference and records."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from desktop.demo import DEMO_ACCOUNTS, DEMO_RECORDS, _central, prepare

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_demo_centre_is_prepared_once(tmp_path: Path) -> None:
    url = prepare(tmp_path, 2026)
    db = tmp_path / "central" / "central.db"
    assert url == f"sqlite:///{db}"
    with sqlite3.connect(db) as conn:
        users = {
            row[0]: (row[1], row[2])
            for row in conn.execute("select username, role, region_code from users")
        }
        records = conn.execute("select count(*) from records").fetchone()[0]
        targets = conn.execute("select count(*) from targets where year = 2026").fetchone()[0]
    assert users == {name: (role, region) for name, role, region in DEMO_ACCOUNTS}
    assert records == DEMO_RECORDS
    assert targets == 4
    # A second start reuses the database instead of failing on existing accounts.
    assert prepare(tmp_path, 2026) == url


_HOLDER = """
import sys
from desktop.demo import _central, _free_port, keep_signals_live, running_centre
from desktop.demo import stopping_on_signals
db = sys.argv[1]
with stopping_on_signals(), running_centre(db, _free_port(0)) as url:
    from PySide6.QtCore import QCoreApplication
    app = QCoreApplication([])
    ticker = keep_signals_live(app)
    print(url, flush=True)
    app.exec()
print("closed", flush=True)
"""


@pytest.fixture(scope="module")
def empty_centre(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A centre's SQLite database after init-db, made once for the tests here."""
    path = tmp_path_factory.mktemp("centre") / "central.db"
    _central(f"sqlite:///{path}", "init-db")
    return path


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return "\nState:\tZ" in status  # ended, not yet reaped by whoever adopted it


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_the_demo_centre_stops_however_the_program_ends(
    tmp_path: Path, empty_centre: Path, how: int
) -> None:
    shutil.copy(empty_centre, tmp_path / "central.db")
    db = f"sqlite:///{tmp_path / 'central.db'}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REALNAME_CENTRAL_DATA_DIR": str(tmp_path)}
    demo = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, db], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    try:
        assert demo.stdout is not None
        url = demo.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert httpx.get(f"{url}/api/v1/health", timeout=5).status_code == 200
        (centre,) = _children(demo.pid)
        demo.send_signal(how)
        demo.wait(timeout=20)
        deadline = time.monotonic() + 15
        while not _gone(centre) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(centre)
        if how != signal.SIGKILL:
            assert demo.stdout.read().strip() == "closed"  # the program ended as if closed
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
        if demo.stdout is not None:
            demo.stdout.close()
