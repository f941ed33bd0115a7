"""The weekly ranking (进度周排名) as text and as an XLSX sheet, in the style of the 通报's
attachments: rank, region, the round's figures, the week's gain, then the total.

A unit is highlighted (the attachments' light red) when it gained nothing in the week
while persons of its roster are still to be visited: those are the ones a Monday's call
goes to.
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from sync.central.progress import RankedRow, Tally
from sync.contract.indicator_values import rate, short_name_of
from sync.contract.regions import Region
from sync.contract.report.as_xlsx import BELOW_FILL
from sync.contract.safe_cells import xlsx_row

COLUMNS = ("排名", "地区", "底册人数", "已调查", "调查率(%)", "本周新增", "已审核", "退回")


def title(region: Region, year: int, as_of: date) -> str:
    """The sheet's heading."""
    return f"{region.name}{year}年残疾人就业实名制调查进度排名（截至{as_of.month}月{as_of.day}日）"


def stalled(tally: Tally) -> bool:
    """Nothing gained in the week with persons of the roster still to visit."""
    return tally.surveyed_last_7_days == 0 and tally.surveyed < tally.roster


def _cells(rank: int | str, name: str, tally: Tally) -> list[str | int | float]:
    value = rate(tally.surveyed, tally.roster)
    return [
        rank,
        name,
        tally.roster,
        tally.surveyed,
        "—" if value is None else float(value),
        tally.surveyed_last_7_days,
        tally.approved,
        tally.returned,
    ]


def _lines(rows: list[RankedRow], total: Tally) -> list[list[str | int | float]]:
    lines = [_cells(row.rank, short_name_of(row.region), row.tally) for row in rows]
    return [*lines, _cells("", "合计", total)]


def render_text(region: Region, year: int, as_of: date, rows: list[RankedRow], total: Tally) -> str:
    """The ranking as a plain table, one line per unit; stalled units end with ``*``."""
    out = [title(region, year, as_of), "\t".join(COLUMNS)]
    for line, stall in zip(
        _lines(rows, total), [stalled(r.tally) for r in rows] + [False], strict=True
    ):
        out.append("\t".join(str(cell) for cell in line) + ("\t*" if stall else ""))
    out.append("* 本周无新增且底册尚未调查完")
    return "\n".join(out) + "\n"


def render_xlsx(
    region: Region, year: int, as_of: date, rows: list[RankedRow], total: Tally
) -> bytes:
    """One sheet 进度排名: the heading, the columns, one row per unit, the total."""

    bold = Font(bold=True)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = "进度排名"
    sheet.append(xlsx_row(sheet, [title(region, year, as_of)]))
    sheet["A1"].font = bold
    sheet.append(xlsx_row(sheet, COLUMNS))
    for cell in sheet[2]:
        cell.font = bold
    lines = _lines(rows, total)
    for row, line in zip(rows, lines, strict=False):
        sheet.append(xlsx_row(sheet, line))
        if stalled(row.tally):
            for cell in sheet[sheet.max_row]:
                cell.fill = BELOW_FILL
    sheet.append(xlsx_row(sheet, lines[-1]))
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for column, width in zip("ABCDEFGH", (6, 16, 10, 10, 11, 10, 10, 8), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
