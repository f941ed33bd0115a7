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
from sync.contract.report.review_words import SectionTable
from sync.contract.safe_cells import xlsx_row

# A light red fill marks a region below the indicator's threshold (Excel's "bad" colour).
BELOW_FILL = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")
_BOLD = Font(bold=True)
REVIEW_SHEET = "数据审核"


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


def _fill_table(sheet: Worksheet, table: SectionTable) -> None:
    sheet.append(xlsx_row(sheet, [table.title]))
    sheet["A1"].font = _BOLD
    sheet.append(xlsx_row(sheet, table.columns))
    for cell in sheet[2]:
        cell.font = _BOLD
    for row in table.rows:
        sheet.append(xlsx_row(sheet, [_as_cell(v) for v in row]))
    sheet.append(xlsx_row(sheet, [_as_cell(v) for v in table.total]))
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
    sheet.column_dimensions["A"].width = 18
    for cell in sheet[2][1:]:
        sheet.column_dimensions[cell.column_letter].width = 12
    sheet.freeze_panes = "A3"


def render_xlsx(report: Report) -> bytes:
    """Six sheets 附件1-6: rank, region, numerator, denominator, rate, then the total row;
    and a sheet 数据审核 with the review and return rates where the report has them."""
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    draft = draft_of(report)
    for number, attachment in enumerate(draft.attachments, start=1):
        _fill(workbook.create_sheet(sheet_name(number)), attachment)
    for section in draft.sections:
        if section.table is not None:
            _fill_table(workbook.create_sheet(REVIEW_SHEET), section.table)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
