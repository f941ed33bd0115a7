"""What became of each person of an imported list, in the words both ends' reports use.

The laptop's 导入名单 dialog and the centre's ``import-records --report`` write the same
columns and the same outcome words, as the user guide names them.
"""

from __future__ import annotations

OUTCOME_LABELS: dict[str, str] = {
    "created": "新建",
    "updated": "更新",
    "unchanged": "无变化",
    "rejected": "拒绝",
}
REPORT_HEADER: tuple[str, ...] = ("行号", "结果", "记录编号", "字段", "规则", "说明")
