"""Start-up of the field program: process start to its first window shown and painted.

Measured from outside, as a worker waits for it: the clock starts before the process is
spawned and stops when the program prints ``window-shown`` (the start-up probe of
build_scripts/entry_desktop.py, which then quits). Offscreen Qt, an empty data folder (so
the first window is the login), the default language. The same script runs from source
and packaged, so the two figures differ only by the packaging. Beside them, an empty Qt
window from source: the floor any Qt program pays. ``--self-check`` wall time too.
Without a build in dist/ (``make build``) the packaged rows are skipped, saying so.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "realname-desktop"
ENTRY = ROOT / "build_scripts" / "entry_desktop.py"
WINDOWS = sys.platform == "win32"
RUNS = 5

EMPTY_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.show()
QTimer.singleShot(0, lambda: (print("window-shown empty", flush=True), app.exit(0)))
app.exec()
"""


def _env(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "REALNAME_DATA_DIR": str(folder / "data"),
            "REALNAME_UI_PREFERENCES": str(folder / "desktop.ini"),
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def _time_to(command: list[str], env: dict[str, str], marker: str | None) -> float:
    """Seconds from spawning ``command`` to ``marker`` on its stdout (or to its exit)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert process.stdout is not None
    seconds: float | None = None
    if marker is not None:
        for line in process.stdout:
            if line.startswith(marker):
                seconds = time.perf_counter() - started
                break
    _out, err = process.communicate(timeout=120)
    if marker is None and process.returncode == 0:
        seconds = time.perf_counter() - started
    if seconds is None or process.returncode != 0:
        raise RuntimeError(f"{command[0]} failed (exit {process.returncode}): {err[-1500:]}")
    return seconds


def _median(command: list[str], env: dict[str, str], marker: str | None) -> float:
    _time_to(command, env, marker)  # a first run fills the disk cache, as on a used laptop
    return statistics.median(_time_to(command, env, marker) for _ in range(RUNS))


def _packaged(name: str) -> Path:
    return BUNDLE / (name + (".exe" if WINDOWS else ""))


def _self_check(command: list[str], env: dict[str, str]) -> float | None:
    """Median wall time of ``--self-check``; None (and why, on stderr) when it fails."""
    try:
        return _median([*command, "--self-check"], env, None)
    except RuntimeError as exc:
        print(f"bench_packaged: --self-check rows skipped: {exc}", file=sys.stderr)
        return None


def run() -> list[dict[str, Any]]:
    """Start-up rows: from source, packaged (if built), and their floors."""
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="realname-bench-start-") as name:
        env = _env(Path(name))
        probe = {**env, "REALNAME_STARTUP_PROBE": "1"}
        empty = _median([sys.executable, "-c", EMPTY_WINDOW], env, "window-shown")
        source = _median([sys.executable, str(ENTRY)], probe, "window-shown")
        source_check = _self_check([sys.executable, str(ENTRY)], env)
        rows.append(
            _row("start to first window, from source", source, "<= 0.5 s", empty, "empty Qt window")
        )
        # The windowed Windows program has no stdout; the console one is the same program.
        window_exe = _packaged("realname-desktop-cli" if WINDOWS else "realname-desktop")
        if not window_exe.exists():
            print(
                f"bench_packaged: no build at {BUNDLE} (run `make build`); packaged rows skipped",
                file=sys.stderr,
            )
            if source_check is not None:
                rows.append(_row("--self-check, from source", source_check, "", None, ""))
            return rows
        packaged = _median([str(window_exe)], probe, "window-shown")
        packaged_check = _self_check([str(_packaged("realname-desktop-cli"))], env)
    rows.append(
        _row("start to first window, packaged", packaged, "<= 2 s", source, "the same from source")
    )
    if packaged_check is not None:
        rows.append(
            _row("--self-check, packaged", packaged_check, "", source_check, "the same from source")
        )
    size = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    rows.append(
        {
            "name": "bundle size on disk",
            "figure": size / 2**20,
            "unit": "MiB",
            "target": "lean",
            "limit": None,
            "limit_name": "",
        }
    )
    return rows


def _row(
    name: str, seconds: float, target: str, limit: float | None, limit_name: str
) -> dict[str, Any]:
    return {
        "name": name,
        "figure": seconds,
        "unit": "s",
        "target": target,
        "limit": limit,
        "limit_name": limit_name,
    }


if __name__ == "__main__":
    for result in run():
        print(result)
