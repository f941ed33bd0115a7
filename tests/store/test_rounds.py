"""Annual rounds on the laptop: a record per person and survey year, a new year's visit, the
roster and the visit list (real SQLCipher files)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.store import RecordFilter
from desktop.store.importing import import_file
from desktop.store.local_indicators import local_indicators
from desktop.store.local_quality import local_quality
from desktop.store.roster import CURSOR_KEY, apply_page
from desktop.store.session import Account
from desktop.store.survey_years import PersonYearTakenError
from desktop.store.visits import (
    VillageProgress,
    VisitFilter,
    count_to_visit,
    off_roster,
    progress,
    to_visit,
    visit_start,
)
from desktop.store.writes import set_state
from sync.contract.indicator_values import Period
from sync.contract.protocol import RosterEntry
from sync.contract.regions import default_tree
from tests.helpers.contract_records import id_number, valid_record

TODAY = date(2026, 3, 10)
TOWNSHIP = "620102001"


def _name(sequence: int) -> str:
    """A name without digits (the rules refuse them): 人员 and the number in Chinese digits."""
    return "人员" + "".join("零一二三四五六七八九"[int(d)] for d in str(sequence))


def _person(sequence: int) -> str:
    return id_number(date(1990, 1, 1), sequence)


def _record(sequence: int, survey: str, **changes: Any) -> dict[str, Any]:
    number = _person(sequence)
    record = valid_record()
    record.update(
        record_id=None,
        id_number=number,
        disability_cert_number=number + "42",
        name=_name(sequence),
        survey_date=survey,
        **changes,
    )
    return record


def _entry(sequence: int, village: str, **changes: Any) -> RosterEntry:
    number = _person(sequence)
    entry: dict[str, Any] = {
        "id_number": number,
        "year": TODAY.year,
        "name": _name(sequence),
        "disability_cert_number": number + "41",
        "disability_category": 4,
        "disability_level": 1,
        "hukou_type": 2,
        "region_code": TOWNSHIP,
        "village": village,
        "address": "某村1号",
        "phone": "13900000000",
        "deleted": False,
    }
    entry.update(changes)
    return RosterEntry(**entry)


def test_a_person_has_one_record_per_survey_year(account: Account) -> None:
    registry = account.registry
    last_year = registry.save_record(_record(1, "2025-05-01"), today=TODAY)
    this_year = registry.save_record(_record(1, "2026-03-01"), today=TODAY)
    assert (last_year.state, this_year.state) == ("pending", "pending")
    assert last_year.record_id != this_year.record_id
    with pytest.raises(PersonYearTakenError) as refused:
        registry.save_record(_record(1, "2026-02-01"), today=TODAY)
    assert refused.value.record_id == this_year.record_id
    assert refused.value.year == 2026
    # A draft of the same person-year is kept (nothing typed is lost), never queued.
    draft = registry.save_record(_record(1, "2026-02-01"), complete=False, today=TODAY)
    assert draft.state == "draft"
    # Correcting last year's record changes only last year's.
    corrected = {**registry.get(last_year.record_id).record, "employer": "更正后的单位"}
    registry.save_record(corrected, today=TODAY)
    assert registry.get(last_year.record_id).record["employer"] == "更正后的单位"
    assert registry.get(this_year.record_id).record["employer"] == "个体经营"
    number = _person(1)

    def found(year: int | None) -> str | None:
        local = registry.find_by_id_number(number, year)
        return local.record_id if local is not None else None

    assert found(2025) == last_year.record_id
    assert found(2026) == this_year.record_id  # the queued record, not the stray draft
    assert found(2024) is None
    assert found(None) == this_year.record_id
    assert registry.count(RecordFilter(year=2025)) == 1
    assert registry.count(RecordFilter(year=2026)) == 2  # with the draft
    assert registry.count() == 3


def test_a_new_years_visit_is_prefilled_from_the_latest_record(account: Account) -> None:
    registry = account.registry
    old = registry.save_record(_record(2, "2025-05-01", phone="13800000001"), today=TODAY)
    start = visit_start(registry, _person(2).lower(), today=TODAY, surveyor="worker1")
    assert start.local is None
    assert start.doc is not None
    kept = registry.get(old.record_id).record
    carried = {k: v for k, v in kept.items() if k not in ("record_id", "trainings")}
    carried.update(survey_date="2026-03-10", surveyor="worker1")
    assert start.doc == {**carried, "trainings": []}
    saved = registry.save_record(start.doc, today=TODAY)
    assert saved.state == "pending"
    assert registry.get(old.record_id).record == kept  # the earlier year is untouched
    # The second time, the year's record is opened.
    again = visit_start(registry, _person(2), today=TODAY, surveyor="worker1")
    assert again.doc is None
    assert again.local is not None
    assert again.local.record_id == saved.record_id


def test_a_roster_person_never_surveyed_starts_from_the_roster(account: Account) -> None:
    registry = account.registry
    apply_page(registry.engine, TODAY.year, [_entry(3, "一村")], "c1")
    start = visit_start(registry, _person(3), today=TODAY, surveyor="worker1")
    assert start.doc == {
        "id_number": _person(3),
        "name": "人员三",
        "disability_cert_number": _person(3) + "41",
        "disability_category": 4,
        "disability_level": 1,
        "hukou_type": 2,
        "region_code": TOWNSHIP,
        "village": "一村",
        "address": "某村1号",
        "phone": "13900000000",
        "survey_date": "2026-03-10",
        "surveyor": "worker1",
    }


@pytest.mark.allow_warning_logs
def test_roster_pages_replace_remove_and_a_new_year_starts_afresh(account: Account) -> None:
    registry = account.registry
    first = apply_page(registry.engine, 2026, [_entry(4, "一村"), _entry(5, "一村")], "c1")
    assert (first.received, first.removed, first.skipped) == (2, 0, 0)
    moved = _entry(4, "二村")
    gone = _entry(5, "一村", deleted=True)
    second = apply_page(
        registry.engine, 2026, [moved, gone, RosterEntry(id_number=" ", year=2026)], "c2"
    )
    assert (second.received, second.removed, second.skipped) == (2, 1, 1)
    assert progress(registry, 2026, TOWNSHIP) == [VillageProgress(TOWNSHIP, "二村", 1, 0)]
    assert registry.settings.get(CURSOR_KEY) == '{"year":2026,"cursor":"c2"}'
    apply_page(registry.engine, 2027, [_entry(6, "三村", year=2027)], "n1")
    assert progress(registry, 2026, None) == []
    assert progress(registry, 2027, None) == [VillageProgress(TOWNSHIP, "三村", 1, 0)]


def test_the_visit_list_counts_villages_and_lists_whom_to_visit(account: Account) -> None:
    registry = account.registry
    entries = [_entry(10, "一村"), _entry(11, "一村"), _entry(12, "二村"), _entry(13, "")]
    apply_page(registry.engine, 2026, entries, "c1")
    registry.save_record(_record(10, "2026-02-01"), today=TODAY)  # surveyed this year
    registry.save_record(_record(11, "2025-02-01"), today=TODAY)  # only last year
    registry.save_record(_record(12, "2026-02-01"), complete=False, today=TODAY)  # a draft
    registry.save_record(_record(20, "2026-02-02"), today=TODAY)  # not on the roster
    assert progress(registry, 2026, "620102") == [
        VillageProgress(TOWNSHIP, "", 1, 0),
        VillageProgress(TOWNSHIP, "一村", 2, 1),
        VillageProgress(TOWNSHIP, "二村", 1, 0),
    ]
    everyone = VisitFilter(2026, "620102")
    assert count_to_visit(registry, everyone) == 3
    assert [p.id_number for p in to_visit(registry, everyone, limit=10)] == [
        _person(13),
        _person(11),
        _person(12),
    ]
    assert [p.name for p in to_visit(registry, everyone, limit=1, offset=1)] == ["人员一一"]
    village = VisitFilter(2026, TOWNSHIP, village="一村")
    assert [p.name for p in to_visit(registry, village, limit=10)] == ["人员一一"]
    by_name = VisitFilter(2026, "620102", search="人员一")
    assert count_to_visit(registry, by_name) == 3
    by_number = VisitFilter(2026, "620102", search=_person(12)[:17])
    assert [p.name for p in to_visit(registry, by_number, limit=10)] == ["人员一二"]
    assert count_to_visit(registry, VisitFilter(2026, "620103")) == 0
    assert [r.id_number for r in off_roster(registry, 2026, "620102")] == [_person(20)]
    assert off_roster(registry, 2025, "620102")[0].id_number == _person(11)


def test_a_department_list_row_goes_to_the_record_of_its_year(
    account: Account, tmp_path: Path
) -> None:
    registry = account.registry
    old = registry.save_record(_record(30, "2025-05-01"), today=TODAY)
    number = _person(30)
    path = tmp_path / "list.csv"
    path.write_text(
        f"id_number,name,survey_date,employer\n{number},{_name(30)},2026-02-03,新单位\n",
        encoding="utf-8",
    )
    report = import_file(registry, path)
    assert (report.created, report.updated, report.rejected) == (1, 0, 0)
    new = registry.find_by_id_number(number, 2026)
    assert new is not None
    assert new.record_id != old.record_id
    assert new.record["employer"] == "新单位"
    assert new.record["trainings"] == []
    assert new.record["disability_cert_number"] == number + "42"  # from last year's record
    assert registry.get(old.record_id).record["employer"] == "个体经营"
    again = import_file(registry, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_the_laptops_report_of_a_year_stays_when_the_next_year_is_surveyed(
    account: Account,
) -> None:
    registry, tree = account.registry, default_tree()
    for sequence in range(40, 45):
        registry.save_record(
            _record(sequence, "2025-05-01", employment_date="2025-03-01", graduation_year=2025),
            today=TODAY,
        )
    before = local_indicators(registry, tree, "620102", Period(2025)).as_json()
    quality_before = local_quality(registry, tree, "620102", 2025, 4).to_dict()
    assert before["indicators"]["urban_new_employment"]["numerator"] == 0  # hukou 2
    assert before["indicators"]["rural_new_employment"]["numerator"] == 5
    for sequence in range(40, 45):
        start = visit_start(registry, _person(sequence), today=TODAY, surveyor="worker1")
        assert start.doc is not None
        registry.save_record(start.doc, today=TODAY)
    assert registry.count(RecordFilter(year=2026)) == 5
    assert local_indicators(registry, tree, "620102", Period(2025)).as_json() == before
    assert local_quality(registry, tree, "620102", 2025, 4).to_dict() == quality_before
    this_year = local_indicators(registry, tree, "620102", Period(2026)).as_json()
    assert this_year["indicators"]["rural_new_employment"]["numerator"] == 0  # began in 2025


def test_the_progress_follows_every_change_of_a_record(account: Account) -> None:
    registry = account.registry
    apply_page(registry.engine, 2026, [_entry(50, "一村")], "c1")
    registry.save_record(_record(51, "2026-01-05"), today=TODAY)  # before its roster entry
    apply_page(registry.engine, 2026, [_entry(52, "一村")], "c2")
    assert progress(registry, 2026, None) == [VillageProgress(TOWNSHIP, "一村", 2, 0)]
    # The roster entry arrived before the record: the next page marks it surveyed.
    apply_page(registry.engine, 2026, [_entry(51, "一村")], "c3")
    assert progress(registry, 2026, None) == [VillageProgress(TOWNSHIP, "一村", 3, 1)]
    begun = registry.save_record(_record(50, "2026-02-01"), complete=False, today=TODAY)
    assert progress(registry, 2026, None)[0].surveyed == 1  # a draft is a visit begun
    finished = {**registry.get(begun.record_id).record}
    registry.save_record(finished, today=TODAY)
    assert progress(registry, 2026, None)[0].surveyed == 2
    # Corrected to last year's visit: no longer this year's.
    registry.save_record({**finished, "survey_date": "2025-12-30"}, today=TODAY)
    assert progress(registry, 2026, None)[0].surveyed == 1
    assert count_to_visit(registry, VisitFilter(2026, TOWNSHIP, "一村")) == 2
    # Off the roster: the village counts go down with the person.
    apply_page(registry.engine, 2026, [_entry(51, "一村", deleted=True)], "c4")
    assert progress(registry, 2026, None) == [VillageProgress(TOWNSHIP, "一村", 2, 0)]


def test_a_change_of_state_alone_still_moves_the_progress(account: Account) -> None:
    # Since schema 12 the roster's trigger runs for updates naming the person's id_number,
    # not for those naming only the state (a push's accept): set_state names it.
    registry = account.registry
    apply_page(registry.engine, 2026, [_entry(60, "一村")], "c1")
    saved = registry.save_record(_record(60, "2026-03-01"), today=TODAY)
    assert progress(registry, 2026, None)[0].surveyed == 1
    with registry.engine.begin() as conn:
        set_state(conn, saved.record_id, "draft")
    assert progress(registry, 2026, None)[0].surveyed == 0
    with registry.engine.begin() as conn:
        set_state(conn, saved.record_id, "pending")
    assert progress(registry, 2026, None)[0].surveyed == 1
    # The push's accept names only the state: a pending record stays surveyed when synced.
    with registry.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE records SET state = 'synced', version = 1 WHERE record_id = ?",
            (saved.record_id,),
        )
    assert progress(registry, 2026, None)[0].surveyed == 1
