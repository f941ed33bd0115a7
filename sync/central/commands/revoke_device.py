"""``revoke-device DEVICE_ID [--wipe]``: cut a laptop off; ``--wipe`` for one that is lost."""

from __future__ import annotations

import argparse
from typing import Any

from sync.central.account_admin import revoke_device
from sync.central.db import migrated
from sync.central.private_files import private_dir
from sync.central.settings import Settings


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "revoke-device", help="revoke a device: its tokens stop working, its logins are refused"
    )
    parser.add_argument("device_id")
    parser.add_argument(
        "--wipe",
        action="store_true",
        help="lost or stolen: the laptop erases the account's local data when next told",
    )
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Revoke the device for every account it logged in to."""
    private_dir(settings.data_dir)
    with migrated(settings.database_url) as engine:
        held = revoke_device(engine, None, args.device_id, wipe=args.wipe)
    what = "revoked, to be wiped" if args.wipe else "revoked"
    print(f"{args.device_id}: {what} (accounts: {', '.join(held)})")
    return 0
