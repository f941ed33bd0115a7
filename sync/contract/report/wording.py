"""How the draft 通报 speaks: rates as the seed writes them, thresholds, rankings, scope words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sync.contract.indicator_values import RegionIndicators, RegionLike, short_name_of

# Below these the regions are named (docs/indicators.md); graduate employment names those
# at or above its threshold instead, and those at 0%.
THRESHOLDS: dict[str, Decimal] = {
    "entry_rate": Decimal(80),
    "urban_new_employment": Decimal(100),
    "rural_new_employment": Decimal(100),
    "new_training": Decimal(100),
    "graduate_survey": Decimal(100),
    "graduate_employment": Decimal(60),
}
QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
# Words for the regions one level down: (plural as the seed writes it, counting unit).
_CHILD_WORDS = {
    "prefecture": ("市州", "市"),
    "county": ("县区", "县区"),
    "township": ("乡镇", "乡镇"),
}
_LEVEL_WORDS = {"province": "省级", "prefecture": "市级", "county": "县级", "township": "乡镇级"}


def rate_text(value: Decimal | None) -> str:
    """A rate as the seed writes it: ``74.04%``, ``99.6%``, ``80%``; ``—`` when undefined."""
    if value is None:
        return "—"
    digits = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{digits}%"


def rate_number(value: Decimal | None) -> str:
    """A rate in a table cell: two decimals without the percent sign; ``—`` when undefined."""
    return "—" if value is None else f"{value:.2f}"


def chinese_date(day: date) -> str:
    """``2024年6月30日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def scope_word(region: RegionLike) -> str:
    """全省, 全市, 全州, 全县, 全区: the report's region as the subject of a sentence."""
    if region.level == "province":
        return "全省"
    if region.name.endswith("街道"):
        return "全街道"
    return "全" + region.name[-1]


def level_word(region: RegionLike) -> str:
    """省级, 市级, 县级: the level of the report's own figure."""
    return _LEVEL_WORDS.get(region.level, "")


def child_words(children: Sequence[RegionIndicators]) -> tuple[str, str]:
    """(plural, unit) for the regions one level down: (市州, 市), (县区, 县区), (乡镇, 乡镇)."""
    if not children:
        return ("下级地区", "个")
    return _CHILD_WORDS.get(children[0].region.level, ("下级地区", "个"))


def named(item: RegionIndicators, indicator: str) -> str:
    """``嘉峪关(77.63%)``."""
    return f"{short_name_of(item.region)}({rate_text(item.indicators[indicator].rate)})"


@dataclass(frozen=True, slots=True)
class Ranked:
    """A child region's place for one indicator (rank None when its rate is undefined)."""

    item: RegionIndicators
    rank: int | None

    def below(self, indicator: str) -> bool:
        """True when the rate is under the indicator's threshold (the row is highlighted)."""
        value = self.item.indicators[indicator].rate
        return value is not None and value < THRESHOLDS[indicator]


def ranking(children: Sequence[RegionIndicators], indicator: str) -> list[Ranked]:
    """Children by descending rate (ties share a rank, then list order); undefined rates last."""
    with_rate = [c for c in children if c.indicators[indicator].rate is not None]
    without = [c for c in children if c.indicators[indicator].rate is None]
    with_rate.sort(key=lambda c: c.indicators[indicator].rate or Decimal(0), reverse=True)
    ranked: list[Ranked] = []
    previous: Decimal | None = None
    rank = 0
    for place, child in enumerate(with_rate, start=1):
        value = child.indicators[indicator].rate
        if value != previous:
            rank, previous = place, value
        ranked.append(Ranked(child, rank))
    ranked.extend(Ranked(c, None) for c in without)
    return ranked


def join_names(names: Sequence[str]) -> str:
    """``A和B``, ``A、B和C``."""
    if len(names) <= 1:
        return "".join(names)
    return "、".join(names[:-1]) + "和" + names[-1]
