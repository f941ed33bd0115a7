"""The desktop's list import with a department's column mapping."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from desktop.store import Account
from desktop.store.importing import import_file
from sync.contract.column_mapping import ColumnMapping
from tests.helpers.client import unique_samples


def write_list(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_a_new_unemployment_ends_the_employment_details(account: Account, tmp_path: Path) -> None:
    employed = next(r for r in unique_samples(30, seed=4) if r["employment_status"] == 1)
    assert employed["employer"]
    registry = account.registry
    registry.save_many([employed])
    mapping = ColumnMapping.from_json(
        {"公民身份号码": "id_number", "就业情况": "employment_status", "原因": "未就业原因",
         "序号": None}
    )  # fmt: skip
    source = write_list(
        tmp_path / "list.csv",
        ["序号", "公民身份号码", "就业情况", "原因", "phone"],
        [[1, employed["id_number"], 2, 3, ""]],
    )
    dry = import_file(registry, source, dry_run=True, mapping=mapping)
    assert (dry.created, dry.updated, dry.rejected) == (0, 1, 0), json.dumps(dry.problems)
    assert registry.get(employed["record_id"]).record["employment_status"] == 1

    done = import_file(registry, source, mapping=mapping)
    assert (done.created, done.updated, done.rejected) == (0, 1, 0)
    record = registry.get(employed["record_id"]).record
    assert (record["employment_status"], record["unemployment_reason"]) == (2, 3)
    assert (record["employer"], record["employment_form"], record["employment_date"]) == (
        None,
        None,
        None,
    )
    # The blank phone cell left the phone as it was.
    assert record["phone"] == employed["phone"]
    assert import_file(registry, source, mapping=mapping).unchanged == 1


def test_without_a_mapping_the_department_headers_are_unknown(
    account: Account, tmp_path: Path
) -> None:
    person = unique_samples(1, seed=8)[0]
    source = write_list(tmp_path / "list.csv", ["公民身份号码"], [[person["id_number"]]])
    report = import_file(account.registry, source, dry_run=True)
    assert report.rejected == 1
    assert report.outcomes[0].outcome == "rejected"
