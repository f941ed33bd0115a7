"""Issue 13, finding 6: a small XLSX file that unpacks to gigabytes is refused in seconds.

A 4 MB workbook with a huge shared-strings part took 7.9 GB in ``realname-desktop import
--dry-run`` and 2.7 GB in ``import-records``. The bomb here is made in the test: a valid
workbook whose shared-strings part is one short string repeated to 400 MB (about 1 MB on
disk). Before the guard, openpyxl parsed it for many minutes while memory grew; now every
way in refuses it from the archive's directory, with a clear message and no traceback:
``import-records`` and ``import-reference`` exit 2 (the file itself is unusable), so does
``realname-desktop import --dry-run``, and the import dialog shows the message.
"""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from sync.contract import xlsx_limits
from sync.contract.records_io import UnusableFileError, read_table, write_records
from sync.contract.samples import sample_records
from tests.helpers.central import CentralProcess
from tests.helpers.client import KeyringFile, make_local_account, run_desktop

UNPACKED = 400_000_000  # bytes of shared strings the bomb unpacks to
SECONDS = 20  # "in seconds": the guard reads only the zip directory
GIVE_UP = 90  # a run still going after this is the bomb at work: fail, do not wait

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        '<sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
    "xl/worksheets/sheet1.xml": (
        f'<worksheet xmlns="{_MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>2</v></c></row>'
        "</sheetData></worksheet>"
    ),
}


def make_bomb(path: Path) -> Path:
    """A valid workbook (header name, id_number) whose shared strings unpack to UNPACKED."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(
                f'<sst xmlns="{_MAIN}"><si><t>name</t></si><si><t>id_number</t></si>'.encode()
            )
            chunk = b"<si><t>a</t></si>" * 60_000
            for _ in range(UNPACKED // len(chunk)):
                part.write(chunk)
            part.write(b"</sst>")
    return path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = make_bomb(tmp_path_factory.mktemp("bomb") / "名单.xlsx")
    assert path.stat().st_size < 4_000_000  # a few MB on disk at most
    return path


def timed(
    command: list[str], env: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, env=env, check=False, timeout=GIVE_UP
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still reading the bomb after {GIVE_UP} s", pytrace=False)
    return result, time.monotonic() - started


def assert_refused(result: subprocess.CompletedProcess[str], seconds: float) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "名单.xlsx" in result.stderr
    assert "压缩比" in result.stderr
    assert "Traceback" not in result.stderr
    assert seconds < SECONDS


@pytest.fixture
def cli(tmp_path: Path) -> CentralProcess:
    data = tmp_path / "centre"
    data.mkdir()
    return CentralProcess(f"sqlite:///{data / 'c.sqlite3'}", data)


def central(cli: CentralProcess, *args: str) -> list[str]:
    return [sys.executable, "-m", "sync.central.cli", "--db", cli.db_url, *args]


@pytest.mark.parametrize("dry_run", [True, False])
def test_import_records_refuses_a_bomb_in_seconds(
    cli: CentralProcess, bomb: Path, dry_run: bool
) -> None:
    args = ["import-records", str(bomb), *(["--dry-run"] if dry_run else [])]
    assert_refused(*timed(central(cli, *args), cli.env))


def test_import_reference_refuses_a_bomb_in_seconds(cli: CentralProcess, bomb: Path) -> None:
    assert_refused(*timed(central(cli, "import-reference", "targets", str(bomb)), cli.env))


def test_laptop_import_dry_run_refuses_a_bomb_in_seconds(
    tmp_path: Path, test_keyring: KeyringFile, bomb: Path
) -> None:
    data = tmp_path / "laptop"
    make_local_account(data).close()
    started = time.monotonic()
    try:
        result = run_desktop(
            data, "import", str(bomb), "--dry-run", env=test_keyring.env, timeout=GIVE_UP
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still reading the bomb after {GIVE_UP} s", pytrace=False)
    assert_refused(result, time.monotonic() - started)


def test_import_dialog_shows_why_a_bomb_is_refused(
    qtbot: QtBot, window: MainWindow, bomb: Path
) -> None:
    dialog = window.import_list()
    dialog.file.setText(str(bomb))
    with qtbot.waitSignal(dialog.refused, timeout=SECONDS * 1000) as refused:
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    message = refused.args[0]
    assert "名单.xlsx" in message
    assert "压缩比" in message
    assert dialog.summary.text() == message
    assert not dialog.import_button.isEnabled()
    dialog.close()


def test_a_real_export_passes_and_each_limit_names_its_cause(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "导出.xlsx"
    records = sample_records(300, seed=9)
    write_records(path, records)
    assert xlsx_limits.xlsx_problem(path) is None
    header, rows = read_table(path)
    assert header[:2] == ["record_id", "name"]
    assert len(list(rows)) == sum(
        max(1, len(r.get("trainings") or [])) for r in records
    )  # one per training
    monkeypatch.setattr(xlsx_limits, "MAX_TOTAL_BYTES", 10_000)
    with pytest.raises(UnusableFileError, match="解压后共 1 MB，上限 1 MB"):
        read_table(path)
    monkeypatch.setattr(xlsx_limits, "MAX_TOTAL_BYTES", 10**9)
    monkeypatch.setattr(xlsx_limits, "MAX_WHOLE_PART_BYTES", 1_000)
    with pytest.raises(UnusableFileError, match=r"（xl/\w+/\w+\.xml 解压后 1 MB，上限 1 MB）"):
        read_table(path)
    damaged = tmp_path / "坏.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(UnusableFileError, match="not a readable XLSX file"):
        read_table(damaged)
