"""``reset-password NAME [--output PATH]``: a new one-time password for an account."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sync.central.account_admin import reset_password
from sync.central.db import migrated
from sync.central.private_files import private_dir, private_new_file
from sync.central.settings import Settings


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "reset-password", help="give an account a new one-time password (its tokens end)"
    )
    parser.add_argument("name")
    parser.add_argument(
        "--output",
        type=Path,
        help="write the one-time password to this file (owner-only) instead of the screen",
    )
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Reset the password; the one-time password goes to the screen or ``--output`` only."""
    private_dir(settings.data_dir)
    with migrated(settings.database_url) as engine:
        password = reset_password(engine, settings, None, args.name)
    if args.output is not None:
        private_new_file(args.output).write_text(f"{args.name}\t{password}\n", encoding="utf-8")
        print(f"{args.name}: one-time password written to {args.output}")
    else:
        print(f"{args.name}: one-time password {password} (to be changed at the next login)")
    return 0
