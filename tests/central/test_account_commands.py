"""import-users, reset-password, disable-user, enable-user and revoke-device through the
command line's ``main`` (in this process: an interpreter start per command would cost
seconds each), on SQLite and PostgreSQL, and the migration that brought them keeping
existing accounts."""

from __future__ import annotations

import csv
import json
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic import command
from openpyxl import Workbook
from sqlalchemy import Engine, select, text

from sync.central.account_audit import COMMAND_LINE
from sync.central.accounts import change_password, create_user, login, user_for_token
from sync.central.cli import DESCRIPTION, build_parser, main
from sync.central.clock import utc_now
from sync.central.db import alembic_config, make_engine, migrate
from sync.central.problems import Forbidden, Unauthorized
from sync.central.settings import Settings
from sync.central.tables import account_events, devices, users

SETTINGS = Settings(scrypt_n=16)
GOOD = "field-laptop-77"
HEADER = "username,display_name,role,region_code,phone\n"
ROWS = (
    "zhang01,张三,worker,620102001,13800000001\n"
    "li02,李四,county,620102,\n"
    "bad03,王五,boss,629999,12ab\n"
    "zhang01,张三,worker,620102001,\n"
    "\n"
    "zhao04,赵六,worker,620102,0931-8888888\n"
)


@dataclass
class Outcome:
    """What one command did: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


@dataclass
class CommandLine:
    """``realname-central --db URL ...`` run in this process."""

    db_url: str
    capsys: pytest.CaptureFixture[str]

    def command(self, *args: str) -> Outcome:
        """Run one command; its outcome."""
        status = main(["--db", self.db_url, *args])
        printed = self.capsys.readouterr()
        return Outcome(status, printed.out, printed.err)


@pytest.fixture
def cli(
    tmp_path: Path,
    central_db_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> CommandLine:
    """The command line against a fresh database (no server running)."""
    monkeypatch.setenv("REALNAME_CENTRAL_DATA_DIR", str(tmp_path / "cli"))
    monkeypatch.setenv("REALNAME_CENTRAL_SCRYPT_N", "16")
    return CommandLine(central_db_url, capsys)


@pytest.fixture
def engine(cli: CommandLine) -> Iterator[Engine]:
    """An engine on the command line's database."""
    made = make_engine(cli.db_url)
    yield made
    made.dispose()


def _code(engine: Engine, user: str, password: str, device: str = "d1") -> str | None:
    """The login code (None for a token, "401" for wrong credentials)."""
    try:
        login(engine, SETTINGS, user, password, device, "127.0.0.1")
    except Forbidden as refused:
        return refused.code
    except Unauthorized:
        return "401"
    return None


def _report(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_import_users_reports_each_bad_field_and_the_passwords_only_there(
    cli: CommandLine, engine: Engine, tmp_path: Path
) -> None:
    source = tmp_path / "users.csv"
    source.write_text(HEADER + ROWS, encoding="utf-8")
    report = tmp_path / "report.csv"
    dry = cli.command("import-users", str(source), "--dry-run")
    assert dry.returncode == 1, dry.stderr
    assert json.loads(dry.stdout) == {
        "rows": 5,
        "created": 3,
        "existing": 0,
        "rejected": 2,
        "dry_run": True,
    }
    result = cli.command("import-users", str(source), "--report", str(report))
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout) == {
        "rows": 5,
        "created": 3,
        "existing": 0,
        "rejected": 2,
        "dry_run": False,
        "report": str(report),
    }
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    lines = _report(report)
    bad = [(r["行号"], r["字段"]) for r in lines if r["结果"] == "拒绝"]
    assert bad == [("4", "role"), ("4", "region_code"), ("4", "phone"), ("5", "username")]
    passwords = {r["用户名"]: r["一次性密码"] for r in lines if r["结果"] == "新建"}
    assert sorted(passwords) == ["li02", "zhang01", "zhao04"]
    for secret in passwords.values():
        assert len(secret) == 14
        assert secret not in result.stdout + result.stderr
    assert _code(engine, "zhang01", passwords["zhang01"]) == "password_change_required"
    change_password(engine, SETTINGS, "zhang01", passwords["zhang01"], GOOD, "127.0.0.1")
    assert _code(engine, "zhang01", GOOD) is None
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == "zhao04")).one()
    assert (row.display_name, row.role, row.region_code, row.phone) == (
        "赵六",
        "worker",
        "620102",
        "0931-8888888",
    )
    again = cli.command("import-users", str(source), "--report", str(report))
    assert json.loads(again.stdout)["created"] == 0
    assert json.loads(again.stdout)["existing"] == 3
    assert all(r["一次性密码"] == "" for r in _report(report))
    assert _code(engine, "zhang01", GOOD) is None  # re-importing changed nothing


def test_import_users_reads_xlsx_and_refuses_without_a_report(
    cli: CommandLine, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["username", "display_name", "role", "region_code", "phone"])
    sheet.append(["wang05", "王五", "worker", 620102001, 13900000000])
    source = tmp_path / "users.xlsx"
    book.save(source)
    refused = cli.command("import-users", str(source))
    assert refused.returncode == 2
    assert "--report PATH is required" in refused.stderr
    report = tmp_path / "report.xlsx"
    result = cli.command("import-users", str(source), "--report", str(report))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["created"] == 1
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    missing = tmp_path / "short.csv"
    missing.write_text("username,role\nx,worker\n", encoding="utf-8")
    unusable = cli.command("import-users", str(missing), "--dry-run")
    assert unusable.returncode == 2
    assert "缺少列 display_name, region_code, phone" in unusable.stderr


def test_reset_disable_and_revoke_from_the_command_line(
    cli: CommandLine, engine: Engine, tmp_path: Path
) -> None:
    migrate(engine)
    create_user(engine, SETTINGS, "worker1", "worker", "620102", GOOD)
    assert _code(engine, "worker1", GOOD, device="laptop-1") is None
    reset = cli.command("reset-password", "worker1")
    assert reset.returncode == 0, reset.stderr
    otp = reset.stdout.split("one-time password ")[1].split()[0]
    assert _code(engine, "worker1", GOOD) == "401"
    assert _code(engine, "worker1", otp) == "password_change_required"
    written = tmp_path / "otp.txt"
    assert cli.command("reset-password", "worker1", "--output", str(written)).returncode == 0
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    otp = written.read_text(encoding="utf-8").split()[1]
    change_password(engine, SETTINGS, "worker1", otp, GOOD, "127.0.0.1")
    revoked = cli.command("revoke-device", "laptop-1", "--wipe")
    assert revoked.returncode == 0, revoked.stderr
    assert revoked.stdout.strip() == "laptop-1: revoked, to be wiped (accounts: worker1)"
    with pytest.raises(Forbidden) as refused:
        login(engine, SETTINGS, "worker1", GOOD, "laptop-1", "127.0.0.1")
    assert (refused.value.code, refused.value.wipe) == ("device_revoked", True)
    assert _code(engine, "worker1", GOOD, device="laptop-2") is None
    listed = json.loads(cli.command("list-devices", "worker1").stdout)
    assert [(d["device_id"], d["wipe"]) for d in listed["devices"]] == [
        ("laptop-2", False),
        ("laptop-1", True),
    ]
    assert listed["devices"][1]["revoked_at"] is not None
    assert cli.command("disable-user", "worker1").returncode == 0
    assert _code(engine, "worker1", GOOD, device="laptop-2") == "account_disabled"
    unknown = cli.command("revoke-device", "no-such-laptop")
    assert unknown.returncode == 2
    assert "no-such-laptop" in unknown.stderr
    nobody = cli.command("disable-user", "nobody")
    assert nobody.returncode == 2
    assert "nobody" in nobody.stderr


def test_enable_user_lets_a_disabled_account_log_in_again(cli: CommandLine, engine: Engine) -> None:
    migrate(engine)
    create_user(engine, SETTINGS, "worker1", "worker", "620102", GOOD)
    token = login(engine, SETTINGS, "worker1", GOOD, "laptop-1", "127.0.0.1").token
    disabled = cli.command("disable-user", "worker1")
    assert (disabled.returncode, disabled.stdout, disabled.stderr) == (0, "worker1: disabled\n", "")
    enabled = cli.command("enable-user", "worker1")
    assert (enabled.returncode, enabled.stdout, enabled.stderr) == (0, "worker1: enabled\n", "")
    with pytest.raises(Unauthorized) as revoked:
        user_for_token(engine, token)  # the token of before stays revoked
    assert (str(revoked.value), revoked.value.code) == (
        "invalid or revoked token; log in again",
        None,
    )
    assert _code(engine, "worker1", GOOD, device="laptop-1") is None
    with engine.connect() as conn:
        events = conn.execute(
            select(account_events.c.actor, account_events.c.action, account_events.c.target)
            .where(account_events.c.action.in_(["disable", "enable"]))
            .order_by(account_events.c.event_id)
        ).all()
    assert [tuple(e) for e in events] == [
        (COMMAND_LINE, "disable", "worker1"),
        (COMMAND_LINE, "enable", "worker1"),
    ]
    nobody = cli.command("enable-user", "nobody")
    assert (nobody.returncode, nobody.stdout) == (2, "")
    assert "username: 没有账户 'nobody'" in nobody.stderr


def test_the_migration_keeps_existing_accounts_and_their_laptops(engine: Engine) -> None:
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0004")
    now = utc_now()
    with engine.begin() as conn:  # the tables as 0004 left them: no column of 0006 yet
        conn.execute(
            text(
                "INSERT INTO users (username, password_hash, role, region_code, created_at,"
                " disabled) VALUES ('old', 'x', 'worker', '620102', :now, false)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO tokens (token_hash, username, device_id, created_at, expires_at)"
                " VALUES ('h', 'old', 'old-laptop', :now, :now)"
            ),
            {"now": now},
        )
    migrate(engine)
    with engine.connect() as conn:
        user = conn.execute(select(users).where(users.c.username == "old")).one()
        laptop = conn.execute(select(devices)).one()
    assert (user.must_change_password, user.disabled, user.display_name) == (False, False, None)
    assert (laptop.device_id, laptop.username, laptop.revoked_at, laptop.wipe) == (
        "old-laptop",
        "old",
        None,
        False,
    )


def test_disable_and_enable_user_are_listed_with_their_help() -> None:
    text = " ".join(build_parser().format_help().split())
    # The help says what the program is (argparse may wrap it at any hyphen or space),
    # not how its source is laid out.
    assert "".join(DESCRIPTION.split()) in "".join(text.split())
    assert "commands/" not in text
    assert "disable-user disable an account (its tokens stop working)" in text
    assert "enable-user enable a disabled account again (its laptops log in again)" in text
