"""A review's way to the worker's laptop and back: the county returns a record with
comments, the worker's sync brings them, the correction makes it unreviewed, and the
county's approval of the new version arrives as approved. Real laptop, real centre."""

from __future__ import annotations

from pathlib import Path

from desktop.store.reviews import review_of
from tests.helpers.central import CentralProcess
from tests.helpers.client import (
    PASSWORD,
    KeyringFile,
    device,
    post_review,
    sync,
    unique_samples,
)


def test_a_returned_record_is_corrected_and_then_approved(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    centre.create_user("worker1", "worker", "620102", PASSWORD)
    county = centre.login("county1", PASSWORD)
    laptop = device(centre, tmp_path / "worker", user="worker1")
    try:
        [record] = unique_samples(1, seed=31)
        laptop.registry.save_many([record])
        assert sync(laptop).push.accepted == 1
        record_id = record["record_id"]
        assert review_of(laptop.registry.engine, record_id).state == "unreviewed"

        comments = {"phone": "号码少一位"}
        returned = post_review(
            centre, county, record_id, 1, decision="return", comment="请核对电话",
            field_comments=comments,
        )  # fmt: skip
        assert returned == "accepted"
        sync(laptop)
        review = review_of(laptop.registry.engine, record_id)
        assert (review.state, review.comment, review.field_comments, review.by) == (
            "returned",
            "请核对电话",
            comments,
            "county1",
        )
        # The record itself did not change: still synced, at version 1.
        local = laptop.registry.get(record_id)
        assert (local.state, local.version) == ("synced", 1)

        laptop.registry.save_many([{**local.record, "phone": "13912345678"}])
        assert sync(laptop).push.accepted == 1
        assert review_of(laptop.registry.engine, record_id).state == "unreviewed"

        assert post_review(centre, county, record_id, 2, decision="approve") == "accepted"
        sync(laptop)
        approved = review_of(laptop.registry.engine, record_id)
        assert (approved.state, approved.comment, approved.field_comments) == (
            "approved",
            None,
            {},
        )
    finally:
        laptop.close()
