"""``realname-desktop``: the window, or a headless command (docs/protocol.md)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.commands import add_commands
from desktop.store.accounts import ENV_DATA_DIR, default_data_dir
from sync.version import __version__


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
        from desktop import selfcheck

        return selfcheck.run()
    if args.command is None:
        return _window(data_dir)
    from desktop.cli import run

    return run(args, data_dir)


def _window(data_dir: Path) -> int:
    # Qt loads only here, so the headless commands start fast and run without a display.
    from desktop.ui import launch

    return launch.run(data_dir)


if __name__ == "__main__":
    sys.exit(main())
