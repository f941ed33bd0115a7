"""Three-way merge of a record, field by field (docs/protocol.md, client rules).

A pull or a refused push brings the centre's copy of a record the worker has changed too.
Against the version both started from (the base), a field that only one side changed takes
that side's value; a field both sides changed to different values is a conflict: the merge
keeps the local value in the record and both values in the conflict, so that the worker
chooses and nothing is lost. ``trainings`` is one field: a list merged as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """Both sides changed one field to different values."""

    local: Any
    remote: Any

    def to_dict(self) -> dict[str, Any]:
        """The JSON form kept with a record in conflict."""
        return {"local": self.local, "remote": self.remote}


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged record and the fields the worker must choose for."""

    record: dict[str, Any]
    conflicts: dict[str, FieldConflict] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        """True when no field needs the worker's choice."""
        return not self.conflicts


def merge3(
    base: Mapping[str, Any] | None, local: Mapping[str, Any], remote: Mapping[str, Any]
) -> MergeResult:
    """Merge ``local`` and ``remote`` against ``base`` (None: no common version, all changed).

    A missing key counts as the value None, so a field absent on one side and None on the
    other never conflicts.
    """
    start: Mapping[str, Any] = base or {}
    merged: dict[str, Any] = {}
    conflicts: dict[str, FieldConflict] = {}
    for name in _ordered_keys(local, remote, start):
        mine, theirs, was = local.get(name), remote.get(name), start.get(name)
        if mine == theirs or theirs == was:
            merged[name] = mine
        elif mine == was:
            merged[name] = theirs
        else:
            merged[name] = mine
            conflicts[name] = FieldConflict(mine, theirs)
    return MergeResult(merged, conflicts)


def _ordered_keys(*records: Mapping[str, Any]) -> list[str]:
    # Local order first, so a merged record reads like the one the worker typed.
    seen: dict[str, None] = {}
    for record in records:
        for name in record:
            seen.setdefault(name, None)
    return list(seen)


def resolve(
    record: Mapping[str, Any], conflicts: Mapping[str, FieldConflict], chosen: Mapping[str, str]
) -> dict[str, Any]:
    """The record with each conflicting field set to the side chosen (``local``/``remote``).

    A field that is in ``chosen`` but not in conflict, or a side other than ``local`` or
    ``remote``, is a ValueError naming the field; a conflict left unchosen keeps local.
    """
    resolved = dict(record)
    for name, side in chosen.items():
        if name not in conflicts:
            raise ValueError(f"{name}: not in conflict")
        if side == "local":
            resolved[name] = conflicts[name].local
        elif side == "remote":
            resolved[name] = conflicts[name].remote
        else:
            raise ValueError(f"{name}: choose 'local' or 'remote', not {side!r}")
    return resolved
