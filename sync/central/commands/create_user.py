"""``create-user NAME --role ROLE --region CODE [--password-stdin]``."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from sync.central.accounts import ROLES, create_user
from sync.central.db import migrated
from sync.central.private_files import private_dir
from sync.central.problems import BadInput
from sync.central.settings import Settings


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser("create-user", help="create an account")
    parser.add_argument("name")
    parser.add_argument("--role", required=True, choices=ROLES)
    parser.add_argument("--region", required=True, help="region code of the account")
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Create the account (the database is migrated first)."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            raise BadInput("password: the two entries differ")
    private_dir(settings.data_dir)
    with migrated(settings.database_url) as engine:
        user = create_user(engine, settings, args.name, args.role, args.region, password)
    print(f"created {user.username} ({user.role}, {user.region_code})")
    return 0
