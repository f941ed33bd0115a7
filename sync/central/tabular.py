"""Reading and writing CSV (UTF-8, with or without BOM) and XLSX tables."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sync.central.problems import BadInput


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise BadInput(f"{path.name}: only .csv and .xlsx files are supported")
    return suffix


def read_table(path: Path) -> tuple[list[str], Iterator[list[Any]]]:
    """The header and the data rows of a CSV or XLSX file; BadInput when it is unreadable."""
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    if _kind(path) == ".csv":
        return _read_csv(path)
    return _read_xlsx(path)


def _read_csv(path: Path) -> tuple[list[str], Iterator[list[Any]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(f"{path.name}: not UTF-8 text (byte {error.start})") from None
    try:
        rows = list(csv.reader(text.splitlines()))
    except csv.Error as error:
        raise BadInput(f"{path.name}: not a readable CSV file ({error})") from None
    if not rows:
        raise BadInput(f"{path.name}: the file is empty")
    return [h.strip() for h in rows[0]], iter(rows[1:])


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[list[Any]]]:
    from openpyxl import load_workbook  # slow to import; only XLSX needs it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken file
        raise BadInput(f"{path.name}: not a readable XLSX file ({type(error).__name__})") from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise BadInput(f"{path.name}: the first sheet is empty")

    def data() -> Iterator[list[Any]]:
        for row in rows:
            yield ["" if v is None else v for v in row]
        book.close()

    return ["" if h is None else str(h).strip() for h in header], data()


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
