"""``disable-user NAME``: the account cannot log in, and its tokens stop working at once."""

from __future__ import annotations

import argparse
from typing import Any

from sync.central.account_admin import disable_user
from sync.central.db import migrated
from sync.central.private_files import private_dir
from sync.central.settings import Settings


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "disable-user", help="disable an account (its tokens stop working)"
    )
    parser.add_argument("name")
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Disable the account."""
    private_dir(settings.data_dir)
    with migrated(settings.database_url) as engine:
        disable_user(engine, None, args.name)
    print(f"{args.name}: disabled")
    return 0
