"""Finding 7 (the centre's part): weak passwords are refused wherever the centre sets one.

One policy (:mod:`sync.contract.passwords`, pure, for both ends): at least 10 characters, not
whitespace only, not one character repeated, not the username (nor containing it), not on
the deny-list shipped in ``resources/passwords/common.txt``; the message, in Chinese, says
which. ``create-user`` applies it; so does the demo's seed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from sync.contract.passwords import MAX_LENGTH, MIN_LENGTH, common_passwords, password_problem
from tests.helpers.central import CentralProcess

TOO_SHORT = f"密码至少要有 {MIN_LENGTH} 个字符"
BLANK = "密码不能只由空格组成"
REPEATED = "密码不能由同一个字符重复组成"
USERNAME = "密码不能包含用户名"
COMMON = "这个密码太常见，很容易被猜中，请换一个"


@pytest.mark.parametrize(
    ("password", "username", "problem"),
    [
        ("12345678", "zhang3", TOO_SHORT),
        ("        ", "zhang3", BLANK),
        (" " * 12, "zhang3", BLANK),
        ("\t\u3000 \n\t\u3000 \n\t\u3000", "zhang3", BLANK),
        ("aaaaaaaa", "zhang3", TOO_SHORT),
        ("aaaaaaaaaaaa", "zhang3", REPEATED),
        ("8888888888", "zhang3", REPEATED),
        ("xian-worker-01", "xian-worker-01", USERNAME),
        ("XIAN-WORKER-01", "xian-worker-01", USERNAME),
        ("my-xian-worker-01!", "Xian-Worker-01", USERNAME),
        ("1234567890", "zhang3", COMMON),
        ("a123456789", "zhang3", COMMON),
        ("woaini1314", "zhang3", COMMON),
        ("Password123", "zhang3", COMMON),
        ("QWERTYUIOP", "zhang3", COMMON),
        ("1qaz2wsx3edc", "zhang3", COMMON),
        ("x" * (MAX_LENGTH + 1), "zhang3", f"密码不能超过 {MAX_LENGTH} 个字符"),
    ],
)
def test_weak_passwords_are_refused_saying_why(password: str, username: str, problem: str) -> None:
    assert password_problem(password, username) == problem


@pytest.mark.parametrize(
    ("password", "username"),
    [
        ("lanzhou-field-2024", "zhang3"),
        ("马上就要下雨了记得带伞", "zhang3"),
        ("correct horse battery", "zhang3"),
        ("w-7Kd!q2pLx", "w"),  # a username under three characters may appear in it
    ],
)
def test_good_passwords_pass(password: str, username: str) -> None:
    assert password_problem(password, username) is None


def test_the_deny_list_is_a_few_hundred_common_passwords() -> None:
    common = common_passwords()
    for named in (
        "12345678",
        "password",
        "qwerty123",
        "88888888",
        "a123456789",
        "woaini1314",
        "1234567890",
        "1qaz2wsx",
    ):
        assert named in common, named
    assert 300 <= len(common) <= 2000
    assert all(p == p.casefold() and p == p.strip() and p for p in common)


def test_create_user_refuses_weak_passwords(tmp_path: Path) -> None:
    data_dir = tmp_path / "central"
    cli = CentralProcess(f"sqlite:///{tmp_path / 'c.sqlite3'}", data_dir)
    for name, password, problem in [
        ("u1", "12345678", TOO_SHORT),
        ("u2", "        ", BLANK),
        ("u3", "aaaaaaaaaa", REPEATED),
        ("xian-worker-01", "xian-worker-01", USERNAME),
        ("u5", "woaini1314", COMMON),
    ]:
        result = cli.create_user_command(name, "worker", "620102", password)
        assert result.returncode == 2, (password, result.stdout)
        last = result.stderr.splitlines()[-1]
        assert last == f"realname-central create-user: password: {problem}"
    ok = cli.create_user_command("u1", "worker", "620102", "lanzhou-field-2024")
    assert ok.returncode == 0, ok.stderr


@pytest.mark.parametrize(("username", "role", "region"), DEMO_ACCOUNTS)
def test_the_demo_password_passes(username: str, role: str, region: str) -> None:
    assert password_problem(DEMO_PASSWORD, username) is None
