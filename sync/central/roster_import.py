"""``import-reference roster FILE``: load the roster (调查底册) of one or more years.

Every row is checked before anything is written: the year, and the record's own rules
(:func:`sync.contract.validate`) for the roster's fields (ID number with its check digit,
the certificate number against it, the codes, the region in the tree), so a row the roster
accepts is one a worker's record of that person may start from. A refused row names its
row, field and rule; when any row is refused nothing is written, since the file would
otherwise take the refused persons off the roster.

Importing the roster of year Y makes the file's rows that year's whole roster: a person
new to it is added, a changed entry updated, a person missing from the file taken off it
(``deleted``; records are never touched). An entry that is the same as the file's row
stays as it is, so importing a file again changes nothing. Every change takes the next seq
of the roster's counter (:data:`sync.central.sequence.ROSTER_COUNTER`), in one transaction,
for ``GET /sync/roster`` to hand out incrementally.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, update

from sync.central.bulk import insert_tuples, stamper
from sync.central.clock import utc_now
from sync.central.db import write_transaction
from sync.central.import_chunk import Rejection
from sync.central.problems import BadInput
from sync.central.row_batches import Batch, in_workers, row_batches
from sync.central.sequence import ROSTER_COUNTER, lock_counter, store_counter
from sync.central.tables import roster
from sync.central.tabular import read_table
from sync.contract import RuleSet, default_rules, validate
from sync.contract.fields import FIELDS_BY_NAME
from sync.contract.normalization import normalize_fields
from sync.contract.tables import ROSTER_FIELDS

COLUMNS = ("year", *ROSTER_FIELDS)
_YEAR_LABELS = ("年度", "调查年度")
_LABELS = {FIELDS_BY_NAME[name].label: name for name in ROSTER_FIELDS}
_LABELS.update(dict.fromkeys(_YEAR_LABELS, "year"))
_FIELD_SET = frozenset(ROSTER_FIELDS)
_BUSINESS = ROSTER_FIELDS[1:]  # what an entry says of its person, after the id_number
_REGION = _BUSINESS.index("region_code")
FIRST_YEAR = 2000
CHUNK_ROWS = 10_000  # rows checked per batch (by every core, when there are more)


@dataclass(slots=True)
class RosterSummary:
    """What a roster import did (or, in a dry run, would do)."""

    rows: int = 0
    years: list[int] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    taken_off: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        """How many rows were refused."""
        return len({r.row for r in self.rejections})

    def to_dict(self, dry_run: bool) -> dict[str, Any]:
        """The one JSON line the command prints."""
        return {
            "kind": "roster",
            "rows": self.rows,
            "accepted": self.rows - self.rejected,
            "rejected": self.rejected,
            "years": self.years,
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "taken_off": self.taken_off,
            "written": not dry_run and not self.rejections,
            "dry_run": dry_run,
        }


def _column_names(header: list[str], file_name: str) -> list[str]:
    names = []
    for position, title in enumerate(header, start=1):
        name = _LABELS.get(str(title).strip(), str(title).strip())
        if name not in COLUMNS:
            raise BadInput(f"{file_name}: column {position} {title!r} is no column of the roster")
        if name in names:
            raise BadInput(f"{file_name}: column {title!r} appears twice")
        names.append(name)
    missing = [c for c in COLUMNS if c not in names and c not in ("village", "address", "phone")]
    if missing:
        raise BadInput(f"{file_name}: missing columns {', '.join(missing)}")
    return names


@cache
def roster_rules() -> RuleSet:
    """The centre's rules that judge the roster's fields alone: what validate() says of a
    roster entry with the full rules, less what concerns fields a roster has not."""
    rules = default_rules()
    mine = [r for r in rules.rules if r.severity == "error" and _FIELD_SET.issuperset(r.fields)]
    return RuleSet(rules.version, mine, rules.format_messages)


def _year(value: Any, last: int) -> int | None:
    text = str(value).strip().removesuffix(".0")  # spreadsheets store whole numbers as floats
    if text.isascii() and text.isdigit() and FIRST_YEAR <= int(text) <= last:
        return int(text)
    return None


def check_row(
    number: int, cells: Mapping[str, Any], today: date
) -> tuple[int, dict[str, Any]] | list[Rejection]:
    """One row's year and entry (the roster's fields in canonical form), or its refusals."""
    refusals = []
    year = _year(cells.get("year", ""), today.year + 1)
    if year is None:
        message = f"调查年度须为 {FIRST_YEAR} 至 {today.year + 1} 之间的年份"
        refusals.append(Rejection(number, "year", "roster.year", message))
    entry = normalize_fields({name: cells.get(name) for name in ROSTER_FIELDS})
    for finding in validate(entry, today=today, rules=roster_rules()):
        if finding.severity == "error":
            for name in finding.fields:
                refusals.append(Rejection(number, name, finding.rule_id, finding.message))
    if refusals or year is None:
        return refusals
    return year, entry


# What an entry says of its person: the values of _BUSINESS, in order.
Values = tuple[Any, ...]
# A checked row: its number, and its (year, id_number, values) or its refusals.
Checked = tuple[int, tuple[int, str, Values] | list[Rejection]]


def check_rows(names: list[str], rows: Batch, today: date) -> list[Checked]:
    """:func:`check_row` of each ``(row number, cells)`` of a file with these columns, an
    entry as plain values (they travel back from a worker process)."""
    out: list[Checked] = []
    for number, raw in rows:
        cells = {name: raw[i] if i < len(raw) else "" for i, name in enumerate(names)}
        checked = check_row(number, cells, today)
        if isinstance(checked, list):
            out.append((number, checked))
        else:
            year, entry = checked
            out.append((number, (year, entry["id_number"], tuple(entry[n] for n in _BUSINESS))))
    return out


def read_roster(path: Path, today: date) -> tuple[dict[int, dict[str, Values]], RosterSummary]:
    """The checked entries of a roster file by year and id_number (the values of the other
    fields), and the summary of the rows read (every refused row with each field and rule)."""
    header, data = read_table(path)
    names = _column_names(header, path.name)
    summary = RosterSummary()
    years: dict[int, dict[str, Values]] = {}
    first_row: dict[tuple[int, str], int] = {}
    batches = row_batches(data, CHUNK_ROWS, summary)
    work = partial(check_rows, names, today=today)
    for batch in in_workers(work, batches, os.cpu_count() or 2):
        for number, checked in batch:
            if isinstance(checked, list):
                summary.rejections.extend(checked)
                continue
            year, id_number, values = checked
            key = (year, id_number)
            if key in first_row:
                words = f"该身份证号在本年度底册中重复（与第 {first_row[key]} 行）"
                summary.rejections.append(Rejection(number, "id_number", "roster.repeated", words))
                continue
            first_row[key] = number
            years.setdefault(year, {})[id_number] = values
    summary.years = sorted(years)
    return years, summary


def import_roster(
    engine: Engine, path: Path, *, dry_run: bool = False, today: date | None = None
) -> RosterSummary:
    """Check the file and, unless a row is refused or it is a dry run, make each of its
    years' rows that year's whole roster (see the module doc)."""
    years, summary = read_roster(path, today or date.today())
    if summary.rejections:
        return summary
    with write_transaction(engine) as conn:
        last = lock_counter(conn, ROSTER_COUNTER)
        seq = last
        for year in summary.years:
            seq = _replace_year(conn, year, years[year], seq, summary, dry_run)
        if seq != last and not dry_run:
            store_counter(conn, seq, ROSTER_COUNTER)
    return summary


def _stored(conn: Connection, year: int) -> dict[str, tuple[Values, bool]]:
    """The stored entries of ``year``: id_number -> (values, deleted)."""
    columns = [roster.c[name] for name in (*ROSTER_FIELDS, "deleted")]
    rows = conn.execute(select(*columns).where(roster.c.year == year))
    return {row[0]: (tuple(row[1:-1]), bool(row[-1])) for row in rows}


def _change(
    values: Values, *, deleted: bool, seq: int, left: str | None, at: Any
) -> dict[str, Any]:
    return dict(zip(_BUSINESS, values, strict=True)) | {
        "deleted": deleted,
        "seq": seq,
        "left": left,
        "at": at,
    }


def _replace_year(
    conn: Connection,
    year: int,
    entries: dict[str, Values],
    seq: int,
    summary: RosterSummary,
    dry_run: bool,
) -> int:
    """Make ``entries`` the roster of ``year``; the last seq used."""
    at = utc_now()
    now = stamper(conn)(at)  # for insert_tuples
    new: list[tuple[Any, ...]] = []
    changes: list[dict[str, Any]] = []
    stored = _stored(conn, year)
    for number, values in entries.items():
        old = stored.get(number)
        if old is None:
            seq += 1
            summary.added += 1
            new.append((year, number, *values, False, seq, None, now))
        elif old[1] or old[0] != values:
            seq += 1
            summary.changed += 1
            was = old[0][_REGION]
            moved = was if was != values[_REGION] else None
            change = _change(values, deleted=False, seq=seq, left=moved, at=at)
            changes.append(change | {"b_id_number": number})
        else:
            summary.unchanged += 1
    for number, (values, deleted) in stored.items():
        if number not in entries and not deleted:
            seq += 1
            summary.taken_off += 1
            change = _change(values, deleted=True, seq=seq, left=None, at=at)
            changes.append(change | {"b_id_number": number})
    if dry_run:
        return seq
    insert_tuples(conn, roster, new)
    if changes:
        statement = (
            update(roster)
            .where(roster.c.year == year, roster.c.id_number == bindparam("b_id_number"))
            .values(
                {name: bindparam(name) for name in _BUSINESS}
                | {
                    "deleted": bindparam("deleted"),
                    "seq": bindparam("seq"),
                    "left_region_code": bindparam("left"),
                    "changed_at": bindparam("at"),
                }
            )
        )
        conn.execute(statement, changes)
    return seq
