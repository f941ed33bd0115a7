"""A laptop's sync tells the centre its program version and how much it still holds."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text

from desktop.store import RecordFilter
from desktop.store.review_queue import queue_approvals
from desktop.store.syncing import Progress
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


def _queue_lengths(centre: CentralProcess) -> list[int | None]:
    engine = make_engine(centre.db_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(select(device_syncs.c.queue_length)).scalars())
    finally:
        engine.dispose()


def test_the_queue_length_counts_the_reviews_made_here(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    """A county laptop holding reviews not yet sent says so, as it holds records to send."""
    laptop = device(centre, tmp_path / "county")
    try:
        engine = laptop.registry.engine
        laptop.registry.save_many(unique_samples(5, seed=31))
        assert sync(laptop).push.accepted == 5
        assert _queue_lengths(centre) == [0]
        assert queue_approvals(engine, RecordFilter()) == 5
        # One of them was on its way when a sync died: it waits too, and goes first.
        with engine.begin() as conn:
            conn.execute(text("UPDATE review_outbox SET state = 'sending' WHERE rowid = 1"))
        laptop.registry.save_many(unique_samples(4, seed=32))
        seen: list[list[int | None]] = []

        def after_each_batch(progress: Progress) -> None:
            if progress.phase == "push" and progress.records_done:  # a push answered
                seen.append(_queue_lengths(centre))

        report = sync(laptop, progress=after_each_batch)
    finally:
        laptop.close()
    assert (report.push.accepted, report.reviews.accepted) == (4, 5)
    assert seen == [[4 + 5]]  # at the push: four records and five reviews
    assert _queue_lengths(centre) == [0]  # at the pull: nothing left
