"""``list-devices NAME``: the devices an account logged in from, to find one to revoke."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sync.central.account_admin import list_accounts
from sync.central.db import migrated
from sync.central.private_files import private_dir
from sync.central.problems import NotFound
from sync.central.settings import Settings


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "list-devices", help="the devices an account logged in from (for revoke-device)"
    )
    parser.add_argument("name")
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print one JSON object: the account's state and its devices, last seen first."""
    private_dir(settings.data_dir)
    with migrated(settings.database_url) as engine:
        found = [a for a in list_accounts(engine, None) if a.username == args.name]
    if not found:
        raise NotFound(f"username: 没有账户 {args.name!r}")
    account = found[0]
    devices = [
        {
            "device_id": d.device_id,
            "first_seen_at": d.first_seen_at.isoformat(),
            "last_seen_at": d.last_seen_at.isoformat(),
            "app_version": d.app_version,
            "revoked_at": d.revoked_at.isoformat() if d.revoked_at else None,
            "wipe": d.wipe,
        }
        for d in account.devices
    ]
    summary = {
        "username": account.username,
        "disabled": account.disabled,
        "must_change_password": account.must_change_password,
        "devices": devices,
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0
