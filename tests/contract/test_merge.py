"""The three-way merge keeps every value someone typed (hypothesis)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.contract.merge import FieldConflict, merge3, resolve

NAMES = ["name", "phone", "employer", "trainings", "village"]
values = st.one_of(
    st.none(),
    st.integers(0, 3),
    st.sampled_from(["a", "b"]),
    st.lists(st.fixed_dictionaries({"year": st.integers(2023, 2024)}), max_size=2),
)
records = st.dictionaries(st.sampled_from(NAMES), values)


@given(records, records, records)
def test_every_field_comes_from_one_side(base: Any, local: Any, remote: Any) -> None:
    result = merge3(base, local, remote)
    for name, value in result.record.items():
        assert value in (local.get(name), remote.get(name))
    for name, conflict in result.conflicts.items():
        assert conflict.local == local.get(name) != remote.get(name) == conflict.remote
        assert base.get(name) not in (conflict.local, conflict.remote)


@given(records, records, records)
def test_one_sided_changes_win_and_sides_are_symmetric(base: Any, local: Any, remote: Any) -> None:
    result = merge3(base, local, remote)
    swapped = merge3(base, remote, local)
    assert set(result.conflicts) == set(swapped.conflicts)
    for name in set(local) | set(remote):
        if local.get(name) == base.get(name):
            assert result.record.get(name) == remote.get(name)
        elif remote.get(name) == base.get(name):
            assert result.record.get(name) == local.get(name)


@given(records, records)
def test_no_change_on_one_side_gives_the_other(base: Any, other: Any) -> None:
    assert merge3(base, base, other).record == {k: other.get(k) for k in {*base, *other}}
    assert merge3(base, other, other).clean


def test_both_changed_keeps_both_and_resolve_chooses() -> None:
    base = {"name": "张三", "phone": "13800000000", "employer": "甲"}
    local = {**base, "phone": "13900000000"}
    remote = {**base, "phone": "13700000000", "employer": "乙"}
    result = merge3(base, local, remote)
    assert result.conflicts == {"phone": FieldConflict("13900000000", "13700000000")}
    assert result.record["employer"] == "乙"
    assert result.record["phone"] == "13900000000"
    assert resolve(result.record, result.conflicts, {"phone": "remote"})["phone"] == "13700000000"
    with pytest.raises(ValueError, match="employer"):
        resolve(result.record, result.conflicts, {"employer": "local"})
    with pytest.raises(ValueError, match="phone"):
        resolve(result.record, result.conflicts, {"phone": "both"})


def test_no_base_means_every_difference_is_a_conflict() -> None:
    result = merge3(None, {"name": "a", "phone": None}, {"name": "b"})
    assert set(result.conflicts) == {"name"}
