"""The user guide's table of rule messages is generated from the shipped rules file.

``python -m tests.ui.test_user_guide`` rewrites the table in docs/用户指南.md; the test
fails when the rules changed and the guide was not regenerated, or a screenshot is missing.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from sync.contract.fields import FIELDS_BY_NAME

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "用户指南.md"
RULES = ROOT / "resources" / "rules" / "rules.json"
BEGIN, END = "<!-- rules:begin -->", "<!-- rules:end -->"

# What to do, by the kind of rule (resources/rules/README.md describes the kinds).
HOW_TO_FIX = {
    "required": "在标红的项目中填写或选择内容。",
    "pattern": "按提示的格式改正，多为抄写时多打、漏打或看错。",
    "id_check_digit": "对照身份证原件逐位核对，常见的是两位数字颠倒或一位看错。",
    "id_birth_date": "核对身份证号第7到14位（出生年月日）和调查日期。",
    "code_in": "从下拉列表中重新选择。",
    "cert_matches": "对照残疾人证核对证号，以及所选的残疾类别、残疾等级。",
    "region": "从列表中选择本县（市、区）或乡镇（街道）。",
    "required_if": "根据前面的选择补填此项。",
    "year_range": "核对年份是否抄错。",
    "date_not_future": "核对调查日期，不能填将来的日期。",
    "date_not_before_age": "核对就业时间和身份证号。",
    "date_order": "核对就业时间和调查日期的先后。",
    "working_age": "这是提醒：核实无误后勾选“我已核实以上提醒”再保存，或按 Ctrl+S 后按回车确认。",
    "person_name": "照身份证上的姓名重新输入，不要从别处复制；少数民族姓名中间的点用“·”。",
    "plain_text": "清空这一项后用键盘重新输入，不要从网页或聊天软件复制粘贴。",
    "max_items": "一条记录只填本年度的培训；删去重复或往年的培训。",
}
SEVERITY = {"error": "错误", "warning": "提醒"}


def rules_markdown() -> str:
    """The table of every rule in the shipped rules file, in the guide's words."""
    data = json.loads(RULES.read_text(encoding="utf-8"))
    lines = [
        f"规则版本：{data['version']}。",
        "",
        "| 提示信息 | 类别 | 涉及项目 | 怎么改 | 规则编号 |",
        "|---|---|---|---|---|",
    ]
    for rule in data["rules"]:
        fields = "、".join(
            FIELDS_BY_NAME[f].label if f in FIELDS_BY_NAME else f for f in rule["fields"]
        )
        how = HOW_TO_FIX.get(rule["kind"], "按提示信息改正。")
        lines.append(
            f"| {rule['message']} | {SEVERITY[rule['severity']]} | {fields} | {how} "
            f"| {rule['id']} |"
        )
    lines += [
        "",
        "格式不对时的提示（“{label}”是项目名称）：",
        "",
        "| 提示信息 | 怎么改 |",
        "|---|---|",
    ]
    for kind, message in data["format_messages"].items():
        lines.append(f"| {message} | {_FORMAT_HOW.get(kind, '按提示信息改正。')} |")
    return "\n".join(lines)


_FORMAT_HOW = {
    "text": "删去多余的字，不超过规定的字数。",
    "bool": "勾选或取消勾选。",
    "date": "日期写成 2024-03-05 这样的格式。",
    "int": "只填数字。",
    "code": "从下拉列表中选择。",
    "uuid": "按 Ctrl+S 重新保存；仍然出现请联系管理员。",
    "record": "请联系管理员。",
    "unknown_field": "导入文件时出现：改用规定的列名。",
    "trainings": "删除多余的内容，只填四项。",
}


def _section(text: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[start:end].strip()


def test_the_guide_lists_every_rule_as_the_rules_file_says() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert _section(text) == rules_markdown(), "run: python -m tests.ui.test_user_guide"
    assert set(json.loads(RULES.read_text(encoding="utf-8"))["format_messages"]) <= set(_FORMAT_HOW)


def test_every_picture_in_the_guide_exists_and_is_small() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    shots = GUIDE.parent / "screenshots"
    assert sorted(pictures) == sorted(f"screenshots/{p.name}" for p in shots.glob("*.png"))
    for picture in pictures:
        path = (GUIDE.parent / picture).resolve()
        assert path.exists(), picture
        assert path.stat().st_size < 200_000, picture


def rewrite() -> None:
    """Put the current table into the guide."""
    text = GUIDE.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    GUIDE.write_text(text[:start] + "\n" + rules_markdown() + "\n" + text[end:], "utf-8")


if __name__ == "__main__":
    rewrite()
    sys.exit(0)
