"""The locks in requirements/ against pyproject.toml and uv.lock they are written from.

Fails when a dependency is added or tightened in pyproject.toml without `make lock`, when a
pinned package lacks its hashes, and when the centre's server stack reaches the laptop's locks.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCKS = ROOT / "requirements"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
UV_LOCK = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
NAME = canonicalize_name(PROJECT["name"])

# Which lock installs which parts of pyproject.toml (the project's extras named there).
LOCK_PARTS: dict[str, tuple[str, ...]] = {
    "desktop.lock": (),
    "test.lock": ("test",),
    "build.lock": ("build",),
}
# The server stack, named so the closure below is known to catch it.
SERVER_STACK = {"fastapi", "starlette", "uvicorn", "uvloop", "alembic", "psycopg", "python-docx"}

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def _pins(lock: str) -> dict[str, tuple[Version, int]]:
    """Package name -> (pinned version, number of hashes) of one lock file."""
    pins: dict[str, tuple[Version, int]] = {}
    current = ""
    for line in (LOCKS / lock).read_text(encoding="utf-8").splitlines():
        if match := _PIN.match(line):
            current = canonicalize_name(match.group(1))
            assert current not in pins, f"{lock}: {current} pinned twice"
            pins[current] = (Version(match.group(2)), 0)
        elif line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
        elif line and not line.startswith(("#", " ")):
            pytest.fail(f"{lock}: not an exact pin: {line!r}")
    return pins


def _declared(extras: tuple[str, ...]) -> list[Requirement]:
    """The requirements of the project's dependencies plus ``extras``, self-references expanded."""
    wanted: list[Requirement] = [Requirement(text) for text in PROJECT["dependencies"]]
    todo = list(extras)
    seen: set[str] = set()
    while todo:
        extra = todo.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for text in PROJECT["optional-dependencies"][extra]:
            requirement = Requirement(text)
            if canonicalize_name(requirement.name) == NAME:
                todo.extend(requirement.extras)
            else:
                wanted.append(requirement)
    return wanted


def _closure(seeds: list[tuple[str, tuple[str, ...]]]) -> set[str]:
    """Every package of uv.lock that ``seeds`` (name, extras) pull in."""
    packages = {entry["name"]: entry for entry in UV_LOCK["package"]}
    found: set[str] = set()
    todo = list(seeds)
    while todo:
        name, extras = todo.pop()
        entry = packages[canonicalize_name(name)]
        edges = list(entry.get("dependencies", []))
        for extra in extras:
            edges += entry.get("optional-dependencies", {}).get(extra, [])
        key = name if not extras else f"{name}[{','.join(extras)}]"
        if key in found:
            continue
        found.add(key)
        found.add(canonicalize_name(name))
        todo += [(edge["name"], tuple(edge.get("extra", ()))) for edge in edges]
    return {name for name in found if "[" not in name} - {NAME}


@pytest.mark.parametrize("lock", sorted(LOCK_PARTS))
def test_every_declared_dependency_is_pinned_within_its_range(lock: str) -> None:
    pins = _pins(lock)
    missing = []
    for requirement in _declared(LOCK_PARTS[lock]):
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None or pinned[0] not in requirement.specifier:
            missing.append(f"{requirement} (locked: {pinned[0] if pinned else 'none'})")
    assert missing == [], f"run `make lock`: {lock} does not satisfy {missing}"


@pytest.mark.parametrize("lock", sorted(LOCK_PARTS))
def test_every_pin_carries_hashes_and_matches_uv_lock(lock: str) -> None:
    locked = [entry for entry in UV_LOCK["package"] if "version" in entry]  # not the project
    versions = {entry["name"]: Version(entry["version"]) for entry in locked}
    pins = _pins(lock)
    assert {name for name, (_, hashes) in pins.items() if hashes == 0} == set()
    assert {name: version for name, (version, _) in pins.items()} == {
        name: versions[name] for name in pins
    }


@pytest.mark.parametrize("lock", sorted(LOCK_PARTS))
def test_each_lock_holds_exactly_what_its_parts_pull_in(lock: str) -> None:
    extras = LOCK_PARTS[lock]
    seeds = [(NAME, extras)]
    assert set(_pins(lock)) == _closure(seeds)


def test_the_laptop_locks_name_none_of_the_centres_packages() -> None:
    centre_only = _closure([(NAME, ("central",))]) - _closure([(NAME, ())])
    assert centre_only >= SERVER_STACK
    for lock in ("desktop.lock", "build.lock"):
        assert set(_pins(lock)) & centre_only == set(), lock
    assert set(_pins("test.lock")) >= centre_only


def test_the_test_extra_brings_the_centre() -> None:
    assert f"{PROJECT['name']}[central]" in PROJECT["optional-dependencies"]["test"]


def test_realname_central_names_the_missing_extra() -> None:
    # As on a laptop installed without the `central` extra: fastapi cannot be imported.
    code = (
        "import sys; sys.modules['fastapi'] = None\n"
        "from sync.central.entry import main\n"
        "sys.exit(main(['--help']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "realname-central：缺少中心端依赖 fastapi（属于可选依赖组 “central”）。"
        "请先安装：pip install 'realname-registry[central]'\n"
    )
    assert PROJECT["scripts"]["realname-central"] == "sync.central.entry:main"


def test_realname_central_runs_the_command_line_with_the_extra() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sync.central.entry", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: realname-central")
