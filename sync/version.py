"""The one place the program's version lives, and how another program's version compares."""

from __future__ import annotations

import re

__version__ = "0.1.0"

# The dotted numbers a version begins with: "1.2.3", "0.9.0rc1" -> (0, 9, 0).
_NUMBERS = re.compile(r"\d+(?:\.\d+)*")


def version_key(version: str) -> tuple[int, ...] | None:
    """The numbers ``version`` begins with, to compare; None when it begins with none."""
    found = _NUMBERS.match(version.strip())
    if found is None:
        return None
    numbers = [int(part) for part in found.group().split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:  # 1.2 and 1.2.0 are the same release
        numbers.pop()
    return tuple(numbers)


def older_than_this(version: str | None) -> bool:
    """Whether ``version`` (another laptop's program) is older than this program; an
    unknown or unreadable version is not called older."""
    if version is None:
        return False
    theirs, ours = version_key(version), version_key(__version__)
    return theirs is not None and ours is not None and theirs < ours
