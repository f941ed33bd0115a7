"""Translations: every string the screens show has Chinese; the .qm is built from the .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.translation import install, qm_bytes

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "realname_zh_CN.ts"
QM = ROOT / "resources" / "translations" / "realname_zh_CN.qm"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing (it comes with PySide6)")
    return path


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str, str]]:
    found = {}
    for context in ET.parse(ts).getroot():
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = (
                translation.text or "",
                translation.get("type", ""),
            )
    return found


def test_every_string_in_the_screens_has_a_chinese_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = [str(p) for p in sorted((ROOT / "desktop" / "ui").glob("*.py"))]
    sources.append(str(ROOT / "desktop" / "selfcheck.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    wanted = set(_messages(fresh))
    committed = _messages(TS)
    missing = sorted(k for k in wanted if k not in committed or not committed[k][0])
    unfinished = sorted(k for k in wanted if k in committed and committed[k][1] == "unfinished")
    assert not missing, f"no translation in {TS.name} (run pyside6-lupdate): {missing}"
    assert not unfinished, f"unfinished in {TS.name}: {unfinished}"
    assert len(wanted) > 100


def test_the_compiled_translation_is_the_one_of_the_ts_file(tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(built)], check=True, capture_output=True
    )
    assert built.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on the .ts and commit"
    assert qm_bytes() == QM.read_bytes()  # what the program loads through importlib.resources


def test_chinese_is_installed_and_shown(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install(app)
    try:
        assert app.translate("MainWindow", "Entry") == "录入"
        assert app.translate("State", "synced") == "已同步"
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    assert app.translate("MainWindow", "Entry") == "Entry"
