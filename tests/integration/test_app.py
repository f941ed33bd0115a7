"""The entry point's own options, in a subprocess as an installed script runs them."""

from __future__ import annotations

from pathlib import Path

from sync.version import __version__
from tests.helpers.client import KeyringFile, run_desktop


def test_version_self_check_and_usage(tmp_path: Path, test_keyring: KeyringFile) -> None:
    version = run_desktop(tmp_path, "--version", env=test_keyring.env)
    assert version.returncode == 0
    assert version.stdout.strip() == f"realname-desktop {__version__}"

    check = run_desktop(tmp_path, "--self-check", env=test_keyring.env)
    assert check.returncode == 1
    assert "not built yet" in check.stderr

    usage = run_desktop(tmp_path, "sync", "--no-such-option", env=test_keyring.env)
    assert usage.returncode == 2
    assert "usage: realname-desktop" in usage.stderr
