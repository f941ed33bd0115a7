"""Resources load through importlib.resources from an installed package, not the checkout.

The project is installed (as pip installs a wheel) into a temporary folder, and a Python
that sees only that folder and the standard library, started elsewhere, loads the rules,
the region tree and the code lists.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import importlib.resources, json, sys
sys.path.insert(0, sys.argv[1])
import sync.contract
from sync.contract import default_rules, validate
from sync.contract.codes import code_lists
from sync.contract.regions import default_tree
from sync.contract.samples import sample_records
tree = default_tree()
record = sample_records(1)[0]
print(json.dumps({
    "package": sync.contract.__file__,
    "resources": str(importlib.resources.files("resources")),
    "rules_version": default_rules().version,
    "rules": len(default_rules().rules),
    "regions": len(tree.all()),
    "code_lists": sorted(code_lists()),
    "errors": [f.rule_id for f in validate(record) if f.severity == "error"],
}))
"""


@pytest.mark.slow
def test_resources_load_from_an_installed_package(tmp_path: Path) -> None:
    # Build from a copy, so that the build leaves nothing in the checkout.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("sync", "desktop", "resources"):
        shutil.copytree(ROOT / package, source / package, ignore=ignore)
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-compile", "--target", str(target), str(source)],
        check=True, capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # -I -S: no site-packages, no current folder, no PYTHON* variables: only the install.
    probe = subprocess.run(
        [sys.executable, "-I", "-S", "-c", PROBE, str(target)],
        check=False, capture_output=True, text=True, cwd=elsewhere, timeout=60,
    )  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout)
    assert Path(found["package"]).is_relative_to(target)
    assert Path(found["resources"]).is_relative_to(target)
    shipped = json.loads((ROOT / "resources/rules/rules.json").read_text(encoding="utf-8"))
    assert found["rules_version"] == shipped["version"]
    assert found["rules"] > 40
    assert found["regions"] == 1 + 14 + 88 + 1403
    assert "disability_category" in found["code_lists"]
    assert found["errors"] == []
