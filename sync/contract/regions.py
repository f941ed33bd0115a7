"""The administrative region tree: province, prefectures, counties, townships.

Shipped as ``resources/reference/gansu_regions.csv`` (national statistical division codes);
a later list from the centre's reference data replaces it through :meth:`RegionTree.from_rows`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal, cast

from sync.contract.resource_files import read_resource_text

Level = Literal["province", "prefecture", "county", "township"]
LEVELS: tuple[Level, ...] = ("province", "prefecture", "county", "township")
_CODE_LENGTH: dict[str, int] = {"province": 6, "prefecture": 6, "county": 6, "township": 9}
REGIONS_RESOURCE = "reference/gansu_regions.csv"


@dataclass(frozen=True, slots=True)
class Region:
    """One region. ``short_name`` is the name reports use (嘉峪关, 临夏); where the list gives
    none, it is the full name."""

    code: str
    name: str
    short_name: str
    parent_code: str | None
    level: Level

    def to_dict(self) -> dict[str, str | None]:
        """The JSON form served as reference data."""
        return {
            "code": self.code,
            "name": self.name,
            "short_name": self.short_name,
            "parent_code": self.parent_code,
            "level": self.level,
        }


class RegionTree:
    """Lookups over the regions: by code, children, ancestors, descendants, containment."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self._by_code: dict[str, Region] = {}
        self._children: dict[str, list[Region]] = {}
        for region in regions:
            if region.code in self._by_code:
                raise ValueError(f"region {region.code} appears twice")
            self._by_code[region.code] = region
            self._children.setdefault(region.code, [])
        for region in self._by_code.values():
            if region.parent_code is None:
                continue
            if region.parent_code not in self._by_code:
                raise ValueError(f"region {region.code}: parent {region.parent_code} is unknown")
            self._children[region.parent_code].append(region)
        # Ancestor sets make contains() O(1): the centre asks it for every record it scopes.
        self._ancestor_codes: dict[str, frozenset[str]] = {}
        for code in self._by_code:
            chain = self._chain(code)
            self._ancestor_codes[code] = frozenset(r.code for r in chain)

    def _chain(self, code: str) -> list[Region]:
        chain: list[Region] = []
        seen = {code}
        parent = self._by_code[code].parent_code
        while parent is not None:
            if parent in seen:
                raise ValueError(f"region {code}: its parents form a cycle")
            seen.add(parent)
            region = self._by_code[parent]
            chain.append(region)
            parent = region.parent_code
        return chain

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, object]]) -> RegionTree:
        """A tree from rows with ``code, name, short_name, parent_code, level``.

        Raises ValueError naming the row (1 = the first data row) for a bad one.
        """
        regions = []
        for number, row in enumerate(rows, start=1):
            regions.append(_region_from_row(number, row))
        return cls(regions)

    @classmethod
    def from_csv_text(cls, text: str) -> RegionTree:
        """A tree from CSV text with the header ``code,name,short_name,parent_code,level``."""
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        missing = {"code", "name", "short_name", "parent_code", "level"} - set(
            reader.fieldnames or ()
        )
        if missing:
            raise ValueError(f"region list: missing columns {', '.join(sorted(missing))}")
        return cls.from_rows(reader)

    def get(self, code: str) -> Region | None:
        """The region with this code, None when there is none."""
        return self._by_code.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __len__(self) -> int:
        return len(self._by_code)

    def children(self, code: str) -> list[Region]:
        """The regions one level down, in list order (empty for unknown codes)."""
        return list(self._children.get(code, ()))

    def ancestors(self, code: str) -> list[Region]:
        """The regions above, nearest first (empty for the root and unknown codes)."""
        return self._chain(code) if code in self._by_code else []

    def contains(self, ancestor_code: str, code: str) -> bool:
        """True when ``code`` lies in the subtree of ``ancestor_code`` (or is it)."""
        if ancestor_code == code:
            return code in self._by_code
        above = self._ancestor_codes.get(code)
        return above is not None and ancestor_code in above

    def descendants(self, code: str) -> list[Region]:
        """Every region below ``code`` (not itself), parents before their children."""
        found: list[Region] = []
        pending = list(reversed(self._children.get(code, ())))
        while pending:
            region = pending.pop()
            found.append(region)
            pending.extend(reversed(self._children[region.code]))
        return found

    def all(self) -> list[Region]:
        """Every region, in list order."""
        return list(self._by_code.values())

    def roots(self) -> list[Region]:
        """The regions without a parent (the province)."""
        return [r for r in self._by_code.values() if r.parent_code is None]

    def to_rows(self) -> list[dict[str, str | None]]:
        """Every region in its JSON form, in list order."""
        return [r.to_dict() for r in self._by_code.values()]


def _region_from_row(number: int, row: Mapping[str, object]) -> Region:
    def text(key: str) -> str:
        value = row.get(key)
        return "" if value is None else str(value).strip()

    code, level, parent = text("code"), text("level"), text("parent_code")
    if level not in _CODE_LENGTH:
        raise ValueError(f"region row {number}: level {level!r} is not one of {LEVELS}")
    if not (code.isascii() and code.isdigit()) or len(code) != _CODE_LENGTH[level]:
        raise ValueError(f"region row {number}: code {code!r} is not a {level} code")
    name = text("name")
    if not name:
        raise ValueError(f"region row {number}: name is empty")
    return Region(
        code=code,
        name=name,
        short_name=text("short_name") or name,
        parent_code=parent or None,
        level=cast(Level, level),
    )


@cache
def default_tree() -> RegionTree:
    """The shipped region tree (loaded once)."""
    return RegionTree.from_csv_text(read_resource_text(REGIONS_RESOURCE))
