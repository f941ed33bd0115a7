"""The docs name the code as it is: every file, function and module they cite exists.

``docs/*.md`` and the README cite code in backticks: a path (``sync/central/push.py``, or
the tail of one, ``routers/sync.py``), optionally with a name defined there
(``bench/bench_ui.py:bench_start``), or a dotted module with an optional name in it
(``sync.central.stored.write``). A rename that leaves a page behind fails here, naming the
page and line.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
SOURCE_DIRS = (
    "sync",
    "desktop",
    "tests",
    "bench",
    "build_scripts",
    "deploy",
    "resources",
    "requirements",
    "docs",
)

_CITED = re.compile(r"`([^`\s]+)`")
_FILE = re.compile(
    # Files of the repository; a laptop's own files (desktop.ini, account.json) are not.
    r"(?P<path>[\w./-]+\.(?:py|qss|csv|ts|spec|sh|toml|lock|md))"
    r"(?::(?P<name>\w+)(?:\.\w+)?)?(?:\(\))?"
)
_MODULE = re.compile(r"(?P<dotted>(?:sync|desktop|tests|bench)(?:\.\w+)+)(?:\(\))?")


@cache
def _files() -> tuple[Path, ...]:
    found = [p for d in SOURCE_DIRS for p in (ROOT / d).rglob("*") if p.is_file()]
    return tuple(found + [p for p in ROOT.iterdir() if p.is_file()])


def _defines(path: Path, name: str) -> bool:
    """Whether ``path`` defines ``name`` (a def, a class, an assignment) or imports it."""
    pattern = re.compile(
        rf"^\s*(?:async\s+)?(?:def|class)\s+{name}\b|^\s*{name}\s*[:=]|^\s*(?:from|import)\s.*\b{name}\b",
        re.MULTILINE,
    )
    return bool(pattern.search(path.read_text(encoding="utf-8", errors="replace")))


def _file_problem(path: str, name: str | None) -> str | None:
    if path.startswith("/"):
        return None  # a URL path, not a file
    tail = "/" + path.lstrip("./")
    candidates = [f for f in _files() if ("/" + f.relative_to(ROOT).as_posix()).endswith(tail)]
    if not candidates:
        return f"no file {path}"
    if name and not any(_defines(f, name) for f in candidates):
        return f"{path} defines no {name}"
    return None


@cache
def _program_text() -> str:
    """The program's Python sources (not the tests, which spell out names that are not)."""
    programs = [p for d in ("sync", "desktop") for p in (ROOT / d).rglob("*.py")]
    return "\n".join(p.read_text(encoding="utf-8") for p in programs)


def _module_problem(dotted: str) -> str | None:
    if f'"{dotted}"' in _program_text():
        return None  # a name the code spells out whole: a logger's, say
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        base = ROOT.joinpath(*parts[:cut])
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                rest = parts[cut:]
                if rest and not _defines(candidate, rest[0]):
                    return f"{'.'.join(parts[:cut])} defines no {rest[0]}"
                return None
    return f"no module {dotted}"


def _problems(page: Path) -> list[str]:
    problems = []
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        for cited in _CITED.findall(line):
            problem = None
            if match := _FILE.fullmatch(cited):
                problem = _file_problem(match["path"], match["name"])
            elif match := _MODULE.fullmatch(cited):
                problem = _module_problem(match["dotted"])
            if problem:
                problems.append(f"{page.relative_to(ROOT)}:{number}: {problem}")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_cited_file_and_name_exists(page: Path) -> None:
    assert _problems(page) == []


def test_a_stale_citation_is_caught() -> None:
    assert _file_problem("sync/central/push.py", "push") is None
    assert _file_problem("routers/sync.py", None) is None  # the tail of a path
    assert _file_problem("sync/central/push.py", "no_such_function") is not None
    assert _file_problem("sync/central/gone.py", None) == "no file sync/central/gone.py"
    assert _module_problem("sync.central.stored.write") is None
    assert _module_problem("sync.central.stored.no_such_name") is not None
    assert _module_problem("sync.central.gone") is not None
    assert _module_problem("sync.central.access") is None  # the access log's logger


# A reference to the design document the project was started from ("DESIGN section 9",
# "the DESIGN target"): a maintainer of this repository does not have it. The targets,
# the protocol and the indicators are in docs/.
_OUTSIDE_DESIGN = re.compile(r"\bDESIGN(?:\.md)?\b")


_TEXT_SUFFIXES = (".py", ".md", ".toml", ".sh", ".cfg", ".ini")


def _outside_references() -> list[str]:
    found = []
    for path in _files():
        if path == Path(__file__) or not (path.suffix in _TEXT_SUFFIXES or path.name == "Makefile"):
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        for number, line in enumerate(lines, 1):
            if _OUTSIDE_DESIGN.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    return found


def test_nothing_points_at_a_design_document_outside_the_repository() -> None:
    assert _outside_references() == []
