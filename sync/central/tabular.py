"""Reading and writing CSV (UTF-8, with or without BOM) and XLSX tables."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sync.central.problems import BadInput
from sync.contract import records_io


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise BadInput(f"{path.name}: only .csv and .xlsx files are supported")
    return suffix


def read_table(path: Path) -> tuple[list[str], Iterator[list[Any]]]:
    """The header and the data rows of a CSV or XLSX file (empty cells as ""); BadInput when
    the file is unreadable. The reading itself is the contract's, shared with the laptop."""
    try:
        header, rows = records_io.read_table(path)
    except records_io.UnusableFileError as error:
        raise BadInput(str(error)) from None
    return header, (["" if v is None else v for v in row] for row in rows)


def write_table(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Write a CSV (UTF-8 with BOM, so spreadsheet programs read it) or an XLSX file."""
    if _kind(path) == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        return
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
