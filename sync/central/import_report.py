"""The reports of imports: the refusals alone, and the per-row XLSX report of
``import-records --report FILE.xlsx``.

One line per data row of the imported file: what became of it (新建 created, 更新 updated,
无变化 unchanged, 拒绝 rejected), the record it went to, and for a refused row every broken
rule with its field and message, so county staff can correct the list and import it again.
A dry run writes the same report of what would happen. The report names rows and record ids,
never a person's name, ID number or phone (record ids are random: they give nothing away).
Every text is a text cell (:mod:`sync.contract.safe_cells`): a message never runs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from sync.central.import_chunk import ImportSummary, Rejection
from sync.central.tabular import write_table
from sync.contract.import_outcomes import OUTCOME_LABELS, REPORT_HEADER
from sync.contract.safe_cells import xlsx_row

_REJECTED_FILL = "FFC7CE"  # the spreadsheet programs' own "bad" red
_REFUSAL_KEYS = ("row", "field", "rule_id", "message")


def write_rejections(path: Path, rejections: Sequence[Rejection]) -> None:
    """One line per refusal: row, field, rule_id, message; JSON for a .json path, XLSX for
    .xlsx, else CSV (a path of another suffix gets .csv)."""
    items = [[r.row, r.field, r.rule_id, r.message] for r in rejections]
    suffix = path.suffix.lower()
    if suffix == ".json":
        payload = [dict(zip(_REFUSAL_KEYS, item, strict=True)) for item in items]
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    write_table(
        path if suffix in (".csv", ".xlsx") else path.with_suffix(".csv"), _REFUSAL_KEYS, items
    )


def write_row_report(path: Path, summary: ImportSummary, *, dry_run: bool) -> None:
    """Write the report; ``summary`` must have been made with row outcomes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    if summary.outcomes is None:
        raise ValueError("the import kept no row outcomes")
    refusals: dict[int, list[Rejection]] = defaultdict(list)
    for rejection in summary.rejections:
        refusals[rejection.row].append(rejection)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "导入结果(试运行)" if dry_run else "导入结果"
    sheet.append(xlsx_row(sheet, REPORT_HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    red = PatternFill("solid", start_color=_REJECTED_FILL, end_color=_REJECTED_FILL)
    for row, status, record_id in sorted(summary.outcomes):
        found = refusals.get(row, [])
        sheet.append(
            xlsx_row(
                sheet,
                [
                    row,
                    OUTCOME_LABELS.get(status, status),
                    record_id or "",
                    "；".join(dict.fromkeys(r.field for r in found)),
                    "；".join(r.rule_id for r in found),
                    "；".join(r.message for r in found),
                ],
            )
        )
        if status == "rejected":
            for cell in sheet[sheet.max_row]:
                cell.fill = red
    for column, width in zip("ABCDEF", (8, 8, 38, 24, 30, 60), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    totals = book.create_sheet("汇总")
    totals.append(xlsx_row(totals, ["项目", "数量"]))
    counts = summary.to_dict(dry_run)
    for key in ("rows", "created", "updated", "unchanged", "rejected"):
        totals.append(xlsx_row(totals, [OUTCOME_LABELS.get(key, "行数"), counts[key]]))
    totals.append(xlsx_row(totals, ["试运行(未写入)", "是" if dry_run else "否"]))
    book.save(path)
