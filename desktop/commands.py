"""The headless commands' words on the command line (argparse only).

Kept apart from :mod:`desktop.cli`, which runs them: the window parses the same command
line, and the commands' imports (the store, the HTTP transport) would only slow its start.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_commands(parser: argparse.ArgumentParser) -> None:
    """Register the headless commands as subcommands of ``parser``."""
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    login = commands.add_parser("login", help="log in at the centre (once online)")
    login.add_argument("--server", required=True, help="the centre's URL")
    login.add_argument("--user", required=True, help="the account's user name")
    login.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    login.add_argument("--ca-bundle", help="a CA bundle file for the centre's TLS certificate")
    login.add_argument("--proxy", help="an HTTP(S) proxy URL")
    login.add_argument(
        "--allow-http",
        action="store_true",
        help="send the password over plain http:// to a centre on another machine "
        "(unencrypted: only on a network you trust; refused without this)",
    )

    sync = commands.add_parser("sync", help="push the queue and pull the centre's changes")
    sync.add_argument("--user", help="the account (default: the last one logged in)")
    sync.add_argument("--batch-size", type=int, default=1000, help="ops per push request")
    sync.add_argument(
        "--attempts", type=int, default=6, help="tries per request before giving up (backoff)"
    )

    status = commands.add_parser("status", help="print the count of records in each state")
    status.add_argument("--user")

    imp = commands.add_parser("import", help="import a CSV/XLSX list into the local records")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check only, change nothing")
    imp.add_argument("--report", type=Path, help="write the full JSON report here")
    imp.add_argument(
        "--mapping", type=Path, help="JSON file: the list's own headers -> record fields"
    )
    imp.add_argument("--user")

    exp = commands.add_parser("export", help="export the local records to CSV/XLSX")
    exp.add_argument("file", type=Path)
    exp.add_argument("--user")
