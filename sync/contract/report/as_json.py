"""The report JSON of docs/indicators.md (rates as numbers, null without a denominator)."""

from __future__ import annotations

import orjson

from sync.contract.report.content import Report


def render_json(report: Report) -> bytes:
    """The indicators of the region and its children as UTF-8 JSON, and where the centre
    gave them, the review and return rates beside them (``reviews``)."""
    data = report.indicators.as_json()
    reviews = report.reviews
    if reviews is not None:
        data["reviews"] = reviews.total.as_json()
        for child, item in zip(data["children"], report.indicators.children, strict=True):
            child["reviews"] = reviews.of(item.region.code).as_json()
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)
