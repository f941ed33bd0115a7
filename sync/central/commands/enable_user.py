"""``enable-user NAME``: an account disabled by mistake may log in again (its old tokens
stay revoked: its laptops log in again)."""

from __future__ import annotations

import argparse
from typing import Any

from sync.central.account_admin import enable_user
from sync.central.db import migrated
from sync.central.private_files import private_dir
from sync.central.settings import Settings


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "enable-user", help="enable a disabled account again (its laptops log in again)"
    )
    parser.add_argument("name")
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Enable the account."""
    private_dir(settings.data_dir)
    with migrated(settings.database_url) as engine:
        enable_user(engine, None, args.name)
    print(f"{args.name}: enabled")
    return 0
