"""The layers of docs/architecture.md point down; this test fails when an arrow turns."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_hold() -> None:
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _imports(paths: list[Path], pattern: str) -> list[str]:
    rx = re.compile(pattern, re.MULTILINE)
    return [str(p.relative_to(ROOT)) for p in paths if rx.search(p.read_text(encoding="utf-8"))]


def test_no_qt_below_the_ui() -> None:
    below = [*ROOT.joinpath("sync").rglob("*.py"), *ROOT.joinpath("desktop/store").rglob("*.py")]
    assert below, "the scan found no files: the layout moved"
    assert _imports(below, r"^\s*(from|import)\s+PySide6") == []


def test_sync_never_imports_desktop() -> None:
    assert _imports(list(ROOT.joinpath("sync").rglob("*.py")), r"^\s*(from|import)\s+desktop") == []


def test_centre_never_imports_the_client() -> None:
    central = list(ROOT.joinpath("sync/central").rglob("*.py"))
    assert _imports(central, r"^\s*(from|import)\s+sync\.client") == []
