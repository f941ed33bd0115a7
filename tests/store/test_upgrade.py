"""Upgrades never lose data: a newer program opens what an older one wrote, queue included.

``data/schema1/`` is a laptop's data folder exactly as schema 1 of the program left it
(made once by data/make_schema1_fixture.py and committed, never regenerated): an account
file and an encrypted database holding a record in every state, with its outbox entries.
The tests open it with today's code, the way an upgraded laptop would.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from sqlalchemy import create_engine, text

import desktop.store.database as database
from desktop.store import (
    DatabaseTooNewError,
    KeyLostError,
    open_account,
    outbox,
    unlock_offline,
)
from desktop.store.database import apply_step, open_database
from desktop.store.keys import new_database_key
from desktop.store.schema import SCHEMA_VERSION
from desktop.store.session import Account, login_online
from tests.helpers.central import CentralProcess
from tests.helpers.client import FAST, PASSWORD, KeyringFile, sync

DATA = Path(__file__).resolve().parent / "data"
FIXTURE = DATA / "schema1"
EXPECTED: dict[str, Any] = json.loads((DATA / "schema1_expected.json").read_text("utf-8"))
USERNAME = "county1"
UNSYNCED = ("pending", "syncing", "draft", "rejected", "conflict")


def _laptop(tmp_path: Path) -> Path:
    """A copy of the schema-1 data folder (the committed one is never written)."""
    root = tmp_path / "laptop"
    shutil.copytree(FIXTURE, root)
    return root


def _user_version(account: Account) -> int:
    with account.engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def _outbox(account: Account) -> list[dict[str, Any]]:
    with account.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT record_id, op_id, base_version, queued_seq FROM outbox ORDER BY queued_seq"
        )
        return [dict(row._mapping) for row in rows]


def _opened_state(state: str) -> str:
    # A batch the old program left ``syncing`` is on no request's way once the account
    # opens: it is ``pending`` again (schema v11, desktop/store/schema.py).
    return "pending" if state == "syncing" else state


def _expected_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in EXPECTED["records"].values():
        state = _opened_state(entry["state"])
        counts[state] = counts.get(state, 0) + 1
    return counts


def test_the_fixture_really_is_schema_1_and_older_than_today() -> None:
    assert EXPECTED["schema_version"] == 1
    # The test is meaningful only while the code has moved on from the fixture's schema.
    assert EXPECTED["schema_version"] < SCHEMA_VERSION
    raw = (FIXTURE / "accounts" / USERNAME / "registry.db").read_bytes()
    assert not raw.startswith(b"SQLite format 3")  # encrypted, as the old program wrote it


def test_a_schema_1_laptop_opens_with_every_record_and_queue_entry(
    tmp_path: Path, test_keyring: KeyringFile
) -> None:
    root = _laptop(tmp_path)
    # A reinstalled laptop has lost its keyring entry: the password unwraps the key.
    with pytest.raises(KeyLostError):
        open_account(root)
    account = unlock_offline(root, USERNAME, PASSWORD)
    try:
        assert _user_version(account) == SCHEMA_VERSION
        registry = account.registry
        for record_id, entry in EXPECTED["records"].items():
            local = registry.get(record_id)
            assert local.record == entry["doc"], entry["label"]
            assert local.state == _opened_state(entry["state"]), entry["label"]
        # Every op keeps its op_id: a replay of an op sent before the upgrade is answered
        # by the centre from its memory instead of being written twice.
        assert _outbox(account) == EXPECTED["outbox"]
        counts = registry.status_counts()
        for state, count in _expected_counts().items():
            assert counts[state] == count, state
        assert sum(counts[s] for s in UNSYNCED) == 7
        rejected = next(e for e in EXPECTED["records"].values() if e["state"] == "rejected")
        kept = registry.get(rejected["doc"]["record_id"])
        assert [f.rule_id for f in kept.findings] == ["R-EMPLOYMENT-DATE"]
        assert kept.needs_correction
        conflict = next(e for e in EXPECTED["records"].values() if e["state"] == "conflict")
        assert set(registry.get(conflict["doc"]["record_id"]).conflicts) == {"employer"}
        trained = next(e for e in EXPECTED["records"].values() if e["label"] == "pending_trained")
        with account.engine.connect() as conn:
            providers = conn.execute(
                text("SELECT provider FROM record_trainings WHERE record_id = :r"),
                {"r": trained["doc"]["record_id"]},
            ).scalars()
            assert list(providers) == ["城关区就业训练中心"]
        assert registry.settings.get("reference_etag") == EXPECTED["settings"]["reference_etag"]
        # The new schema's indexes are there for the record list to use.
        with account.engine.connect() as conn:
            indexes = {row[1] for row in conn.exec_driver_sql("PRAGMA index_list(records)")}
        assert {"ix_records_state", "ix_records_name_nocase"} <= indexes
        # Schema 5's, which serve the list's orders a page at a time.
        assert {
            "ix_records_list_updated",
            "ix_records_list_name",
            "ix_records_list_survey",
            "ix_records_list_id_number",
            "ix_records_employment_status",
        } <= indexes
        # Schema 10's: the survey-date index carries what the year's lists filter by.
        with account.engine.connect() as conn:
            info = conn.exec_driver_sql("PRAGMA index_info(ix_records_list_survey)").all()
        assert [row[2] for row in info] == [
            "deleted",
            "survey_date",
            "record_id",
            "state",
            "version",
            "region_code",
        ]
        # Schema 7's: a record per person and survey year (each queued or synced record is
        # its person's record of its year), and an empty roster until the next sync.
        assert "ix_records_person_year" in indexes
        for entry in EXPECTED["records"].values():
            number, survey = entry["doc"].get("id_number"), entry["doc"].get("survey_date")
            if number and survey and entry["state"] != "draft":
                found = registry.find_by_id_number(number, int(survey[:4]))
                assert found is not None, entry["label"]
                assert found.record_id == entry["doc"]["record_id"], entry["label"]
        with account.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM roster").scalar_one() == 0
        by_name = sorted(EXPECTED["records"].items(), key=lambda i: (i[1]["doc"]["name"], i[0]))
        ordered = registry.ids(order="name")
        assert ordered == [record_id for record_id, _ in by_name]
        assert registry.ids(order="name", limit=2, offset=1) == ordered[1:3]
    finally:
        account.close()
    # The recovered key went back into the keyring: the next start needs no password.
    open_account(root).close()


def test_after_the_upgrade_the_old_queue_reaches_the_centre(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    root = _laptop(tmp_path)
    account, _ = login_online(root, centre.url, USERNAME, PASSWORD, retry=FAST)
    try:
        report = sync(account)
        sendable = [e for e in EXPECTED["records"].values() if e["state"] in ("pending", "syncing")]
        assert report.push.accepted == len(sendable) == 4
        counts = account.registry.status_counts()
        assert counts["synced"] == 2 + 4
        # What needs the worker still waits for the worker, with its queue entry.
        assert (counts["draft"], counts["rejected"], counts["conflict"]) == (1, 1, 1)
        left = {row["record_id"] for row in _outbox(account)}
        waiting = {
            rid for rid, e in EXPECTED["records"].items() if e["state"] in ("rejected", "conflict")
        }
        assert left == waiting
    finally:
        account.close()
    engine = create_engine(centre.db_url)
    with engine.connect() as conn:
        at_centre = dict(conn.execute(text("SELECT record_id, op_id FROM record_versions")).all())
    engine.dispose()
    # The op that was in flight when the old program stopped went with its original op_id.
    in_flight = next(
        o for o in EXPECTED["outbox"] if EXPECTED["records"][o["record_id"]]["state"] == "syncing"
    )
    assert at_centre[in_flight["record_id"]] == in_flight["op_id"]
    assert set(at_centre) == {e["doc"]["record_id"] for e in sendable}


DOC = '{"name": "张三", "record_id": "r1"}'


def _keyed(path: Path, key: bytes) -> sqlcipher3.Connection:
    """A raw connection to the database at ``path``, opened with ``key``."""
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key=\"x'{key.hex()}'\"")
    return conn


def _changed(path: Path, key: bytes, statement: str) -> None:
    """Run one statement on the database at ``path`` as an older program would have."""
    conn = _keyed(path, key)
    conn.execute(statement)
    conn.commit()
    conn.close()


def _database_at(path: Path, key: bytes, version: int) -> None:
    """A database built by migrations 1..version only, with one queued record."""
    conn = _keyed(path, key)
    for number in range(1, version + 1):
        apply_step(conn, number)
    # Schema-1 columns, except the JSON that schema 3 moved to record_docs.
    doc = DOC
    if version < 3:
        conn.execute(
            "INSERT INTO records (record_id, name, state, doc) VALUES ('r1', '张三', 'pending', ?)",
            (doc,),
        )
    else:
        conn.execute(
            "INSERT INTO records (record_id, name, state) VALUES ('r1', '张三', 'pending')"
        )
        conn.execute("INSERT INTO record_docs (record_id, doc) VALUES ('r1', ?)", (doc,))
    conn.execute("INSERT INTO outbox (record_id, op_id, queued_seq) VALUES ('r1', 'op-1', 1)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_every_older_schema_climbs_to_the_current_one(tmp_path: Path, version: int) -> None:
    key = new_database_key()
    path = tmp_path / f"v{version}.db"
    _database_at(path, key, version)
    engine = open_database(path, key)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA user_version").scalar_one() == SCHEMA_VERSION
        assert conn.exec_driver_sql("SELECT name, state FROM records").one() == ("张三", "pending")
        assert conn.exec_driver_sql("SELECT op_id, size FROM outbox").one() == (
            "op-1",
            # Schema 6 sized the op queued before it: bytes, not characters.
            len(DOC.encode()) if version < 6 else 0,
        )
    engine.dispose()


def test_a_schema_10_batch_left_syncing_opens_pending_and_is_sent_again(tmp_path: Path) -> None:
    # Schema 10 marked a batch on its way in the record's state; schema 11 marks the op.
    key = new_database_key()
    path = tmp_path / "v10.db"
    _database_at(path, key, 10)
    _changed(path, key, "UPDATE records SET state = 'syncing'")
    engine = open_database(path, key)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT state FROM records").scalar_one() == "pending"
        assert conn.exec_driver_sql("SELECT op_id, sending FROM outbox").one() == ("op-1", 0)
    [op] = outbox.take_batch(engine, 10, 1 << 20)
    assert (op.op_id, op.record_id, op.record_json) == ("op-1", "r1", DOC.encode())
    engine.dispose()


def test_a_schema_11_queue_keeps_its_ops_and_marks_and_loses_the_op_id_index(
    tmp_path: Path,
) -> None:
    # Schema 12 rebuilds the outbox without its unique index on op_id and narrows the
    # person-year index and the roster's trigger (desktop/store/schema.py _V12).
    key = new_database_key()
    path = tmp_path / "v11.db"
    _database_at(path, key, 11)
    _changed(path, key, "UPDATE outbox SET sending = 1, size = 7, base_version = 3")
    engine = open_database(path, key)
    with engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT record_id, op_id, base_version, queued_seq, size, sending FROM outbox"
        ).one()
        assert tuple(row) == ("r1", "op-1", 3, 1, 7, 1)
        indexes = {r[1]: r[2] for r in conn.exec_driver_sql("PRAGMA index_list(outbox)")}
        assert indexes == {
            "sqlite_autoindex_outbox_1": 1,  # the primary key, record_id
            "ix_outbox_queued_seq": 0,
            "ix_outbox_sending": 0,
        }
        columns = [r[2] for r in conn.exec_driver_sql("PRAGMA index_info(ix_records_person_year)")]
        assert columns == ["id_number", "survey_date"]
        trigger = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'tr_records_changed'"
        ).scalar_one()
        assert "AFTER UPDATE OF id_number, survey_date, deleted ON records" in trigger
    # The mark left by a dead sync is cleared as a push starts; the op goes as it was.
    assert outbox.reset_in_flight(engine) == 1
    [op] = outbox.take_batch(engine, 10, 1 << 20)
    assert (op.op_id, op.record_id, op.base_version) == ("op-1", "r1", 3)
    engine.dispose()


def test_a_migration_that_fails_leaves_the_old_database_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = new_database_key()
    path = tmp_path / "old.db"
    _database_at(path, key, SCHEMA_VERSION)
    # A next release whose step adds an index and then fails (a full disk, a bug).
    broken = "CREATE INDEX ix_broken ON records (village);\nSELECT no_such_function();"
    monkeypatch.setattr(database, "MIGRATIONS", (*database.MIGRATIONS, broken))
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(Exception, match="no_such_function"):
        open_database(path, key)
    monkeypatch.undo()
    engine = open_database(path, key)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA user_version").scalar_one() == SCHEMA_VERSION
        indexes = {row[1] for row in conn.exec_driver_sql("PRAGMA index_list(records)")}
        assert "ix_broken" not in indexes  # the failed step left nothing half-done
        assert conn.exec_driver_sql("SELECT op_id FROM outbox").scalar_one() == "op-1"
    engine.dispose()


def test_a_database_from_a_newer_program_is_refused_and_kept_as_it_is(tmp_path: Path) -> None:
    key = new_database_key()
    path = tmp_path / "newer.db"
    _database_at(path, key, SCHEMA_VERSION)
    _changed(path, key, f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(DatabaseTooNewError):
        open_database(path, key)
    # An older program (a laptop downgraded by mistake) must not migrate or drop anything.
    conn = _keyed(path, key)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert conn.execute("SELECT op_id FROM outbox").fetchall() == [("op-1",)]
    assert conn.execute("SELECT name FROM records").fetchall() == [("张三",)]
    conn.close()
