"""``realname-central [--db URL] COMMAND``: each command is a module in ``commands/``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy.exc import SQLAlchemyError

from sync.central import log_format
from sync.central.commands import (
    create_user,
    export_records,
    import_records,
    import_reference,
    import_users,
    init_db,
    list_devices,
    progress,
    report,
    reset_password,
    revoke_device,
    serve,
    spot_check,
)
from sync.central.commands.switch_user import disable_user, enable_user
from sync.central.private_files import OWNER_ONLY_UMASK, tighten_dir
from sync.central.problems import Problem
from sync.central.settings import Settings

DESCRIPTION = (
    "The central endpoint of the disabled persons' employment and training real-name "
    "registry: it serves the laptops' sync (serve), keeps the accounts and laptops, loads "
    "the year's roster and other departments' lists, draws spot checks, and writes the "
    "progress and the quarterly indicator report."
)


class Command(Protocol):
    """A command: a module of ``commands/`` with these two functions, or an object with them
    (``disable-user`` and ``enable-user``, two of one class in ``commands/switch_user.py``)."""

    def add_parser(self, sub: Any) -> argparse.ArgumentParser:
        """Register the command's sub-parser."""

    def run(self, args: argparse.Namespace, settings: Settings) -> int:
        """Run it; the exit status."""


COMMANDS: list[Command] = [
    serve,
    init_db,
    create_user,
    import_reference,
    import_records,
    export_records,
    report,
    progress,
    spot_check,
    import_users,
    reset_password,
    disable_user,
    enable_user,
    revoke_device,
    list_devices,
]


def build_parser(commands: Sequence[Command] = COMMANDS) -> argparse.ArgumentParser:
    """The argument parser with one sub-command per command."""
    parser = argparse.ArgumentParser(prog="realname-central", description=DESCRIPTION)
    parser.add_argument(
        "--db", help="database URL (default: $REALNAME_CENTRAL_DB, else SQLite in the data dir)"
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also print the schema migrations' log lines",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in commands:
        command = module.add_parser(sub)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit status 0 ok, 1 rows rejected, 2 unusable input or setup."""
    args = build_parser().parse_args(argv)
    # Alembic tells every connection's migration context at INFO: noise unless asked for.
    logging.getLogger("alembic").setLevel(logging.INFO if args.verbose else logging.WARNING)
    # What the command creates is its owner's only; the caller's umask is back afterwards.
    caller_umask = os.umask(OWNER_ONLY_UMASK)
    try:
        settings = Settings.from_env()
        log_format.configure(settings.log_format)
        if args.db:
            settings = settings.with_(db_url=args.db)
        tighten_dir(settings.data_dir)
        status: int = args.run(args, settings)
    except Problem as problem:
        print(f"realname-central {args.command}: {problem.detail}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as error:
        print(f"realname-central {args.command}: {error}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        reason = str(error.__cause__ or error).splitlines()[0]
        print(f"realname-central {args.command}: database error: {reason}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        os.umask(caller_umask)
    return status


if __name__ == "__main__":
    sys.exit(main())
