"""A ``realname-central`` command run and timed as an operator runs it, in its own process."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sync.central.db import migrated

ROOT = Path(__file__).resolve().parent.parent


def timed_central(
    db_url: str, *args: str, exit_codes: tuple[int, ...] = (0,)
) -> tuple[float, dict[str, Any]]:
    """Seconds for ``realname-central --db DB_URL ARGS`` and the JSON object of its last
    output line; RuntimeError with its output when it ends with another exit code."""
    command = [sys.executable, "-m", "sync.central.cli", "--db", db_url, *args]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - started
    if result.returncode not in exit_codes:
        raise RuntimeError(result.stdout[-2000:] + result.stderr[-2000:])
    summary: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return seconds, summary


def migrate_only(db_url: str) -> None:
    """Create the centre's schema, so that a command's time is the command's alone."""
    with migrated(db_url):
        pass
