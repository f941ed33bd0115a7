"""The data-quality section of a quarterly draft (数据质量), from :mod:`sync.contract.quality`.

Three paragraphs in the report's register: how complete the quarter's entries are, what the
双随机 spot checks found (the share of checked persons with an error, and the fields most
often wrong), and how many possible duplicate registrations wait for review.
"""

from __future__ import annotations

from sync.contract.fields import FIELDS_BY_NAME
from sync.contract.quality import OPTIONAL_FIELDS, QualityReport
from sync.contract.report.wording import rate_text

MOST_WRONG = 3  # the fields named as most often wrong


def _label(name: str) -> str:
    field = FIELDS_BY_NAME.get(name)
    return field.label if field is not None else name


def completeness_paragraph(quality: QualityReport, scope: str) -> str:
    """(一) How many persons were surveyed and how often each optional field is filled."""
    total = quality.total
    if total.surveyed == 0:
        return f"(一)本季度{scope}无调查录入记录。"
    shares = "、".join(
        f"{_label(name)}{rate_text(total.completeness[name].rate)}" for name in OPTIONAL_FIELDS
    )
    return f"(一)本季度{scope}调查录入{total.surveyed}人,选填项填写率:{shares}。"


def spot_check_paragraph(quality: QualityReport) -> str:
    """(二) What the inspectors found, or that no results have come in."""
    checks = quality.total.spot_checks
    if checks.records.denominator == 0:
        return "(二)本季度尚无双随机抽查核对结果。"
    text = (
        f"(二)双随机抽查核对{checks.records.denominator}人{checks.fields.denominator}项,"
        f"{checks.records.numerator}人存在差错,人员差错率{rate_text(checks.records.rate)}"
        f"(项目差错率{rate_text(checks.fields.rate)})。"
    )
    wrong = sorted(
        (s for s in checks.by_field.items() if s[1].numerator),
        key=lambda item: (-item[1].numerator, item[0]),
    )[:MOST_WRONG]
    if wrong:
        named = "、".join(f"{_label(name)}({rate_text(share.rate)})" for name, share in wrong)
        text += f"差错较多的项目:{named},请录入人员对照核实更正。"
    return text


def duplicates_paragraph(quality: QualityReport) -> str:
    """(三) Possible duplicate registrations for review."""
    found = quality.total.duplicates
    count = sum(found.values())
    if count == 0:
        return "(三)未发现疑似重复登记。"
    return (
        f"(三)发现疑似重复登记{count}组(残疾人证号相同{found.get('certificate', 0)}组,"
        f"同一县内姓名和出生日期相同{found.get('name_birth', 0)}组),"
        "请各地逐一核实,确属重复的予以注销。"
    )


def quality_paragraphs(quality: QualityReport, scope: str) -> list[str]:
    """The section's paragraphs; ``scope`` is the report's subject (全省, 全市...)."""
    return [
        completeness_paragraph(quality, scope),
        spot_check_paragraph(quality),
        duplicates_paragraph(quality),
    ]
