"""How another laptop's program version compares with this one (the 进度 page marks the
older ones)."""

from __future__ import annotations

import pytest

from sync.version import __version__, older_than_this, version_key


@pytest.mark.parametrize(
    ("version", "key"),
    [
        ("1.2.3", (1, 2, 3)),
        ("1.2.0", (1, 2)),
        ("1.2", (1, 2)),
        ("0.9.0rc1", (0, 9)),
        ("1.4.0.dev3+g1a2b3c", (1, 4)),
        ("dev", None),
        ("", None),
    ],
)
def test_a_version_compares_by_its_leading_numbers(version: str, key: object) -> None:
    assert version_key(version) == key


def test_only_a_readable_lower_version_is_older() -> None:
    ours = version_key(__version__)
    assert ours is not None
    assert ours > (0, 0, 9)
    newer = ".".join(str(n) for n in (*ours[:-1], ours[-1] + 1))
    assert older_than_this("0.0.9")
    assert not older_than_this(__version__)
    assert not older_than_this(__version__ + ".0")
    assert not older_than_this(newer)
    assert not older_than_this(None)
    assert not older_than_this("unknown")
