"""Two laptops and a centre: the county returns a record offline and syncs (the command
line's summary counts the review); the worker's sync brings it back as returned; the
correction makes it unreviewed on the county's laptop; the county approves it offline and
syncs; the worker sees it approved. Real laptops, real centre."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.store import Account, RecordFilter, open_account
from desktop.store.review_queue import pending_reviews, queue_review
from desktop.store.reviews import review_of
from tests.helpers.central import CentralProcess
from tests.helpers.client import (
    PASSWORD,
    KeyringFile,
    device,
    run_desktop,
    sync,
    unique_samples,
)


def _unreviewed(account: Account) -> int:
    return account.registry.count(RecordFilter(review="unreviewed"))


def test_county_returns_worker_corrects_county_approves(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    centre.create_user("worker1", "worker", "620102", PASSWORD)
    worker = device(centre, tmp_path / "worker", user="worker1")
    county_dir = tmp_path / "county"
    county = device(centre, county_dir)
    try:
        [record] = unique_samples(1, seed=51)
        record_id = record["record_id"]
        worker.registry.save_many([record])
        assert sync(worker).push.accepted == 1
        sync(county)
        assert _unreviewed(county) == 1

        # Offline: the return is kept and shown before any network.
        queue_review(county.engine, record_id, "return", "请核对电话", {"phone": "少一位"})
        assert review_of(county.engine, record_id).state == "returned"
        assert _unreviewed(county) == 0
        # The worker's to correct, not the reviewer's: nothing waits in the county's 待同步.
        assert [e.record_id for e in county.registry.queue()] == []
        assert county.registry.returned_count() == 0
        county.close()
        done = run_desktop(county_dir, "sync", env=test_keyring.env)
        assert done.returncode == 0, done.stderr
        summary = json.loads(done.stdout)
        assert summary["reviews"] == {"accepted": 1, "stale": 0, "forbidden": 0, "refused": 0}
        county = open_account(county_dir)
        assert pending_reviews(county.engine) == []

        sync(worker)
        returned = review_of(worker.engine, record_id)
        assert (returned.state, returned.comment, returned.field_comments, returned.by) == (
            "returned",
            "请核对电话",
            {"phone": "少一位"},
            "county1",
        )
        assert [e.record_id for e in worker.registry.queue()] == [record_id]
        assert worker.registry.returned_count() == 1
        corrected = {**worker.registry.get(record_id).record, "phone": "13912345678"}
        worker.registry.save_many([corrected])
        assert sync(worker).push.accepted == 1

        sync(county)
        assert county.registry.get(record_id).version == 2
        assert review_of(county.engine, record_id).state == "unreviewed"
        assert _unreviewed(county) == 1
        queue_review(county.engine, record_id, "approve")
        assert sync(county).reviews.accepted == 1

        sync(worker)
        approved = review_of(worker.engine, record_id)
        assert (approved.state, approved.by) == ("approved", "county1")
    finally:
        worker.close()
        county.close()
