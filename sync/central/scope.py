"""Region scope: every account reads and writes only records inside its region's subtree."""

from __future__ import annotations

from functools import cache
from typing import Protocol

from sync.contract.regions import RegionTree, default_tree


class Scoped(Protocol):
    """Anything with a region (an account)."""

    @property
    def region_code(self) -> str: ...


@cache
def regions() -> RegionTree:
    """The region tree the centre scopes by (the shipped list)."""
    return default_tree()


def in_scope(who: Scoped, region_code: object) -> bool:
    """True when ``region_code`` is a known region inside ``who``'s subtree."""
    return isinstance(region_code, str) and regions().contains(who.region_code, region_code)


def scope_codes(who: Scoped) -> list[str] | None:
    """Every region code ``who`` may see, or None when that is the whole tree."""
    tree = regions()
    if tree.get(who.region_code) is None:
        return []
    region = tree.get(who.region_code)
    if region is not None and region.parent_code is None:
        return None
    return [who.region_code, *(r.code for r in tree.descendants(who.region_code))]
