from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.helpers.accounts import PASSWORD
from tests.helpers.central_records import op, push_body, records_in
from tests.helpers.central import CentralProcess


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_start_is_quick(central_server: CentralProcess) -> None:
    """Start-up costs under 1.5 s of CPU (wall time depends on what else the machine runs)."""
    central_server.stop()
    started = time.monotonic()
    central_server.start()
    assert central_server.process is not None
    assert _cpu_seconds(central_server.process.pid) < 1.5
    assert time.monotonic() - started < 10


def test_push_then_pull(central_server: CentralProcess) -> None:
    central_server.create_user("w1", "worker", "620102", PASSWORD)
    token = central_server.login("w1", PASSWORD)
    recs = records_in(["620102001"], 3)
    with central_server.client(token) as client:
        r = client.post("/sync/push", json=push_body(*(op(x) for x in recs)))
        assert r.status_code == 200, r.text
        assert [x["status"] for x in r.json()["results"]] == ["accepted"] * 3, r.text
        pulled = client.get("/sync/pull").json()
    assert sorted(c["record"]["record_id"] for c in pulled["changes"]) == sorted(
        x["record_id"] for x in recs
    )
    assert [c["record"] for c in sorted(pulled["changes"], key=lambda c: c["record_id"])] == sorted(
        recs, key=lambda r: r["record_id"]
    )
