"""The program starts without the sync machinery: httpx and pydantic load at the first sync,
cryptography at the first password, Qt Charts when the statistics tab is first shown, the
headless commands only when one is given; 统计, 抽查 and the staff's 审核, 账号 and 进度
pages when first shown, 导入名单 when first opened. Once the window is up, the HTTP client
still waits: the centre's first probe loads it after the window's first reads.

Importing them cost about 190 ms of a 0.6 s start (docs/architecture.md asks for 0.5 s);
the commands, through the entry point, another 140 ms.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.client import KeyringFile, make_local_account

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


# The window as the program starts it, on an open account: what is loaded once the record
# list has its first page (the worker's window is usable).
_WINDOW_PROBE = """
import os, sys
from pathlib import Path
from desktop.store import open_account
from desktop.ui.launch import application
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.preferences import Preferences
from desktop.ui.workspace import Workspace
app = application(["probe"])
root = Path(sys.argv[1])
window = MainWindow(Workspace(open_account(root), Operations()), Preferences(root / "ui.ini"))
def listed():
    print("listed:", "httpx" in sys.modules, "pydantic" in sys.modules, flush=True)
    os._exit(0)
window.records.model.modelReset.connect(listed)
window.show()
window.start()
app.exec()
"""


def test_the_window_lists_its_records_before_the_http_client_loads(
    tmp_path: Path, test_keyring: KeyringFile
) -> None:
    # The centre's first probe (which loads httpx and pydantic) waits for the first reads.
    make_local_account(tmp_path / "laptop").close()
    env = {
        **os.environ,
        **test_keyring.env,
        "QT_QPA_PLATFORM": "offscreen",
        "REALNAME_UI_PREFERENCES": str(tmp_path / "ui.ini"),
    }
    result = subprocess.run(
        [sys.executable, "-c", _WINDOW_PROBE, str(tmp_path / "laptop")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.splitlines() == ["listed: False False"]


@pytest.mark.parametrize("module_name", ["desktop.store", "sync.client"])
def test_an_unknown_name_is_still_an_attribute_error(module_name: str) -> None:
    module = importlib.import_module(module_name)
    with pytest.raises(AttributeError, match="NoSuchName"):
        getattr(module, "NoSuchName")  # noqa: B009
