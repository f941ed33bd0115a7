"""The bundle's recipe, checked without running PyInstaller (build_scripts/ci_package_check.sh
builds it for real): every resource is named and shipped, resources load through
importlib.resources, the modules left out are never imported, and the entry script works."""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from types import ModuleType

import orjson
import pytest

from sync.contract import default_rules
from sync.contract.resource_files import read_resource_text
from sync.version import __version__

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build_scripts"
SPEC = (BUILD / "realname.spec").read_text(encoding="utf-8")


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BUILD / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


contents = _load("bundle_contents")
entry = _load("entry_desktop")


def test_every_resource_folder_and_file_is_named_for_the_bundle() -> None:
    base = ROOT / "resources"
    on_disk = {p.name for p in base.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert on_disk == set(contents.RESOURCE_FOLDERS)
    top_files = {p.name for p in base.iterdir() if p.is_file() and p.suffix not in {".py", ".pyc"}}
    assert top_files == set(contents.RESOURCE_FILES)


def test_the_bundle_ships_every_resource_file_where_importlib_finds_it() -> None:
    shipped = {(Path(src).resolve(), dest) for src, dest in contents.resource_datas()}
    base = ROOT / "resources"
    for path in base.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in {".py", ".ts"}:
            continue
        dest = (Path("resources") / path.parent.relative_to(base)).as_posix()
        assert (path.resolve(), dest) in shipped, path
    for src, _ in contents.resource_datas():
        assert Path(src).is_file(), src


def test_the_spec_takes_its_contents_from_the_checked_module() -> None:
    compile(SPEC, "realname.spec", "exec")  # the spec is valid Python
    for used in (
        "contents.resource_datas()",
        "contents.excluded_modules()",
        "contents.HIDDEN_IMPORTS",
        "contents.program_modules()",
        "contents.keep_binary",
        "contents.keep_qt_data",
        "contents.version()",
        "entry_desktop.py",
        '"realname-desktop", console=False',
        '"realname-desktop-cli", console=True',
        "app.ico",
        "X utf8_mode=1",
    ):
        assert used in SPEC, used
    assert "build_scripts/realname.spec" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_resources_load_through_importlib_resources() -> None:
    rules = default_rules()
    assert rules.version
    assert orjson.loads(read_resource_text("codelists.json"))
    regions = read_resource_text("reference/gansu_regions.csv").splitlines()
    assert regions[0].startswith("code,name")
    assert len(regions) > 1_400
    icons = files("resources").joinpath("icons")
    assert icons.joinpath("app.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert icons.joinpath("app.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def _imported_modules(folder: Path) -> dict[str, set[str]]:
    """Every module imported anywhere (also inside functions) by the files under ``folder``."""
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("folder", ["desktop", "sync/contract", "sync/client"])
def test_nothing_the_field_program_runs_imports_what_the_bundle_leaves_out(folder: str) -> None:
    left_out = contents.excluded_modules()
    imported = _imported_modules(ROOT / folder)
    clashes = {
        name: sorted(paths)
        for name, paths in imported.items()
        for gone in left_out
        if name == gone or name.startswith(gone + ".")
    }
    assert clashes == {}


def test_the_resources_package_is_bundled_as_a_package() -> None:
    # Nothing imports it by name; unnamed, it would reach the bundle as a namespace package.
    assert "resources" in contents.HIDDEN_IMPORTS
    assert (ROOT / "resources" / "__init__.py").is_file()


def test_the_hidden_imports_exist_here() -> None:
    for name in (*contents.HIDDEN_IMPORTS, *contents.optional_hidden_imports()):
        assert importlib.util.find_spec(name) is not None, name


def test_every_desktop_module_is_listed_for_the_bundle() -> None:
    modules = set(contents.program_modules())
    assert {"desktop", "desktop.app", "desktop.selfcheck", "desktop.ui.launch"} <= modules
    assert "desktop.store.schema" in modules
    assert {"sync.client.transport", "sync.client.credentials", "sync.version"} <= modules
    assert not any(name.startswith("sync.central") for name in modules)
    assert not any("__init__" in name or "__pycache__" in name for name in modules)


def test_the_version_has_one_home() -> None:
    assert contents.version() == __version__
    assert contents.windows_version_tuple("0.1.0") == (0, 1, 0, 0)
    assert contents.windows_version_tuple("1.2.3rc1") == (1, 2, 3, 0)
    assert contents.windows_version_tuple("2.10.0.7.9") == (2, 10, 0, 7)


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6\\plugins\\platforminputcontexts\\qtvirtualkeyboardplugin.dll", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6\\plugins\\imageformats\\qpdf.dll", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("libQt6Qml.so.6", False),
        ("PySide6\\Qt6Pdf.dll", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6\\Qt6Gui.dll", True),
        ("sqlcipher3/_sqlite3.cpython-311-x86_64-linux-gnu.so", True),
    ],
)
def test_only_unused_qt_parts_are_dropped(path: str, kept: bool) -> None:
    assert contents.keep_binary(path) is kept


def test_qt_translations_are_pruned_to_the_languages_shown() -> None:
    assert contents.keep_qt_data("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert contents.keep_qt_data("PySide6/Qt/translations/qtbase_en.qm")
    assert not contents.keep_qt_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not contents.keep_qt_data("PySide6/Qt/translations/qt_help_ja.qm")
    assert contents.keep_qt_data("resources/translations/realname_zh_CN.qm")
    assert contents.keep_qt_data("certifi/cacert.pem")


def _entry(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BUILD / "entry_desktop.py"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_the_entry_script_runs_the_program_from_source() -> None:
    done = _entry("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"realname-desktop {__version__}"


def test_the_translations_the_window_loads_are_shipped() -> None:
    translations = files("resources").joinpath("translations")
    names = [item.name for item in translations.iterdir()]
    assert "realname_zh_CN.qm" in names
    # A compiled Qt translation starts with Qt's magic number.
    qm = translations.joinpath("realname_zh_CN.qm").read_bytes()
    assert qm[:16] == bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")


def test_the_start_up_probe_reports_the_first_window(tmp_path: Path) -> None:
    done = _entry(
        QT_QPA_PLATFORM="offscreen",
        REALNAME_DATA_DIR=str(tmp_path / "data"),
        REALNAME_UI_PREFERENCES=str(tmp_path / "desktop.ini"),
        **{entry.ENV_STARTUP_PROBE: "1"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("window-shown "), done.stdout


def test_the_start_up_benchmark_runs_without_a_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench import bench_packaged

    monkeypatch.setattr(bench_packaged, "RUNS", 1)
    monkeypatch.setattr(bench_packaged, "BUNDLE", tmp_path / "no-build")
    rows = bench_packaged.run()
    assert rows[0]["name"] == "start to first window, from source"
    assert 0 < rows[0]["limit"] < rows[0]["figure"] < 60  # the empty window is the floor
    assert "packaged rows skipped" in capsys.readouterr().err
