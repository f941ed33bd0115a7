"""The program starts without the sync machinery: httpx and pydantic load at the first sync,
cryptography at the first password, Qt Charts when the statistics tab is first shown, the
headless commands only when one is given; 统计, 抽查 and the staff's 审核, 账号 and 进度
pages when first shown, 导入名单 when first opened.

Importing them cost about 190 ms of a 0.6 s start (docs/architecture.md asks for 0.5 s);
the commands, through the entry point, another 140 ms.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import sys
# desktop.app first: the program's entry, whose command line parses before any window.
import desktop.app, desktop.ui.launch, desktop.ui.main_window, desktop.store
desktop.app.parser().parse_args([])
later = (
    "httpx", "pydantic", "sync.client.transport", "cryptography", "PySide6.QtCharts",
    "desktop.cli", "desktop.ui.review_view", "desktop.ui.accounts_view",
    "desktop.ui.progress_view", "desktop.ui.import_dialog", "desktop.ui.statistics_view",
    "desktop.ui.spotcheck_view",
)
heavy = sorted(m for m in later if m in sys.modules)
print("heavy:", ",".join(heavy))
from desktop.store import Synchronizer
from sync.client import CentralClient
print("later:", Synchronizer.__name__, CentralClient.__name__, "httpx" in sys.modules)
"""


def test_the_window_modules_do_not_import_the_http_client() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "heavy: "
    # The names are still there, loaded on first use.
    assert lines[1] == "later: Synchronizer CentralClient True"


@pytest.mark.parametrize("module_name", ["desktop.store", "sync.client"])
def test_an_unknown_name_is_still_an_attribute_error(module_name: str) -> None:
    module = importlib.import_module(module_name)
    with pytest.raises(AttributeError, match="NoSuchName"):
        getattr(module, "NoSuchName")  # noqa: B009
