"""What every screen of one open account shares: the account, operations and its regions."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from desktop.store import Account, Registry
from desktop.ui.operations import Operations
from sync.contract.regions import Region, RegionTree, default_tree

# Records sit on a county or a township (docs/protocol.md).
RECORD_LEVELS = ("county", "township")


@dataclass
class Workspace:
    """The open account and the operation runner its screens use."""

    account: Account
    ops: Operations
    tree: RegionTree = field(default_factory=default_tree)

    @property
    def registry(self) -> Registry:
        """The account's records (used only inside operations, never on the GUI thread)."""
        return self.account.registry

    @property
    def staff(self) -> bool:
        """True for county, city and province staff: they review records (审核), manage
        their workers' accounts (账号) and follow the round (进度)."""
        return self.account.profile.staff

    @cached_property
    def scope(self) -> list[Region]:
        """The regions a record of this account may sit on: its county and townships."""
        code = self.account.profile.region_code
        root = self.tree.get(code)
        if root is None:
            return []
        found = [root] if root.level in RECORD_LEVELS else []
        found += [r for r in self.tree.descendants(code) if r.level in RECORD_LEVELS]
        return found

    def region_label(self, code: str | None) -> str:
        """``name`` of a region code (the code itself when unknown)."""
        if not code:
            return ""
        region = self.tree.get(code)
        return region.name if region is not None else code
