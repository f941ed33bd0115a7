"""The password policy, one for both ends: what makes a password too weak to set.

A password is refused when it is longer than a login accepts, only whitespace, shorter than
``MIN_LENGTH`` characters, one character repeated, contains the username (of three characters
or more: a shorter one cannot be a password's meaningful part), or on the deny-list of common
passwords shipped in ``resources/passwords/common.txt``. Both compare case-insensitively.
:func:`password_problem` says which, in Chinese, for the person choosing the password.
"""

from __future__ import annotations

from functools import cache

from sync.contract.resource_files import read_resource_text

MIN_LENGTH = 10
# What a login request carries at most (sync.contract.protocol.LoginRequest).
MAX_LENGTH = 256
# A username shorter than this may appear in a password (a password is longer anyway).
_USERNAME_MIN = 3


@cache
def common_passwords() -> frozenset[str]:
    """The deny-list, lower case."""
    text = read_resource_text("passwords/common.txt")
    return frozenset(
        line.strip().casefold()
        for line in text.splitlines()
        if line.strip() and not line.startswith("# ")
    )


def password_problem(password: str, username: str = "") -> str | None:
    """None when ``password`` may be set for ``username``, else what is wrong (Chinese)."""
    if len(password) > MAX_LENGTH:
        return f"密码不能超过 {MAX_LENGTH} 个字符"
    if not password.strip():
        return "密码不能只由空格组成"
    if len(password) < MIN_LENGTH:
        return f"密码至少要有 {MIN_LENGTH} 个字符"
    if len(set(password)) == 1:
        return "密码不能由同一个字符重复组成"
    folded, name = password.casefold(), username.strip().casefold()
    if len(name) >= _USERNAME_MIN and name in folded:
        return "密码不能包含用户名"
    if folded in common_passwords():
        return "这个密码太常见，很容易被猜中，请换一个"
    return None
