"""What makes an account's fields acceptable: one check for create-user, import-users and the API.

Each problem names its field, so a command can print it, an import report can put it on its
row, and the API can answer it; the messages are for the administrator, in Chinese.
"""

from __future__ import annotations

import re

from sync.central.scope import regions
from sync.contract.accounts_wire import DISPLAY_NAME_PATTERN, PHONE_PATTERN

ROLES = ("worker", "county", "city", "province")
_PHONE = re.compile(PHONE_PATTERN)
_DISPLAY_NAME = re.compile(DISPLAY_NAME_PATTERN)


def username_problem(username: str) -> str | None:
    """Why ``username`` cannot name an account, or None."""
    if not username or len(username) > 64 or not username.isprintable() or " " in username:
        return "用户名须为 1 到 64 个可打印字符，不含空格"
    return None


def account_problems(
    username: str, role: str, region_code: str, display_name: str = "", phone: str = ""
) -> list[tuple[str, str]]:
    """Every (field, problem) of a new account's values; empty when all are usable."""
    found: list[tuple[str, str]] = []
    problem = username_problem(username)
    if problem is not None:
        found.append(("username", problem))
    if len(display_name) > 64 or not _DISPLAY_NAME.match(display_name):
        found.append(("display_name", "姓名不能超过 64 个字符，不能含控制字符"))
    if role not in ROLES:
        found.append(("role", f"角色须为 {'、'.join(ROLES)} 之一，不是 {role!r}"))
    if regions().get(region_code) is None:
        found.append(("region_code", f"{region_code!r} 不是行政区划树中的代码"))
    if phone and not _PHONE.match(phone):
        found.append(("phone", "电话须为 6 到 20 位数字（可含 - 和开头的 +）"))
    return found
