"""``--self-check``: one line, exit 0, without any OS keyring."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_self_check_passes_on_a_machine_without_a_keyring(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    # The "fail" backend raises on any use: the check must never touch the keyring.
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["HOME"] = str(tmp_path)
    env.pop("DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-c", "import desktop.selfcheck as s; raise SystemExit(s.run())"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("self-check ok: version ")
    for part in ("rules ", "sqlcipher 4.", "Qt 6.", "zh_CN"):
        assert part in lines[0]
    assert list(tmp_path.iterdir()) == []  # nothing left behind in the home folder
