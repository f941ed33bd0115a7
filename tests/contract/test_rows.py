"""Record-to-row conversion, one for both ends: strict for the centre, lenient for drafts."""

from __future__ import annotations

from datetime import date

import pytest

from sync.contract.rows import (
    ROW_COLUMNS,
    TRAINING_COLUMNS,
    record_to_row,
    record_training_rows,
    record_values,
    row_to_record,
    training_values,
)
from sync.contract.samples import sample_records


def test_rows_give_back_the_record_and_tuples_hold_the_same_values() -> None:
    records = sample_records(50, seed=91)
    assert any(r["trainings"] for r in records)
    for record in records:
        row = record_to_row(record)
        assert isinstance(row["survey_date"], date)
        trainings = record_training_rows(record)
        assert row_to_record(row, trainings) == record
        iso = {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}
        assert record_values(record) == tuple(iso[name] for name in ROW_COLUMNS)
    expected = [
        tuple(t[c] for c in TRAINING_COLUMNS) for r in records for t in record_training_rows(r)
    ]
    assert training_values(records) == expected


def test_a_draft_converts_leniently_and_a_stored_record_strictly() -> None:
    record = sample_records(1, seed=92)[0]
    draft = {
        **record,
        "survey_date": "not a date",
        "disability_level": "二级",
        "name": 12,
        "trainings": [{"year": "2024", "type": 1, "period": 3, "provider": "县中心"}, "junk"],
    }
    row = record_to_row(draft, lenient=True)
    assert (row["survey_date"], row["disability_level"], row["name"]) == (None, None, None)
    assert row["id_number"] == record["id_number"]
    rows = record_training_rows(draft, lenient=True)
    assert rows == [
        {
            "record_id": record["record_id"],
            "position": 0,
            "year": None,
            "type": 1,
            "period": 3,
            "provider": "县中心",
        }
    ]
    assert record_training_rows({**draft, "trainings": "none"}, lenient=True) == []
    with pytest.raises(ValueError, match="Invalid isoformat string"):
        record_to_row(draft)
