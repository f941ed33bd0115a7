"""A saved column mapping: a department's own headers -> the record's fields.

Lists from other departments (人社 employment registrations, 教育 college graduates) come
with their own headers (公民身份号码, 就业单位名称, 序号...). A mapping file is a JSON object
from such a header to a field name, a field's Chinese label, a training column, or ``null``
for a column to leave out::

    {"公民身份号码": "id_number", "姓名": "name", "就业单位名称": "employer", "序号": null}

Headers the mapping does not name keep their meaning (field names and Chinese labels still
work). Saved once per department, the same file serves every quarter's list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.contract.fields import RECORD_FIELDS, TRAINING_COLUMNS, TRAINING_FIELDS

_TARGETS: dict[str, str] = {f.name: f.name for f in RECORD_FIELDS if f.kind != "trainings"}
_TARGETS.update({f.label: f.name for f in RECORD_FIELDS if f.kind != "trainings"})
_TARGETS.update({column: column for column in TRAINING_COLUMNS})
_TARGETS.update(
    {
        f.label: column
        for column, key in TRAINING_COLUMNS.items()
        for f in TRAINING_FIELDS
        if f.name == key
    }
)


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Source header -> field name, or None for a column left out."""

    targets: dict[str, str | None]

    @classmethod
    def from_json(cls, data: Any, source: str = "mapping") -> ColumnMapping:
        """A mapping from parsed JSON; ValueError naming the bad entry."""
        if not isinstance(data, dict) or not data:
            raise ValueError(f"{source}: must be a JSON object of source header -> field")
        targets: dict[str, str | None] = {}
        claimed: dict[str, str] = {}
        for header, target in data.items():
            key = str(header).strip()
            if target is None:
                targets[key] = None
                continue
            if not isinstance(target, str) or target.strip() not in _TARGETS:
                raise ValueError(f"{source}: {header!r} -> {target!r} is no field of the record")
            name = _TARGETS[target.strip()]
            if name in claimed:
                raise ValueError(f"{source}: {claimed[name]!r} and {header!r} both map to {name}")
            claimed[name] = key
            targets[key] = name
        return cls(targets)

    @classmethod
    def load(cls, path: Path) -> ColumnMapping:
        """Read a mapping file (UTF-8 JSON); ValueError naming the file and the problem."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ValueError(f"--mapping: {path} does not exist") from None
        except UnicodeDecodeError:
            raise ValueError(f"--mapping: {path.name} is not UTF-8 text") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(
                f"--mapping: {path.name} is not JSON (line {error.lineno}: {error.msg})"
            ) from None
        return cls.from_json(data, f"--mapping {path.name}")

    def apply(self, header: Sequence[str]) -> tuple[list[str], list[int]]:
        """The header renamed, without the left-out columns, and the positions kept."""
        names: list[str] = []
        kept: list[int] = []
        for position, title in enumerate(header):
            key = str(title).strip()
            if key in self.targets:
                target = self.targets[key]
                if target is None:
                    continue
                names.append(target)
            else:
                names.append(key)
            kept.append(position)
        return names, kept

    def left_out(self, header: Sequence[str]) -> list[str]:
        """The headers of ``header`` that the mapping leaves out."""
        return [h for h in header if self.targets.get(str(h).strip(), "") is None]


# Fields that only hold while the person is employed (1) or unemployed (2).
ONLY_WHILE: dict[object, tuple[str, ...]] = {
    1: ("unemployment_reason",),
    2: ("employment_form", "employment_date", "employer"),
}


def list_update(values: Mapping[str, Any]) -> dict[str, Any]:
    """What a department's list changes on a registered person: a blank cell leaves the
    record's value (the list never erases what the field worker recorded), and a list that
    sets the employment status ends the details of the other status it does not give."""
    update = {k: v for k, v in values.items() if v is not None}
    for name in ONLY_WHILE.get(update.get("employment_status"), ()):
        update.setdefault(name, None)
    return update


def pick(rows: Iterable[Sequence[Any]], kept: Sequence[int]) -> Iterator[list[Any]]:
    """Each row's cells at the ``kept`` positions (a short row gets blanks)."""
    for cells in rows:
        yield [cells[i] if i < len(cells) else "" for i in kept]
