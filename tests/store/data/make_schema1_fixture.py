"""Makes tests/store/data/schema1/: a laptop's data folder as schema 1 of the program left it.

Run once, when schema 1 was the newest (``python tests/store/data/make_schema1_fixture.py``);
the output is committed and never regenerated, so tests/store/test_upgrade.py keeps proving
that a newer program opens what the old one wrote. The database is built with migration 1
only, and holds a record in every state, with its outbox entry where it has one.

It uses that version's API (a PasswordVerifier beside the key, WrappedKey.wrap(n=...) with
scrypt): run it only from a checkout of that version. Today's code reads such an account
file and re-wraps it at the next login (tests/security/test_laptop_key.py).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import URL

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from desktop.store.accounts import AccountProfile, DataDir  # noqa: E402
from desktop.store.database import apply_step  # noqa: E402
from desktop.store.keys import PasswordVerifier, WrappedKey  # noqa: E402
from desktop.store.settings import set_in  # noqa: E402
from desktop.store.writes import dumps, enqueue, write_record  # noqa: E402
from sync.contract.samples import sample_records  # noqa: E402

OUT = Path(__file__).resolve().parent / "schema1"
USERNAME = "county1"
PASSWORD = "pw-county-1"  # tests/helpers/client.py PASSWORD: the centre fixture's account
KEY_HEX = "5f0c2a8e4b7d19e6a3c58f2d7e01b94c6a2d8f3e5b7c9a1d0e4f6b8c2a3d5e7f"
DEVICE_ID = "9a7c2f1e-0b3d-4e5f-8a6b-1c2d3e4f5a6b"
SCRYPT_N = 1024  # kept in the account file; cheap so the test unwraps the key quickly


def _records() -> dict[str, dict[str, object]]:
    seen: set[str] = set()
    unique = []
    for record in sample_records(40, seed=61, region_codes=["620102"]):
        if record["id_number"] not in seen:
            seen.add(str(record["id_number"]))
            unique.append(record)
    names = [
        "pending_1",
        "pending_2",
        "pending_trained",
        "syncing",
        "draft",
        "rejected",
        "conflict",
        "synced_1",
        "synced_2",
    ]
    chosen = dict(zip(names, unique, strict=False))
    chosen["pending_trained"]["trainings"] = [
        {"year": 2024, "type": 1, "period": 3, "provider": "城关区就业训练中心"}
    ]
    chosen["draft"]["id_number"] = "62010219"  # a draft keeps what the worker typed
    return chosen


def main() -> None:
    """Write the data folder and expected.json beside it."""
    if OUT.exists():
        shutil.rmtree(OUT)
    data_dir = DataDir(OUT)
    key = bytes.fromhex(KEY_HEX)
    path = data_dir.database_path(USERNAME)
    path.parent.mkdir(parents=True)
    url = URL.create("sqlite+pysqlcipher", password=f"x'{KEY_HEX}'", database=str(path))
    engine = create_engine(url)
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        apply_step(driver, 1)
    records = _records()
    with engine.begin() as conn:
        for label, record in records.items():
            extra: dict[str, object] = {"saved_by": USERNAME}
            state = label.split("_")[0]
            if state == "rejected":
                extra["findings_doc"] = dumps(
                    [
                        {
                            "rule_id": "R-EMPLOYMENT-DATE",
                            "severity": "error",
                            "fields": ["employment_date"],
                            "message": "就业时间不能晚于调查日期",
                        }
                    ]
                )
                extra["needs_correction"] = True
            if state == "conflict":
                extra.update(
                    version=2,
                    base_doc=dumps({**record, "employer": "旧单位"}),
                    conflict_doc=dumps({"employer": {"local": "甲公司", "remote": "乙公司"}}),
                )
            if state == "synced":
                extra["version"] = 1
            write_record(conn, record, state, exists=False, **extra)  # type: ignore[arg-type]
            if state in ("pending", "syncing", "rejected", "conflict"):
                enqueue(conn, str(record["record_id"]), 2 if state == "conflict" else None)
        set_in(conn, "reference_etag", '"schema1-etag"')
    with engine.connect() as conn:
        outbox = [
            dict(row._mapping)
            for row in conn.exec_driver_sql(
                "SELECT record_id, op_id, base_version, queued_seq FROM outbox ORDER BY queued_seq"
            )
        ]
        version = conn.exec_driver_sql("PRAGMA user_version").scalar()
    engine.dispose()
    assert version == 1
    profile = AccountProfile(
        username=USERNAME,
        server="http://127.0.0.1:9",
        device_id=DEVICE_ID,
        role="county",
        region_code="620102",
        verifier=PasswordVerifier.create(PASSWORD, n=SCRYPT_N),
        wrapped_key=WrappedKey.wrap(key, PASSWORD, n=SCRYPT_N),
    )
    data_dir.save_profile(profile)
    data_dir.set_last_account(USERNAME)
    expected = {
        "schema_version": 1,
        "records": {
            str(r["record_id"]): {"label": label, "state": label.split("_")[0], "doc": r}
            for label, r in records.items()
        },
        "outbox": outbox,
        "settings": {"reference_etag": '"schema1-etag"'},
    }
    (OUT.parent / "schema1_expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8"
    )
    print(f"wrote {OUT} ({len(records)} records, {len(outbox)} queued)")


if __name__ == "__main__":
    main()
