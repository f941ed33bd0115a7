"""Data quality over this laptop's records (no Qt; runs in an operation): how complete the
optional fields are in a quarter, by the shared queries of :mod:`sync.contract.quality`."""

from __future__ import annotations

from desktop.store.registry import Registry
from desktop.store.schema import records
from sync.contract.quality import QualityReport, quality_report
from sync.contract.regions import RegionTree


def local_quality(
    registry: Registry, tree: RegionTree, region_code: str, year: int, quarter: int
) -> QualityReport:
    """The quality measures of ``region_code`` in a quarter over the records on this laptop
    (no spot-check verdicts: those are counted at the centre)."""
    with registry.engine.connect() as conn:
        return quality_report(conn, records, tree, region_code, year, quarter)
