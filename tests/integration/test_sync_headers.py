"""A laptop's sync tells the centre its program version and how much it still holds."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from sync.central.db import make_engine
from sync.central.review_tables import device_syncs
from sync.version import __version__
from tests.helpers.central import CentralProcess
from tests.helpers.client import KeyringFile, device, sync, unique_samples


def test_every_sync_request_carries_version_and_queue(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    laptop = device(centre, tmp_path / "laptop")
    try:
        # Five records the centre refuses (another county) wait for the worker's correction,
        # not for the link: the requests after the push say nothing is left to send.
        laptop.registry.save_many(unique_samples(5, seed=21, region="620201"))
        laptop.registry.save_many(unique_samples(12, seed=22))
        report = sync(laptop)
        assert (report.push.accepted, report.push.rejected) == (12, 5)
        device_id = laptop.registry.device_id
    finally:
        laptop.close()
    engine = make_engine(centre.db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(device_syncs)).mappings().all()
    finally:
        engine.dispose()
    assert [(r["username"], r["device_id"], r["app_version"], r["queue_length"]) for r in rows] == [
        ("county1", device_id, __version__, 0)
    ]
