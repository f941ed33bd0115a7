"""Service lists: priority training, priority employment service, graduate follow-up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.contract.service_lists import SERVICE_LISTS, service_list, service_list_counts
from tests.helpers.indicator_data import SMALL_TREE, Registry, registry

Y = 2024


@pytest.fixture
def reg(database_kind: str, tmp_path: Path) -> Iterator[Registry]:
    with registry(database_kind, tmp_path) as r:
        yield r


def test_lists_follow_their_definitions(reg: Registry) -> None:
    poor = {"poverty_registered": True}
    wants_training = reg.add("620102001", training_need=True, **poor)
    reg.add("620102", training_need=True, trainings=(Y,), **poor)  # trained this year
    last_year = reg.add("620201", training_need=True, trainings=(Y - 1,), **poor)
    reg.add("620201", training_need=True)  # not 建档立卡
    reg.add("620201", training_need=True, deleted=True, **poor)
    wants_work = reg.add("620103", employment_status=2, employment_intention=True, **poor)
    reg.add("620103", employment_status=2, employment_intention=False, **poor)
    reg.add("620103", employment_status=1, employment_intention=True, **poor)
    graduate = reg.add("622901", graduate=True, graduation_year=Y, graduate_status=2)
    reg.add("622901", graduate=True, graduation_year=Y, graduate_status=4)
    reg.add("622901", graduate=True, graduation_year=Y - 1, graduate_status=2)
    with reg.engine.connect() as conn:
        counts = service_list_counts(conn, reg.tables, SMALL_TREE, "620000", Y)
        training = service_list(conn, reg.tables, SMALL_TREE, "620000", Y, "priority_training")
        employment = service_list(conn, reg.tables, SMALL_TREE, "620000", Y, "priority_employment")
        follow_up = service_list(conn, reg.tables, SMALL_TREE, "620000", Y, "graduate_follow_up")
        lanzhou = service_list_counts(conn, reg.tables, SMALL_TREE, "620100", Y)
    assert counts == {"priority_training": 2, "priority_employment": 1, "graduate_follow_up": 1}
    assert {r["record_id"] for r in training} == {wants_training, last_year}
    assert [r["record_id"] for r in employment] == [wants_work]
    assert [r["record_id"] for r in follow_up] == [graduate]
    assert set(training[0]) >= {"name", "id_number", "region_code", "phone"}
    assert lanzhou == {"priority_training": 1, "priority_employment": 1, "graduate_follow_up": 0}


def test_unknown_list_is_named(reg: Registry) -> None:
    with reg.engine.connect() as conn, pytest.raises(ValueError, match="no_such_list"):
        service_list(conn, reg.tables, SMALL_TREE, "620000", Y, "no_such_list")
    assert len(SERVICE_LISTS) == 3
