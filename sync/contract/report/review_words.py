"""The review figures of a draft 通报 (数据审核), from :mod:`sync.contract.review_rates`.

One paragraph in the report's register (the region's review and return rates as of the
period's end, and the regions one level down that review least), and one short table of
every region one level down with the region's total as its last row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sync.contract.indicator_values import RegionIndicators, short_name_of
from sync.contract.report.wording import child_words, chinese_date, rate_number, rate_text
from sync.contract.review_rates import ReviewRates

LEAST_REVIEWED = 3  # the regions named as reviewing least

COLUMNS = ("地区", "录入条数", "已审核", "审核率(%)", "累计审核", "曾退回", "退回率(%)")


@dataclass(frozen=True, slots=True)
class SectionTable:
    """A short table inside a section: a row per child region, then the region's total."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str | int]]
    total: Sequence[str | int]


def review_paragraph(
    reviews: ReviewRates,
    scope: str,
    children: Sequence[RegionIndicators],
    lead: str,
) -> str:
    """The paragraph; ``lead`` opens it (``(四)数据审核。`` inside the quality section)."""
    total = reviews.total
    when = f"{lead}截至{chinese_date(reviews.end)},"
    if total.records == 0:
        return f"{when}{scope}本年度无调查录入记录。"
    text = (
        f"{when}{scope}本年度调查录入{total.records}条,已审核(审核通过或退回,以期末审核结论为准)"
        f"{total.reviewed}条,审核率{rate_text(total.review_rate.rate)};"
        f"累计审核{total.ever_reviewed}条,其中曾退回修改{total.returned}条,"
        f"退回率{rate_text(total.return_rate.rate)}。"
    )
    counted = [
        (value, short_name_of(c.region))
        for c in children
        if (value := reviews.of(c.region.code).review_rate.rate) is not None
    ]
    if len(counted) > 1:
        plural, _unit = child_words(children)
        lowest = sorted(counted)[:LEAST_REVIEWED]
        names = "、".join(f"{name}({rate_text(value)})" for value, name in lowest)
        text += f"审核率较低的{plural}:{names},请督促及时审核。"
    return text


def _row(name: str, reviews: ReviewRates, code: str | None) -> list[str | int]:
    counts = reviews.total if code is None else reviews.of(code)
    return [
        name,
        counts.records,
        counts.reviewed,
        rate_number(counts.review_rate.rate),
        counts.ever_reviewed,
        counts.returned,
        rate_number(counts.return_rate.rate),
    ]


def review_table(
    reviews: ReviewRates, total: RegionIndicators, children: Sequence[RegionIndicators]
) -> SectionTable:
    """Every child region in the tree's order, then the region's total (合计)."""
    plural, _unit = child_words(children)
    return SectionTable(
        title=f"各{plural}数据审核情况(截至{chinese_date(reviews.end)})",
        columns=COLUMNS,
        rows=[_row(short_name_of(c.region), reviews, c.region.code) for c in children],
        total=_row(f"合计({short_name_of(total.region)})", reviews, None),
    )
