"""Reading and writing CSV (UTF-8, with or without BOM) and XLSX tables at the centre.

Both are the contract's (:mod:`sync.contract.records_io`): cells are made safe on the way
out and the escaping undone on the way in (:mod:`sync.contract.safe_cells`), and an XLSX
file is checked for what it unpacks to before it is opened (:mod:`sync.contract.xlsx_limits`).
Here an unusable file becomes BadInput (exit 2 on the command line).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sync.central.problems import BadInput
from sync.contract import records_io


def read_table(path: Path) -> tuple[list[str], Iterator[list[Any]]]:
    """The header and the data rows of a CSV or XLSX file (empty cells as ""); BadInput when
    the file is unreadable. The reading itself is the contract's, shared with the laptop."""
    try:
        header, rows = records_io.read_table(path)
    except records_io.UnusableFileError as error:
        raise BadInput(str(error)) from None
    return header, (["" if v is None else v for v in row] for row in rows)


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write a CSV (UTF-8 with BOM, so spreadsheet programs read it) or an XLSX file, every
    cell made safe: the writing itself is the contract's, shared with the laptop."""
    try:
        records_io.write_table(path, header, rows)
    except records_io.UnusableFileError as error:
        raise BadInput(str(error)) from None
