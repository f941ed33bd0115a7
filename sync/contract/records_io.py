"""Records in CSV/XLSX files (docs/protocol.md): reading rows, folding trainings,
and writing the export. Pure: no database, no HTTP; both ends may use it.

A file has one row per training: the rows of one person (same record_id, else same
id_number) fold into one record whose ``trainings`` gets each row's training, replacing a
training of the same year and type. Headers may be the field names or their Chinese labels.
A person without a record_id keeps none here: the importer finds them by ID number or makes
a fresh random id (an id derived from the ID number would give the number away).

Every cell is written and read through :mod:`sync.contract.safe_cells` (no text becomes a
formula), and an XLSX file is checked against :mod:`sync.contract.xlsx_limits` before
openpyxl opens it (no zip bomb).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sync.contract.column_mapping import ColumnMapping
from sync.contract.fields import RECORD_FIELDS, TRAINING_COLUMNS
from sync.contract.normalization import normalize
from sync.contract.safe_cells import csv_row, read_text, xlsx_row
from sync.contract.xlsx_limits import xlsx_problem

EXPORT_COLUMNS: tuple[str, ...] = (
    *(f.name for f in RECORD_FIELDS if f.kind != "trainings"),
    *TRAINING_COLUMNS,
)
_NAMES: dict[str, str] = {f.label: f.name for f in RECORD_FIELDS}
_NAMES.update({"培训年度": "trainings", "培训类型": "trainings", "培训期限": "trainings"})
_NAMES.update({"培训主体": "trainings", **{c: "trainings" for c in TRAINING_COLUMNS}})


def field_name(header: str) -> str:
    """The record field a column header (name or Chinese label) fills."""
    name = header.strip()
    return _NAMES.get(name, name)


class UnusableFileError(ValueError):
    """The file itself is unusable (missing, wrong type, not UTF-8, no header)."""


class SuspiciousFileError(UnusableFileError):
    """An XLSX file refused before it is opened (a zip bomb, say): its message is written
    for the worker, in Chinese, and says why."""


@dataclass(slots=True)
class FileRecord:
    """One person read from a file: the record and the data rows (1-based, header = 1)."""

    record: dict[str, Any]
    rows: list[int] = field(default_factory=list)
    # The record fields the file has columns for: an import overwrites only these.
    columns: frozenset[str] = frozenset()


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, {header: value}) for every non-empty data row; UnusableFileError if unusable."""
    header, rows = read_table(path)
    if not any(header):
        raise UnusableFileError(f"{path.name}: the first row holds no column names")
    for number, values in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        # A blank cell is no value, whether CSV gives "" or XLSX gives None.
        yield (
            number,
            {h: (None if v == "" else v) for h, v in zip(header, values, strict=False) if h},
        )


def fold_training(trainings: Sequence[Mapping[str, Any]], new: Mapping[str, Any]) -> list[Any]:
    """``trainings`` with ``new`` added, or replacing the one of the same year and type."""
    result = [dict(t) for t in trainings]
    for i, old in enumerate(result):
        if old.get("year") == new.get("year") and old.get("type") == new.get("type"):
            result[i] = dict(new)
            return result
    result.append(dict(new))
    return result


def read_records(path: Path, mapping: ColumnMapping | None = None) -> list[FileRecord]:
    """The persons of a file, normalised, each row's training folded into its person.

    With ``mapping`` (a department's list), headers are renamed by it first and the columns
    it leaves out are dropped.
    """
    people: dict[str, FileRecord] = {}
    for number, raw in read_rows(path):
        if mapping is not None:
            raw = _renamed(raw, mapping)
        columns = frozenset(field_name(h) for h in raw)
        record = normalize(raw)
        trainings = record.get("trainings") or []
        key = _person_key(record, number)
        known = people.get(key)
        if known is None:
            people[key] = FileRecord(record, [number], columns)
            continue
        known.rows.append(number)
        if isinstance(trainings, list):
            for training in trainings:
                known.record["trainings"] = fold_training(known.record["trainings"], training)
    return list(people.values())


def _renamed(raw: Mapping[str, Any], mapping: ColumnMapping) -> dict[str, Any]:
    renamed: dict[str, Any] = {}
    for header, value in raw.items():
        key = header.strip()
        target = mapping.targets.get(key, key)
        if target is not None:
            renamed[target] = value
    return renamed


def _person_key(record: Mapping[str, Any], number: int) -> str:
    if record.get("record_id"):
        return f"id:{record['record_id']}"
    if isinstance(record.get("id_number"), str) and record["id_number"]:
        return f"no:{record['id_number']}"
    return f"row:{number}"  # nobody to fold into: the rules will name what is missing


def export_rows(records: Iterable[Mapping[str, Any]]) -> Iterator[list[Any]]:
    """The export's data rows: one per training, one for a person without any."""
    for record in records:
        base = [_cell(record.get(name)) for name in EXPORT_COLUMNS[: -len(TRAINING_COLUMNS)]]
        trainings = record.get("trainings") or [{}]
        for training in trainings:
            yield base + [_cell(training.get(key)) for key in TRAINING_COLUMNS.values()]


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return 1 if value else 0  # CSV/XLSX booleans are 0/1 (docs/protocol.md)
    return "" if value is None else value


def write_records(path: Path, records: Iterable[Mapping[str, Any]]) -> int:
    """Write ``records`` to a CSV (UTF-8 with BOM, for Excel) or XLSX file; rows written."""
    return write_table(path, EXPORT_COLUMNS, export_rows(records))


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write a CSV (UTF-8 with BOM, so spreadsheet programs read it) or XLSX file, every
    cell made safe (:mod:`sync.contract.safe_cells`); the number of data rows written."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UnusableFileError(f"{path.name}: only .csv and .xlsx files are supported")
    count = 0
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(csv_row(header))
            for row in rows:
                writer.writerow(csv_row(row))
                count += 1
        return count
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("records")
    sheet.append(xlsx_row(sheet, header))
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
        count += 1
    book.save(path)
    return count


def read_table(path: Path) -> tuple[list[str], Iterator[list[Any]]]:
    """The header and data rows of a CSV (UTF-8, with or without BOM) or XLSX file, with the
    writers' escaping undone (:func:`sync.contract.safe_cells.read_text`).

    Empty XLSX cells are None; UnusableFileError names the file and what is wrong with it,
    among others an XLSX file that would unpack to too much (:mod:`sync.contract.xlsx_limits`).
    XLSX is read in read-only mode: the rows stream, never the whole sheet in memory.
    """
    if not path.is_file():
        raise UnusableFileError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnusableFileError(f"{path.name}: not UTF-8 text (byte {exc.start})") from None
        try:
            rows = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            raise UnusableFileError(f"{path.name}: not a readable CSV file ({exc})") from None
        if not rows:
            raise UnusableFileError(f"{path.name}: the file is empty")
        if "'" in text:  # only then can a cell hold the writers' escaping
            rows = [[read_text(v) for v in row] for row in rows]
        return [h.strip() for h in rows[0]], iter(rows[1:])
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise UnusableFileError(f"{path.name}: only .csv and .xlsx files are supported")


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[list[Any]]]:
    from openpyxl import load_workbook

    problem = xlsx_problem(path)
    if problem is not None:
        raise SuspiciousFileError(problem)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        kind = type(exc).__name__
        raise UnusableFileError(f"{path.name}: not a readable XLSX file ({kind})") from None
    rows = _sheet_rows(book)
    header = next(rows, None)
    if header is None:
        raise UnusableFileError(f"{path.name}: the first sheet is empty")
    names = [str(h).strip() if h is not None else "" for h in header]
    return names, rows


def _sheet_rows(book: Any) -> Iterator[list[Any]]:
    # A read-only workbook holds its file open until closed: close it when the rows end.
    try:
        for row in book.worksheets[0].iter_rows(values_only=True):
            yield [read_text(v) for v in row]
    finally:
        book.close()
