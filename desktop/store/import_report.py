"""The per-row report of a list import, as an XLSX file the county staff can keep or send.

One line per person of the file: the rows they fill, what became of them, and for a
refused person each rule that refused them. No names or ID numbers: the row numbers point
into the file the staff already hold. Every text is a text cell
(:mod:`sync.contract.safe_cells`): a message never runs as a formula.
"""

from __future__ import annotations

from pathlib import Path

from desktop.store.importing import ImportReport
from sync.contract.import_outcomes import OUTCOME_LABELS, REPORT_HEADER
from sync.contract.safe_cells import xlsx_row


def write_import_report(path: Path, report: ImportReport) -> int:
    """Write ``report`` to the XLSX file ``path``; the number of lines written."""
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"{path.name}: the report is written as an .xlsx file")
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("试导入" if report.dry_run else "导入")
    sheet.append(xlsx_row(sheet, REPORT_HEADER))
    count = 0
    for outcome in report.outcomes:
        rows = ",".join(str(r) for r in outcome.rows)
        label = OUTCOME_LABELS[outcome.outcome]
        for error in outcome.errors or ({},):
            fields = "、".join(error.get("fields") or ())
            sheet.append(
                xlsx_row(
                    sheet,
                    [
                        rows,
                        label,
                        outcome.record_id or "",
                        fields,
                        error.get("rule_id") or "",
                        error.get("message") or "",
                    ],
                )
            )
            count += 1
    book.save(path)
    return count
