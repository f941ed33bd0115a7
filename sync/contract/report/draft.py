"""The draft 通报 in the seed's words, laid out once and rendered as text, Word and PDF.

Section 一 follows the seed's (一)-(六) sentence by sentence: the region's own figure, then
the regions one level down that fall short, named by short name with the rate in
parentheses, in descending order of rate. Sections 二 (entry timeliness, 突击录入) and 三
(service lists) are the report's additions. The attachments 附件1-6 rank every child region.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sync.contract.indicator_values import INDICATORS, RegionIndicators, short_name_of
from sync.contract.report.content import Report
from sync.contract.report.quality_words import quality_paragraphs
from sync.contract.report.review_words import SectionTable, review_paragraph, review_table
from sync.contract.report.wording import (
    QUARTER_NAMES,
    child_words,
    chinese_date,
    join_names,
    level_word,
    named,
    ranking,
    rate_number,
    rate_text,
    scope_word,
)
from sync.contract.service_lists import SERVICE_LISTS
from sync.contract.timeliness import RUSH_DAYS


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered part of the draft: 一、基本状况 and its paragraphs (一)-(六), and a short
    table after them where the part has one (数据审核)."""

    heading: str
    paragraphs: Sequence[str]
    table: SectionTable | None = None


@dataclass(frozen=True, slots=True)
class Attachment:
    """附件N: one row per child region, ranked, with the region's total as the last row."""

    title: str
    indicator: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str | int]]
    highlighted: Sequence[bool]
    total: Sequence[str | int]


@dataclass(frozen=True, slots=True)
class Draft:
    """The draft report, independent of how it is laid out."""

    title: str
    subtitle: str
    sections: Sequence[Section]
    attachments: Sequence[Attachment]


_ATTACHMENT_TITLES = {
    "entry_rate": ("残疾人就业状况录入率", "已录入人数", "就业年龄段残疾人数", "录入率(%)"),
    "urban_new_employment": ("城镇残疾人新增就业完成情况", "实际完成", "年度任务", "完成率(%)"),
    "rural_new_employment": ("农村残疾人新增就业完成情况", "实际完成", "年度任务", "完成率(%)"),
    "new_training": ("城乡残疾人新增培训完成情况", "实际完成", "年度任务", "完成率(%)"),
    "graduate_survey": ("高校残疾人毕业生调查录入情况", "已调查录入", "年度任务", "调查率(%)"),
    "graduate_employment": ("高校残疾人毕业生就业率", "实际就业", "应就业", "就业率(%)"),
}


def _period_words(report: Report) -> str:
    period = report.period
    if period.quarter is None:
        return f"{period.year}年度"
    return f"{period.year}年{QUARTER_NAMES[period.quarter]}"


def _short_of(report: Report, indicator: str) -> list[str]:
    children = report.indicators.children
    return [named(r.item, indicator) for r in ranking(children, indicator) if r.below(indicator)]


def _task_sentence(report: Report, indicator: str, number: int, done: str) -> str:
    """The seed's '全省除临夏(93.26%)未完成年度任务外,其它各市州均完成...' sentence."""
    if not report.indicators.children:
        return ""
    scope = scope_word(report.indicators.total.region)
    plural, _unit = child_words(report.indicators.children)
    short = _short_of(report, indicator)
    see = f"(详见附件{number})"
    if not short:
        return f"{scope}各{plural}均{done}{see}。"
    task = "录入任务" if number == 5 else "任务"
    return f"{scope}除{'、'.join(short)}未完成年度{task}外,其它各{plural}均{done}{see}。"


def _entry_paragraph(report: Report) -> str:
    total = report.indicators.total
    scope = scope_word(total.region)
    plural, _unit = child_words(report.indicators.children)
    entry = total.indicators["entry_rate"]
    missing = max(entry.denominator - entry.numerator, 0)
    text = (
        f"(一)总体录入状况。{scope}共有就业年龄段残疾人{entry.denominator}人,"
        f"系统已录入{entry.numerator}名残疾人就业状况,尚有{missing}名残疾人就业状况未录入,"
        f"平均录入率{rate_text(entry.rate)}。"
    )
    if not report.indicators.children:
        return text
    short = _short_of(report, "entry_rate")
    if not short:
        return text + f"{scope}各{plural}总体录入率均达到80%以上(详见附件1)。"
    return (
        text + f"{scope}{len(short)}个{plural}总体录入率不足80%,具体是{'、'.join(short)}"
        "(详见附件1)。"
    )


def _task_paragraphs(report: Report) -> list[str]:
    total = report.indicators.total
    scope, level = scope_word(total.region), level_word(total.region)
    paragraphs = []
    for number, indicator, heading, subject in (
        (2, "urban_new_employment", "(二)城镇新增就业状况。", "城镇残疾人新增就业"),
        (3, "rural_new_employment", "(三)农村新增就业状况。", "农村残疾人新增就业"),
        (4, "new_training", "(四)城乡新增培训状况。", "城乡残疾人新增培训"),
    ):
        value = total.indicators[indicator]
        paragraphs.append(
            f"{heading}{scope}{subject}年度任务{value.denominator}人,实际完成录入残疾人"
            f"{value.numerator}人,{level}年度完成率{rate_text(value.rate)}。"
            + _task_sentence(report, indicator, number, "完成或超额完成年度任务")
        )
    survey = total.indicators["graduate_survey"]
    paragraphs.append(
        "(五)高校残疾人毕业生调查率统计状况。高校残疾人毕业生就业创业服务信息年度任务"
        f"{survey.denominator}人,实际完成录入高校残疾人毕业生人数{survey.numerator}人,"
        f"{level}年度已调查录入率{rate_text(survey.rate)}。"
        + _task_sentence(report, "graduate_survey", 5, "完成年度录入任务")
    )
    return paragraphs


def _graduate_employment_paragraph(report: Report) -> str:
    """Names the regions at or above 60%, then those at 0% (the seed's (六))."""
    total = report.indicators.total
    scope, level = scope_word(total.region), level_word(total.region)
    plural, unit = child_words(report.indicators.children)
    jobs = total.indicators["graduate_employment"]
    text = (
        f"(六)高校残疾人毕业生就业率统计状况。{scope}{report.period.year}年度应就业高校残疾人"
        f"毕业生人数{jobs.denominator}人,实际就业{jobs.numerator}人,"
        f"{level}年度平均就业率{rate_text(jobs.rate)}。"
    )
    if not report.indicators.children:
        return text
    ranked = ranking(report.indicators.children, "graduate_employment")
    good = [
        named(r.item, "graduate_employment")
        for r in ranked
        if r.rank and not r.below("graduate_employment")
    ]
    zero = [
        short_name_of(r.item.region)
        for r in ranked
        if r.item.indicators["graduate_employment"].rate == 0
    ]
    if good:
        text += (
            f"{scope}只有{'、'.join(good)}等{len(good)}{unit}高校残疾人毕业生就业率达到60%以上。"
        )
    else:
        text += f"{scope}没有{plural}高校残疾人毕业生就业率达到60%以上。"
    if zero:
        text += f"{join_names(zero)}年度任务完成率0%"
    return text.removesuffix("。") + "(详见附件6)。"


def _basic(report: Report) -> Section:
    paragraphs = [
        _entry_paragraph(report),
        *_task_paragraphs(report),
        _graduate_employment_paragraph(report),
    ]
    return Section("一、基本状况", paragraphs)


def _timeliness(report: Report) -> Section:
    total = report.indicators.total
    scope = scope_word(total.region)
    rushed = [t for t in report.timeliness if t.rushed]
    entered = sum(t.total for t in report.timeliness)
    text = f"按各地首次保存(不晚于上传时间)统计,本期{scope}共录入{entered}条。"
    if rushed:
        names = "、".join(f"{short_name_of(t.region)}({t.in_last_days}/{t.total})" for t in rushed)
        text += (
            f"{names}超过半数数据集中在期末最后{RUSH_DAYS}天录入,存在突击录入现象,"
            "应建立数据采集和上传的常态化机制。"
        )
    else:
        text += "未发现期末集中突击录入现象。"
    return Section("二、录入时效", [text])


def _services(report: Report) -> Section:
    paragraphs = [
        f"({'一二三'[i]}){label}{report.services.get(kind, 0)}人。"
        for i, (kind, label) in enumerate(SERVICE_LISTS.items())
    ]
    paragraphs.append("以上人员名单可导出为XLSX,请各地逐人落实服务。")
    return Section("三、重点服务对象", paragraphs)


def _attachment(report: Report, number: int, indicator: str) -> Attachment:
    title, num_label, den_label, rate_label = _ATTACHMENT_TITLES[indicator]
    plural, _unit = child_words(report.indicators.children)
    ranked = ranking(report.indicators.children, indicator)
    rows = []
    for r in ranked:
        value = r.item.indicators[indicator]
        rows.append(
            [
                r.rank or "—",
                short_name_of(r.item.region),
                value.numerator,
                value.denominator,
                rate_number(value.rate),
            ]
        )
    own = report.indicators.total
    total_value = own.indicators[indicator]
    return Attachment(
        title=f"附件{number} 各{plural}{title}",
        indicator=indicator,
        columns=["排名", "地区", num_label, den_label, rate_label],
        rows=rows,
        highlighted=[r.below(indicator) for r in ranked],
        total=[
            "合计",
            short_name_of(own.region),
            total_value.numerator,
            total_value.denominator,
            rate_number(total_value.rate),
        ],
    )


def draft_of(report: Report) -> Draft:
    """The draft 通报 of ``report``."""
    total: RegionIndicators = report.indicators.total
    period = report.period
    sections = [_basic(report)]
    if report.timeliness:
        sections.append(_timeliness(report))
    if report.services:
        sections.append(_services(report))
    scope = scope_word(total.region)
    paragraphs = []
    if report.quality is not None:
        paragraphs = quality_paragraphs(report.quality, scope)
    if report.quality is not None or report.reviews is not None:
        heading = f"{'一二三四五'[len(sections)]}、数据质量"
        table = None
        if report.reviews is not None:
            number = "一二三四五六"[len(paragraphs)]
            children = report.indicators.children
            lead = f"({number})数据审核。"
            paragraphs.append(review_paragraph(report.reviews, scope, children, lead))
            table = review_table(report.reviews, total, children)
        sections.append(Section(heading, paragraphs, table))
    return Draft(
        title=f"关于{_period_words(report)}{total.region.name}残疾人就业和职业培训实名制统计管理工作情况的通报",
        subtitle=f"统计期间:{chinese_date(period.start)}至{chinese_date(period.end)}(按业务日期累计)",
        sections=sections,
        attachments=[
            _attachment(report, n, indicator) for n, indicator in enumerate(INDICATORS, start=1)
        ],
    )
