"""``disable-user NAME``: the account cannot log in, and its tokens stop working at once.
``enable-user NAME``: an account disabled by mistake may log in again (its old tokens stay
revoked: its laptops log in again).

The two are one switch of an account: one class serves both, and what each does to the
account is :mod:`sync.central.account_admin`'s, as for the API."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from sync.central import account_admin
from sync.central.db import migrated
from sync.central.private_files import private_dir
from sync.central.settings import Settings


@dataclass(frozen=True, slots=True)
class SwitchUser:
    """A command that turns one account off or on, then says so in one line."""

    command: str
    help: str
    switch: Callable[[Engine, account_admin.Actor, str], None]
    done: str  # what the account is afterwards

    def add_parser(self, sub: Any) -> argparse.ArgumentParser:
        """Register the command."""
        parser: argparse.ArgumentParser = sub.add_parser(self.command, help=self.help)
        parser.add_argument("name")
        return parser

    def run(self, args: argparse.Namespace, settings: Settings) -> int:
        """Switch the account."""
        private_dir(settings.data_dir)
        with migrated(settings.database_url) as engine:
            self.switch(engine, None, args.name)
        print(f"{args.name}: {self.done}")
        return 0


disable_user = SwitchUser(
    "disable-user",
    "disable an account (its tokens stop working)",
    account_admin.disable_user,
    "disabled",
)
enable_user = SwitchUser(
    "enable-user",
    "enable a disabled account again (its laptops log in again)",
    account_admin.enable_user,
    "enabled",
)
