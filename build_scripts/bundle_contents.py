"""What goes into the field bundle, kept apart from the spec so that tests can read it.

The PyInstaller spec (realname.spec) imports this module; tests/test_packaging.py checks it
against the source tree without running PyInstaller. Nothing here imports PyInstaller.
"""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"

# Every folder of the ``resources`` package the program reads through importlib.resources.
# A new folder must be named here, or tests/test_packaging.py fails: the bundle would
# otherwise ship without it and break only on an administrator's laptop.
RESOURCE_FOLDERS: tuple[str, ...] = (
    "rules",
    "reference",
    "translations",
    "icons",
    "passwords",
    "styles",
)
# Files directly in resources/ (beside __init__.py).
RESOURCE_FILES: tuple[str, ...] = ("codelists.json",)

# Modules that are imported by name at run time, which PyInstaller's import scan cannot see.
HIDDEN_IMPORTS: tuple[str, ...] = (
    # Read only through importlib.resources.files("resources"), never imported: without its
    # __init__ in the bundle it becomes a namespace package, whose files() is a
    # MultiplexedPath (on Python 3.11 its joinpath takes one name, unlike a checkout's Path).
    "resources",
    # SQLAlchemy's pysqlcipher dialect imports its driver with __import__.
    "sqlalchemy.dialects.sqlite.pysqlcipher",
    "sqlcipher3",
    "sqlcipher3.dbapi2",
    # keyring finds its backends through entry points; name the ones the laptops use.
    "keyring.backends.Windows",
    "keyring.backends.SecretService",
    "keyring.backends.macOS",
    "keyring.backends.chainer",
    "keyring.backends.fail",
    "keyring.backends.null",
)

# Large Qt bindings the program does not use (the UI needs QtCore, QtGui, QtWidgets and at
# most QtNetwork, QtSvg, QtPrintSupport, QtCharts). tests/test_packaging.py fails if any
# of these is imported under desktop/, so the list can never break the program.
UNUSED_QT: tuple[str, ...] = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtBluetooth",
    "QtCanvasPainter",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLabsStyleKit",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtQml",
    "QtQmlFeatures",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
)

# The central endpoint and its server stack stay out of the field bundle: laptops run
# realname-desktop only. tests/test_packaging.py checks desktop/ never imports them.
CENTRAL_ONLY: tuple[str, ...] = (
    "sync.central",
    "fastapi",
    "starlette",
    "uvicorn",
    "alembic",
    "psycopg",
    "psycopg_binary",
    "psycopg_pool",
)
# Optional extras other libraries try to import: anyio tries uvloop, openpyxl tries Pillow
# (pictures in sheets) and lxml (faster XML), httpx its own command-line tool (click, rich
# and pygments: some 500 modules, and 40 ms at the first sync). The program works without.
OPTIONAL_EXTRAS: tuple[str, ...] = (
    "uvloop",
    "PIL",
    "lxml",
    "numpy",
    "pandas",
    "httpx._main",
    "click",
    "rich",
    "pygments",
    "markdown_it",
)
# Test and development tools that some libraries import optionally.
DEVELOPMENT_ONLY: tuple[str, ...] = (
    "pytest",
    "_pytest",
    "hypothesis",
    "mypy",
    "IPython",
    "tkinter",
    "unittest.mock",
)

# Qt plugins PyInstaller collects with QtGui that the program never loads, and the Qt
# libraries only they need: the on-screen keyboard drags in all of Qt Quick and QML, the
# PDF image format all of Qt PDF (together about 25 MB). The GTK 3 theme needs GTK, which
# the bundle does not carry: without it Qt draws its own style instead of a broken plugin.
UNUSED_QT_PLUGINS: tuple[str, ...] = ("qtvirtualkeyboardplugin", "qpdf", "qgtk3")
UNUSED_QT_LIBRARIES: tuple[str, ...] = ("Qt6VirtualKeyboard", "Qt6Quick", "Qt6Qml", "Qt6Pdf")

# Qt's own translations: only Chinese and English are shown; the others are 60 MB.
QT_TRANSLATION_KEEP: tuple[str, ...] = ("_zh_CN.qm", "_en.qm")


def version() -> str:
    """The program's version, from its one home in sync/version.py."""
    return str(runpy.run_path(str(ROOT / "sync" / "version.py"))["__version__"])


def windows_version_tuple(text: str) -> tuple[int, int, int, int]:
    """``0.1.0`` as the four numbers a Windows version resource holds (non-digits end a part)."""
    numbers: list[int] = []
    for part in text.split(".")[:4]:
        digits = ""
        for char in part:
            if not char.isdigit():
                break
            digits += char
        numbers.append(int(digits or 0))
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def optional_hidden_imports() -> list[str]:
    """Modules bundled only when the build machine has them installed.

    keyrings.alt gives machines without an OS keyring (headless Linux, CI) a file keyring
    that PYTHON_KEYRING_BACKEND selects (docs/architecture.md); laptops use their OS keyring.
    The `build` extra (requirements/build.lock) installs it for the bundle.
    """
    import importlib.util

    wanted = ["keyrings.alt.file"]
    return [name for name in wanted if importlib.util.find_spec(name.split(".")[0]) is not None]


# Packages of the field program whose modules are imported by name (the UI and the
# self-check by desktop/app.py, the client's transport on first use through a module
# __getattr__), which PyInstaller's import scan cannot follow: all their modules are bundled.
# sync/contract is left to the scan: it imports nothing by name. Of its report renderers the
# laptops use the xlsx (openpyxl) and PDF (reportlab) ones; the docx one (python-docx) is the
# centre's, and python-docx is in the `central` extra, which the bundle's venv (built from
# requirements/build.lock) does not hold.
PROGRAM_PACKAGES: tuple[str, ...] = ("desktop", "sync/client")


def program_modules() -> list[str]:
    """Every module of PROGRAM_PACKAGES (and sync.version), found on disk, not by importing."""
    names: list[str] = ["sync", "sync.version"]
    for package in PROGRAM_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            names.append(".".join(parts))
    return names


def excluded_modules() -> list[str]:
    """Every module the analysis must leave out."""
    qt = [f"PySide6.{name}" for name in UNUSED_QT]
    return [*qt, *CENTRAL_ONLY, *OPTIONAL_EXTRAS, *DEVELOPMENT_ONLY]


def resource_datas() -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for every data file of the named resources.

    Python files are left to the import analysis; caches and editor leftovers are skipped.
    """
    datas: list[tuple[str, str]] = []
    for name in RESOURCE_FILES:
        datas.append((str(RESOURCES / name), "resources"))
    for folder in RESOURCE_FOLDERS:
        base = RESOURCES / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            if not path.is_file() or not _shipped(path):
                continue
            target = Path("resources") / path.parent.relative_to(RESOURCES)
            datas.append((str(path), target.as_posix()))
    return datas


def _shipped(path: Path) -> bool:
    if "__pycache__" in path.parts or path.suffix in {".py", ".pyc"}:
        return False
    # .ts files are translation sources; the program loads the compiled .qm files.
    return path.suffix != ".ts" and not path.name.startswith(".")


def keep_qt_data(bundle_path: str) -> bool:
    """False for Qt files the field program never loads (other languages' translations)."""
    normalized = bundle_path.replace("\\", "/")
    if normalized.startswith("PySide6/Qt/translations/"):
        return normalized.endswith(QT_TRANSLATION_KEEP)
    return True


def keep_binary(bundle_path: str) -> bool:
    """False for the Qt plugins and libraries of UNUSED_QT_PLUGINS / UNUSED_QT_LIBRARIES."""
    name = bundle_path.replace("\\", "/").rsplit("/", 1)[-1]
    if "/plugins/" in bundle_path.replace("\\", "/"):
        return not any(part in name for part in UNUSED_QT_PLUGINS)
    return not any(name.startswith((part, "lib" + part)) for part in UNUSED_QT_LIBRARIES)
