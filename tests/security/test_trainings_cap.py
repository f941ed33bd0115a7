"""Issue 13, finding 11: no limit on trainings per record.

100,000 trainings in one record were accepted and made a 12 MB pull page. A record is one
year's visit to one person: the rule ``R-TRAIN-COUNT`` allows at most 20 trainings (one a
month and more, far beyond any real year), at both ends, and speaks once for the list, not
once per training.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from sync.contract import RuleSet, default_rules, normalize, validate
from sync.contract.resource_files import read_resource_text
from tests.helpers.accounts import Accounts, running_centre
from tests.helpers.central_records import a_record, push, rule_ids, table_counts
from tests.helpers.contract_records import TODAY, valid_record

TRAINING = {"year": 2023, "type": 1, "period": 3, "provider": "县残联"}


def with_trainings(n: int, training: dict[str, Any] | None = None) -> dict[str, Any]:
    record = valid_record()
    record["trainings"] = [dict(training or TRAINING) for _ in range(n)]
    return record


def test_the_shipped_cap_is_twenty() -> None:
    assert default_rules().max_items("trainings") == 20


def test_twenty_trainings_pass_and_twenty_one_do_not() -> None:
    assert validate(with_trainings(20), today=TODAY) == []
    findings = validate(with_trainings(21), today=TODAY)
    assert [(f.rule_id, f.fields, f.severity) for f in findings] == [
        ("R-TRAIN-COUNT", ("trainings",), "error")
    ]
    assert findings[0].message == default_rules().by_id["R-TRAIN-COUNT"].message


def test_a_huge_list_gives_one_short_finding() -> None:
    # Broken trainings too: the per-training rules must not list 100,000 numbers.
    record = with_trainings(100_000, {"year": 1970, "type": 9})
    findings = validate(record, today=TODAY)
    assert [f.rule_id for f in findings] == ["R-TRAIN-COUNT"]
    assert len(findings[0].message) < 100


def test_normalising_never_drops_trainings_to_fit() -> None:
    assert len(normalize(with_trainings(25))["trainings"]) == 25


def test_the_cap_is_data_a_newer_rules_file_may_change() -> None:
    data = json.loads(read_resource_text("rules/rules.json"))
    rule = next(r for r in data["rules"] if r["id"] == "R-TRAIN-COUNT")
    rule["max"] = 2
    rules = RuleSet.from_json(data)
    assert rules.max_items("trainings") == 2
    assert [f.rule_id for f in validate(with_trainings(3), today=TODAY, rules=rules)] == [
        "R-TRAIN-COUNT"
    ]
    assert rules.max_items("address") is None


# End to end: the real centre.


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Accounts]:
    yield from running_centre("sqlite", tmp_path_factory)


def test_centre_refuses_a_record_with_too_many_trainings(centre: Accounts) -> None:
    year = int(a_record(seed=501)["survey_date"][:4])
    training = {"year": year, "type": 1, "period": 3, "provider": "县残联"}
    before = table_counts(centre.server.db_url)
    many = [
        {**a_record(seed=501), "record_id": str(uuid.uuid4()), "trainings": [training] * n}
        for n in (21, 20_000)
    ]
    results = push(centre, *many)
    assert [(r["status"], rule_ids(r)) for r in results] == [
        ("rejected", ["R-TRAIN-COUNT"]),
        ("rejected", ["R-TRAIN-COUNT"]),
    ]
    after = table_counts(centre.server.db_url)
    assert (after["records"], after["record_trainings"]) == (
        before["records"],
        before["record_trainings"],
    )
    ok = {**a_record(seed=502), "trainings": [training] * 20}
    [accepted] = push(centre, ok)
    assert accepted["status"] == "accepted"
