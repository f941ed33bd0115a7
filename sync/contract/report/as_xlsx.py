"""The attachments 附件1-6 as an XLSX workbook: one sheet each, short rows highlighted.

Rates and counts are numbers; every text is a text cell (:mod:`sync.contract.safe_cells`).
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from sync.contract.report.content import Report
from sync.contract.report.draft import Attachment, draft_of
from sync.contract.safe_cells import xlsx_row

# A light red fill marks a region below the indicator's threshold (Excel's "bad" colour).
BELOW_FILL = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")
_BOLD = Font(bold=True)


def sheet_name(number: int) -> str:
    """``附件1`` ... ``附件6``."""
    return f"附件{number}"


def _as_cell(value: str | int) -> str | int | float:
    # Rates go in as numbers so the sheet can sort and chart them; "—" stays text.
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def _fill(sheet: Worksheet, attachment: Attachment) -> None:
    sheet.append(xlsx_row(sheet, [attachment.title]))
    sheet["A1"].font = _BOLD
    sheet.append(xlsx_row(sheet, attachment.columns))
    for cell in sheet[2]:
        cell.font = _BOLD
    for row, low in zip(attachment.rows, attachment.highlighted, strict=True):
        sheet.append(xlsx_row(sheet, [_as_cell(v) for v in row]))
        if low:
            for cell in sheet[sheet.max_row]:
                cell.fill = BELOW_FILL
    sheet.append(xlsx_row(sheet, [_as_cell(v) for v in attachment.total]))
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
    for column, width in zip("ABCDE", (8, 16, 16, 20, 14), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"


def render_xlsx(report: Report) -> bytes:
    """Six sheets 附件1-6: rank, region, numerator, denominator, rate, then the total row."""
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    for number, attachment in enumerate(draft_of(report).attachments, start=1):
        _fill(workbook.create_sheet(sheet_name(number)), attachment)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
