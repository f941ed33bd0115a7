"""The full service lists of a region as an XLSX workbook, one sheet per list.

The workbook holds names, ID numbers and phones: it is written for the staff who serve
these persons and goes only where the caller sends it. Every text is a text cell
(:mod:`sync.contract.safe_cells`): a name or a school never runs as a formula.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import Connection

from sync.contract.fields import FIELDS_BY_NAME
from sync.contract.indicators import RegionLookup, RegistryTables
from sync.contract.safe_cells import xlsx_row
from sync.contract.service_lists import LIST_COLUMNS, SERVICE_LISTS, service_list

SHEET_NAMES: dict[str, str] = {
    "priority_training": "优先培训",
    "priority_employment": "优先就业服务",
    "graduate_follow_up": "毕业生一对一帮扶",
}


def _cell(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_service_lists_xlsx(
    target: Path | IO[bytes],
    lists: Mapping[str, Sequence[Mapping[str, Any]]],
    tree: RegionLookup,
) -> None:
    """Write ``lists`` (kind -> rows of :data:`LIST_COLUMNS`) as one sheet per kind."""
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    bold = Font(bold=True)
    for kind, rows in lists.items():
        sheet = workbook.create_sheet(SHEET_NAMES[kind])
        sheet.append(xlsx_row(sheet, [SERVICE_LISTS[kind]]))
        sheet["A1"].font = bold
        header = [FIELDS_BY_NAME[name].label for name in LIST_COLUMNS]
        sheet.append(xlsx_row(sheet, [*header[:4], "地区名称", *header[4:]]))
        for cell in sheet[2]:
            cell.font = bold
        for row in rows:
            region = tree.get(str(row["region_code"]))
            values = [_cell(row.get(name)) for name in LIST_COLUMNS]
            cells = [*values[:4], region.name if region else "", *values[4:]]
            sheet.append(xlsx_row(sheet, cells))
        sheet.freeze_panes = "A3"
    workbook.save(target)


def export_service_lists(
    conn: Connection,
    tables: RegistryTables,
    tree: RegionLookup,
    region_code: str,
    year: int,
    target: Path | IO[bytes],
) -> dict[str, int]:
    """Write all three service lists of ``region_code``'s subtree; the count of each."""
    lists = {
        kind: service_list(conn, tables, tree, region_code, year, kind) for kind in SERVICE_LISTS
    }
    write_service_lists_xlsx(target, lists, tree)
    return {kind: len(rows) for kind, rows in lists.items()}
