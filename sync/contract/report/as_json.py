"""The report JSON of docs/indicators.md (rates as numbers, null without a denominator)."""

from __future__ import annotations

import orjson

from sync.contract.report.content import Report


def render_json(report: Report) -> bytes:
    """The indicators of the region and its children as UTF-8 JSON."""
    return orjson.dumps(report.indicators.as_json(), option=orjson.OPT_INDENT_2)
