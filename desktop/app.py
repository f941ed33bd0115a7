"""``realname-desktop``: the window, or a headless command (DESIGN.md section 6)."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.cli import add_commands, run
from desktop.store.accounts import ENV_DATA_DIR, default_data_dir
from sync.version import __version__

EXIT_NOT_BUILT = 1


def parser() -> argparse.ArgumentParser:
    """The command line: ``[--data-dir DIR] [COMMAND]``."""
    p = argparse.ArgumentParser(
        prog="realname-desktop",
        description="残疾人就业和职业培训实名制 — field client (no command: open the window)",
    )
    p.add_argument(
        "--data-dir", type=Path, help=f"the data folder (default: ${ENV_DATA_DIR}, else ~)"
    )
    p.add_argument("--version", action="version", version=f"realname-desktop {__version__}")
    p.add_argument("--self-check", action="store_true", help="check the installation and exit")
    add_commands(p)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run; the process exit code."""
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    data_dir: Path = args.data_dir or default_data_dir()
    if args.self_check:
        # TODO(issue 5): check resources, keyring, SQLCipher, Qt platform and report.
        print("--self-check is not built yet (issue 5).", file=sys.stderr)
        return EXIT_NOT_BUILT
    if args.command is None:
        return _window(data_dir)
    return run(args, data_dir)


def _window(data_dir: Path) -> int:
    # Qt loads only here, so the headless commands start fast and run without a display.
    try:
        ui = importlib.import_module("desktop.ui.launch")
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("desktop.ui"):
            raise  # a missing dependency of a built window is a bug to report, not hide
        ui = None
    start = getattr(ui, "run", None)
    if start is None:
        print(
            "The window is not built yet (窗口尚未完成); use a command, see --help.",
            file=sys.stderr,
        )
        return EXIT_NOT_BUILT
    code: int = start(data_dir)
    return code


if __name__ == "__main__":
    sys.exit(main())
