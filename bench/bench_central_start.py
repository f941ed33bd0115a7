"""What starting the centre costs: ``realname-central serve`` until /health answers.

Figure: the CPU seconds (user + system) of the server process from its start to its first
answer to /health, on a fresh SQLite file (wall time depends on what else the machine runs).
Limit, measured in the same run: a bare interpreter importing the web stack the server
needs (FastAPI, uvicorn, SQLAlchemy), the floor of any start. The best of three.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.helpers.central import CentralProcess

ROUNDS = 3
_WEB_STACK = "import fastapi, uvicorn, sqlalchemy"


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _serve_cpu(folder: Path) -> float:
    server = CentralProcess(f"sqlite:///{folder / 'central.sqlite3'}", folder)
    server.start()
    try:
        assert server.process is not None
        return _cpu_seconds(server.process.pid)
    finally:
        server.stop()


def _imports_cpu() -> float:
    before = os.times()
    subprocess.run([sys.executable, "-c", _WEB_STACK], check=True)
    after = os.times()
    return (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def run(rounds: int = ROUNDS) -> list[dict[str, Any]]:
    """The best of ``rounds`` starts, beside the best of as many bare imports."""
    starts = []
    with tempfile.TemporaryDirectory(prefix="bench-central-start-") as tmp:
        for n in range(rounds):
            folder = Path(tmp) / str(n)
            folder.mkdir()
            started = time.perf_counter()
            starts.append(_serve_cpu(folder))
            print(f"  start {n + 1}: {time.perf_counter() - started:.2f} s", file=sys.stderr)
    floor = min(_imports_cpu() for _ in range(rounds))
    return [
        {
            "name": "centre start to first /health (CPU time)",
            "figure": min(starts),
            "unit": "s",
            "target": "<= 1.5 s",
            "limit": floor,
            "limit_name": f"python -c '{_WEB_STACK}'",
        }
    ]


if __name__ == "__main__":
    for result in run():
        print(result)
