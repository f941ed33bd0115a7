"""The entry point's own options, in a subprocess as an installed script runs them."""

from __future__ import annotations

from pathlib import Path

from sync.version import __version__
from tests.helpers.client import KeyringFile, run_desktop


def test_version_self_check_and_usage(tmp_path: Path, test_keyring: KeyringFile) -> None:
    version = run_desktop(tmp_path, "--version", env=test_keyring.env)
    assert version.returncode == 0
    assert version.stdout.strip() == f"realname-desktop {__version__}"

    # The self-check must work where the OS has no keyring at all.
    no_keyring = {**test_keyring.env, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    check = run_desktop(tmp_path, "--self-check", env=no_keyring)
    assert check.returncode == 0, check.stdout + check.stderr
    lines = check.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("self-check ok:")
    assert __version__ in lines[0]

    usage = run_desktop(tmp_path, "sync", "--no-such-option", env=test_keyring.env)
    assert usage.returncode == 2
    assert "usage: realname-desktop" in usage.stderr
