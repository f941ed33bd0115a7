"""A spot check end to end: drawn at the centre, synced to an inspector's laptop, checked
offline, sent back, and seen as an error rate in the quality measures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.store.spotchecks import SpotChecks
from sync.contract.spotcheck_wire import FieldVerdict
from tests.helpers.central import CentralProcess
from tests.helpers.client import (
    FAST,
    KeyringFile,
    device,
    sync,
    unique_samples,
)
from tests.helpers.spot_checks import draw_busiest_quarter


@pytest.mark.slow
def test_drawn_checked_offline_and_counted(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    # A county worker's laptop enters 40 persons of 城关区 and syncs them.
    field = device(centre, tmp_path / "field")
    records = unique_samples(40, seed=21, region="620102")
    field.registry.save_many(records)
    assert sync(field).push.accepted == 40
    field.close()
    draw = draw_busiest_quarter(centre, records, 3, seed=2024)
    quarter, in_quarter, drawn = draw.quarter, draw.in_quarter, draw.assignments
    assert len(drawn) == max(3, -(-in_quarter // 10))
    assert {a["inspector"] for a in drawn} == {"inspector_jyg"}

    laptop = device(centre, tmp_path / "inspector", user="inspector_jyg")
    checks = SpotChecks(laptop.engine)
    with laptop.client(FAST) as client:
        assert checks.refresh(client) == len(drawn)
    by_id = {r["record_id"]: r for r in records}
    mine = checks.assignments()
    assert sorted(a.record_id for a in mine) == sorted(a["record_id"] for a in drawn)
    for assignment in mine:
        assert assignment.record == by_id[assignment.record_id]
        assert not assignment.verdicts
    # The copies are for reading: the inspector's own registry holds none of them.
    assert laptop.registry.status_counts()["synced"] == 0

    # Offline: the first person's phone was wrong, every other checked field right.
    wrong = mine[0]
    for assignment in mine:
        phone_ok = assignment is not wrong
        checks.record(
            assignment.assignment_id,
            [
                FieldVerdict(field="name", matched=True),
                FieldVerdict(
                    field="phone",
                    matched=phone_ok,
                    corrected=None if phone_ok else "13911112222",
                ),
            ],
        )
    assert len(checks.unsent()) == len(mine)
    with laptop.client(FAST) as client:
        tally = checks.send(client)
    assert (tally.accepted, tally.refused) == (len(mine), {})
    assert checks.unsent() == []
    assert all(a.sent for a in checks.assignments())

    # A verdict changed later goes again, alone.
    checks.record(wrong.assignment_id, [FieldVerdict(field="phone", matched=False)])
    assert [u.assignment_id for u in checks.unsent()] == [wrong.assignment_id]
    with laptop.client(FAST) as client:
        assert checks.send(client).accepted == 1
    laptop.close()

    done = centre.command(
        "spot-check", "quality", "--year", "2024", "--quarter", str(quarter),
        "--region", "620102",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    quality = json.loads(done.stdout)
    n = len(mine)
    # The wrong person's verdicts were replaced by the phone alone.
    assert quality["spot_checks"]["by_field"]["phone"]["numerator"] == 1
    assert quality["spot_checks"]["by_field"]["phone"]["denominator"] == n
    assert quality["spot_checks"]["by_field"]["name"]["denominator"] == n - 1
    assert quality["spot_checks"]["records"] == {
        "numerator": 1,
        "denominator": n,
        "rate": round(100 / n, 2),
    }
    assert quality["surveyed"] == in_quarter


def test_a_sync_fetches_assignments_and_sends_verdicts(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    field = device(centre, tmp_path / "field")
    records = unique_samples(12, seed=5, region="620102")
    field.registry.save_many(records)
    first = sync(field)
    assert first.push.accepted == 12
    # The county worker has no assignments: spot checks ran and found none.
    assert (first.spot_checks.supported, first.spot_checks.assigned) == (True, 0)
    field.close()
    drawn = draw_busiest_quarter(centre, records, 2, seed=7).assignments

    laptop = device(centre, tmp_path / "inspector", user="inspector_jyg")
    report = sync(laptop)
    assert report.spot_checks.assigned == len(drawn)
    assert report.spot_checks.accepted == 0
    checks = SpotChecks(laptop.engine)
    first_check = checks.assignments()[0]
    checks.record(first_check.assignment_id, [FieldVerdict(field="name", matched=True)])
    report = sync(laptop)
    assert (report.spot_checks.accepted, report.spot_checks.refused) == (1, {})
    assert [a.sent for a in checks.assignments()].count(True) == 1
    # Nothing left to send: the next sync sends nothing and keeps the assignments.
    again = sync(laptop)
    assert (again.spot_checks.accepted, again.spot_checks.assigned) == (0, len(drawn))
    laptop.close()
