"""A disk that refuses (full, read-only) on the laptop: the change in hand is refused
whole, as an error the worker can act on; nothing saved before is lost; once the disk
takes writes again the same change saves. Database errors name no personal value."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from desktop.store.errors import DiskFullError, DiskWriteError, RecordNotFoundError
from desktop.store.importing import import_file
from desktop.store.pulling import CURSOR_KEY, apply_changes
from desktop.store.schema import outbox, records
from desktop.store.session import Account
from desktop.store.settings import Settings
from sync.contract.protocol import Change
from sync.contract.records_io import write_records
from tests.helpers.client import unique_samples
from tests.helpers.refusing_disk import full_disk, read_only_disk


def _queued(account: Account) -> int:
    with account.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(outbox)).scalar_one())


def test_saves_on_a_full_disk_stop_whole_and_go_on_once_there_is_room(account: Account) -> None:
    registry = account.registry
    people = unique_samples(400, seed=61)
    registry.save_many(people[:20])
    before = registry.status_counts()
    saved = 0
    with full_disk(registry.engine):
        for person in people[20:]:  # until the disk is full
            try:
                registry.save_record(person)
            except DiskFullError as exc:
                refused = exc
                break
            saved += 1
        else:
            pytest.fail("the disk never filled")
        turned_away = people[20 + saved]
        # The refused save left nothing behind: no record, no outbox entry.
        with pytest.raises(RecordNotFoundError):
            registry.get(turned_away["record_id"])
        assert registry.status_counts()["pending"] == before["pending"] + saved
        assert _queued(account) == before["pending"] + saved
    # Nobody's name, ID number or phone in what the worker (and the log) reads.
    for value in (turned_away["name"], turned_away["id_number"], turned_away["phone"]):
        assert value is None or value not in str(refused)
    registry.save_record(turned_away)
    assert registry.get(turned_away["record_id"]).state == "pending"
    assert registry.status_counts()["pending"] == before["pending"] + saved + 1
    assert _queued(account) == before["pending"] + saved + 1


def test_a_pull_page_on_a_read_only_disk_is_applied_later_whole(account: Account) -> None:
    registry = account.registry
    people = unique_samples(30, seed=62)
    page = [
        Change(record_id=p["record_id"], version=1, seq=n, record=p)
        for n, p in enumerate(people, 1)
    ]
    settings = Settings(registry.engine)
    with read_only_disk(registry.engine), pytest.raises(DiskWriteError):
        apply_changes(registry.engine, page, "30")
    # Neither the records nor the cursor moved: the next sync asks for the page again.
    assert settings.get(CURSOR_KEY) is None
    assert registry.status_counts()["synced"] == 0
    tally = apply_changes(registry.engine, page, "30")
    assert tally.applied == 30
    assert settings.get(CURSOR_KEY) == "30"
    assert registry.status_counts()["synced"] == 30


def test_a_database_error_names_the_statement_and_no_value(account: Account) -> None:
    registry = account.registry
    [person] = unique_samples(1, seed=63)
    registry.save_record(person)
    with pytest.raises(IntegrityError) as clash, registry.engine.begin() as conn:
        conn.execute(insert(records).values(record_id=person["record_id"], name=person["name"]))
    assert "INSERT INTO records" in str(clash.value)
    assert person["name"] not in str(clash.value)


def test_an_import_the_disk_refuses_is_done_once_there_is_room(
    account: Account, tmp_path: Path
) -> None:
    registry = account.registry
    people = unique_samples(620, seed=67)
    registry.save_many(people[:20])
    # A department's list: no record ids, the persons found again by ID number.
    listed = [{k: v for k, v in p.items() if k != "record_id"} for p in people[20:]]
    source = tmp_path / "list.csv"
    write_records(source, listed)
    with full_disk(registry.engine), pytest.raises(DiskFullError):
        import_file(registry, source)
    assert registry.count() == 20  # the list is taken whole or not at all
    done = import_file(registry, source)
    assert (done.created, done.rejected) == (600, 0)
    assert registry.count() == 620
    # Once only: the same list again finds every person and changes nothing.
    again = import_file(registry, source)
    assert (again.created, again.unchanged) == (0, 600)
    assert registry.count() == 620
