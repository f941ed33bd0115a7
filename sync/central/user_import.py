"""``import-users``: accounts in bulk from CSV or XLSX, each with a one-time password.

Columns (docs/protocol.md): ``username,display_name,role,region_code,phone``. Every row
is checked on its own (:mod:`sync.central.account_fields`): a bad row is refused with each
bad field named, the others are created. An account that exists already with the same role
and region is left as it is (so importing the same file again changes nothing); with another
role or region its row is refused. Each new account gets a one-time password that must be
changed at the first login; the passwords go into the report only, a private file
(:func:`write_report`), never to the log or the screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from sync.central.account_fields import account_problems
from sync.central.accounts import NewUser, create_users
from sync.central.passwords import one_time_password
from sync.central.private_files import private_new_file
from sync.central.problems import BadInput
from sync.central.settings import Settings
from sync.central.tables import users
from sync.central.tabular import read_table, write_table

COLUMNS = ("username", "display_name", "role", "region_code", "phone")
REPORT_HEADER = ("行号", "用户名", "结果", "字段", "问题", "一次性密码")
# Accounts created per transaction: a failure (a name taken meanwhile) costs one chunk.
_CHUNK = 200
OUTCOMES = {
    "created": "新建",
    "would_create": "将新建(试运行)",
    "exists": "已存在(未改动)",
    "rejected": "拒绝",
}


@dataclass(slots=True)
class UserRow:
    """One data row of the file: its number (the header is row 1) and its values."""

    number: int
    values: dict[str, str]
    problems: list[tuple[str, str]] = field(default_factory=list)
    outcome: str = ""
    password: str = ""


def _text(value: Any) -> str:
    text = str(value).strip()
    # Spreadsheets store codes and phone numbers typed as numbers as floats.
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


def read_user_rows(path: Path) -> list[UserRow]:
    """The file's rows, each checked; BadInput when the file or its header is unusable."""
    header, data = read_table(path)
    names = [str(h).strip() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise BadInput(f"{path.name}: 缺少列 {', '.join(missing)}")
    index = {c: names.index(c) for c in COLUMNS}
    rows: list[UserRow] = []
    first_row: dict[str, int] = {}
    for number, raw in enumerate(data, start=2):
        if not any(str(v).strip() for v in raw):
            continue
        values = {c: (_text(raw[i]) if i < len(raw) else "") for c, i in index.items()}
        row = UserRow(number, values)
        row.problems = account_problems(
            values["username"],
            values["role"],
            values["region_code"],
            values["display_name"],
            values["phone"],
        )
        earlier = first_row.setdefault(values["username"], number)
        if earlier != number:
            row.problems.append(("username", f"与第 {earlier} 行的用户名重复"))
        rows.append(row)
    return rows


def import_users(engine: Engine, settings: Settings, rows: list[UserRow], *, dry_run: bool) -> None:
    """Create the good rows' accounts (none on a dry run); each row gets its outcome."""
    names = [r.values["username"] for r in rows if not r.problems]
    existing: dict[str, Any] = {}
    with engine.connect() as conn:
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            for found in conn.execute(select(users).where(users.c.username.in_(chunk))):
                existing[found.username] = found
    fresh: list[UserRow] = []
    for row in rows:
        known = existing.get(row.values["username"])
        if row.problems:
            row.outcome = "rejected"
        elif known is not None:
            wanted = (row.values["role"], row.values["region_code"])
            same = (known.role, known.region_code) == wanted
            row.outcome = "exists" if same else "rejected"
            if not same:
                row.problems.append(
                    ("username", f"账户已存在，角色或地区不同（{known.role}，{known.region_code}）")
                )
        else:
            row.outcome = "would_create" if dry_run else "created"
            fresh.append(row)
    if dry_run:
        return
    for row in fresh:
        row.password = one_time_password()
    for start in range(0, len(fresh), _CHUNK):
        batch = fresh[start : start + _CHUNK]
        new = [
            NewUser(
                r.values["username"],
                r.values["role"],
                r.values["region_code"],
                r.password,
                r.values["display_name"],
                r.values["phone"],
                one_time=True,
            )
            for r in batch
        ]
        create_users(engine, settings, new)


def counts(rows: Iterable[UserRow], *, dry_run: bool) -> dict[str, Any]:
    """The summary line: rows, created (or would be), existing, rejected."""
    listed = list(rows)
    tally = {o: sum(1 for r in listed if r.outcome == o) for o in OUTCOMES}
    return {
        "rows": len(listed),
        "created": tally["created"] + tally["would_create"],
        "existing": tally["exists"],
        "rejected": tally["rejected"],
        "dry_run": dry_run,
    }


def write_report(path: Path, rows: Iterable[UserRow]) -> None:
    """One line per bad field (at least one per row), with the one-time passwords: a file
    readable by its owner only, made so before anything is written into it."""
    private_new_file(path)
    lines: list[list[Any]] = []
    for row in rows:
        username, label = row.values["username"], OUTCOMES[row.outcome]
        for where, problem in row.problems or [("", "")]:
            lines.append([row.number, username, label, where, problem, row.password])
    write_table(path, REPORT_HEADER, lines)
