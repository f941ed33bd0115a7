"""The headless commands of docs/protocol.md, for county staff's batch work and scripts.

Each command prints JSON on stdout; a failure the environment causes prints its message on
stderr and exits 1 (``import`` exits 1 when rows were rejected and 2 when the file itself
is unusable, like ``realname-central import-records``).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from desktop.store import (
    Progress,
    Synchronizer,
    login_online,
    open_account,
)
from desktop.store.importing import import_file
from desktop.store.private_files import create_private
from sync.client import AuthRequiredError, ExpectedError, RetryPolicy
from sync.client.errors import PlainHttpError
from sync.client.plain_http import sends_in_clear
from sync.contract.column_mapping import ColumnMapping
from sync.contract.records_io import UnusableFileError, write_records

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2


def run(args: argparse.Namespace, data_dir: Path) -> int:
    """Run the command in ``args``; the process exit code."""
    handlers: dict[str, Callable[[argparse.Namespace, Path], int]] = {
        "login": _login,
        "sync": _sync,
        "status": _status,
        "import": _import,
        "export": _export,
    }
    try:
        return handlers[args.command](args, data_dir)
    except AuthRequiredError as exc:
        _fail(f"{exc}\n请运行 realname-desktop login --server URL --user NAME")
        return EXIT_FAILED
    except ExpectedError as exc:
        _fail(str(exc))
        return EXIT_FAILED


def _fail(message: str) -> None:
    print(message, file=sys.stderr)


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


def _login(args: argparse.Namespace, data_dir: Path) -> int:
    # Before the password is asked for: an installer's script gets its answer at once.
    if sends_in_clear(args.server):
        if not args.allow_http:
            _fail(
                f"{PlainHttpError.user_message}\n"
                "如确需在受信任的内网中使用 http://，请加 --allow-http。"
            )
            return EXIT_FAILED
        _fail(f"警告：密码将以明文发送到 {args.server}（--allow-http）。")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"{args.user} 的密码: ")
    if not password:
        _fail("没有输入密码。(No password given.)")
        return EXIT_FAILED
    account, answer = login_online(
        data_dir,
        args.server,
        args.user,
        password,
        ca_bundle=args.ca_bundle,
        proxy=args.proxy,
        allow_http=args.allow_http,
    )
    account.close()
    _print(
        {
            "user": answer.user.username,
            "role": answer.user.role,
            "region_code": answer.user.region_code,
            "expires_at": answer.expires_at.isoformat(),
        }
    )
    return EXIT_OK


def _sync(args: argparse.Namespace, data_dir: Path) -> int:
    account = open_account(data_dir, args.user)
    bar = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        with account.client(RetryPolicy(attempts=max(1, args.attempts))) as client:
            report = Synchronizer(
                account.registry, client, batch_ops=args.batch_size, progress=bar
            ).run()
        if bar is not None:
            bar.finish()
        _print(
            {
                "accepted": report.push.accepted,
                "rejected": report.push.rejected,
                "conflicts": report.push.conflicts,
                "pulled": report.pull.applied,
                "pull_conflicts": report.pull.conflicts,
                "rules_changed": report.rules_changed,
                "reviews": {
                    "accepted": report.reviews.accepted,
                    "stale": len(report.reviews.stale),
                    "forbidden": len(report.reviews.forbidden),
                    "refused": len(report.reviews.refused),
                },
                "spot_checks": {
                    "supported": report.spot_checks.supported,
                    "assigned": report.spot_checks.assigned,
                    "sent": report.spot_checks.accepted,
                    "refused": len(report.spot_checks.refused),
                },
                "status": account.registry.status_counts(),
            }
        )
    finally:
        account.close()
    return EXIT_OK


def _status(args: argparse.Namespace, data_dir: Path) -> int:
    account = open_account(data_dir, args.user)
    try:
        _print(account.registry.status_counts())
    finally:
        account.close()
    return EXIT_OK


def _import(args: argparse.Namespace, data_dir: Path) -> int:
    try:
        mapping = ColumnMapping.load(args.mapping) if args.mapping is not None else None
    except ValueError as exc:
        _fail(str(exc))
        return EXIT_UNUSABLE
    account = open_account(data_dir, args.user)
    try:
        report = import_file(account.registry, args.file, dry_run=args.dry_run, mapping=mapping)
    except UnusableFileError as exc:
        _fail(str(exc))
        return EXIT_UNUSABLE
    finally:
        account.close()
    full = report.to_json()
    if args.report:  # the problems quote the rows: names and ID numbers
        create_private(args.report)
        args.report.write_text(json.dumps(full, ensure_ascii=False, indent=1), "utf-8")
    _print({k: v for k, v in full.items() if k != "problems"})
    return EXIT_FAILED if report.rejected else EXIT_OK


def _export(args: argparse.Namespace, data_dir: Path) -> int:
    account = open_account(data_dir, args.user)
    created = not args.file.exists()
    try:
        create_private(args.file)  # names and ID numbers in the clear: the owner's only
        rows = write_records(args.file, account.registry.all_records())
        count = account.registry.count()
    except UnusableFileError as exc:
        if created:
            args.file.unlink(missing_ok=True)
        _fail(str(exc))
        return EXIT_UNUSABLE
    finally:
        account.close()
    _print({"records": count, "rows": rows, "file": str(args.file)})
    return EXIT_OK


class _ProgressBar:
    """A one-line progress bar on a terminal."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def __call__(self, p: Progress) -> None:
        if p.phase == "push":
            share = p.records_done / p.records_total if p.records_total else 1.0
            filled = int(share * 30)
            line = (
                f"\r推送 [{'#' * filled}{'.' * (30 - filled)}] {p.records_done}/{p.records_total}"
                f" 条  {p.bytes_done / 1e6:.1f}/{p.bytes_total / 1e6:.1f} MB"
            )
        elif p.phase == "pull":
            line = f"\r拉取 {p.records_done} 条"
        else:
            line = f"\r调查底册 {p.records_done} 人"
        if p.rate:
            line += f"  每秒 {p.rate:.1f} {'人' if p.phase == 'roster' else '条'}"
        if p.seconds_left is not None:
            line += f"  约剩 {round(p.seconds_left)} 秒"
        self.out.write(line + " " * 10)
        self.out.flush()

    def finish(self) -> None:
        self.out.write("\n")
        self.out.flush()
