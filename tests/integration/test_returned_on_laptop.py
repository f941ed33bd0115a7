"""A returned and an approved record on the worker's laptop, through the store: the county
posts its reviews to a real centre, the worker's laptop syncs, and the queue, the list,
the counts and the record say 退回 or 已审核 until a correction is saved and synced."""

from __future__ import annotations

from pathlib import Path

from desktop.store import Synchronizer
from desktop.store.model import RecordFilter
from desktop.store.reviews import review_of
from tests.helpers.central import CentralProcess
from tests.helpers.client import (
    FAST,
    PASSWORD,
    KeyringFile,
    device,
    post_review,
    sync,
    unique_samples,
)


def test_returned_stays_in_the_queue_until_its_correction_is_synced(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    centre.create_user("worker1", "worker", "620102", PASSWORD)
    county = centre.login("county1", PASSWORD)
    laptop = device(centre, tmp_path / "worker", user="worker1")
    try:
        registry = laptop.registry
        to_return, to_approve, untouched = unique_samples(3, seed=41)
        registry.save_many([to_return, to_approve, untouched])
        assert sync(laptop).push.accepted == 3
        assert registry.queue() == []
        returned_id, approved_id = to_return["record_id"], to_approve["record_id"]

        comments = {"phone": "号码少一位", "village": "村名写错"}
        review = {"decision": "return", "comment": "请核对", "field_comments": comments}
        assert post_review(centre, county, returned_id, 1, **review) == "accepted"
        assert post_review(centre, county, approved_id, 1, decision="approve") == "accepted"
        sync(laptop)

        # 待同步: the returned record alone, with its comment, who and the field comments.
        [entry] = registry.queue()
        assert (entry.record_id, entry.state, entry.review_mark) == (
            returned_id,
            "synced",
            "returned",
        )
        assert (entry.review.comment, entry.review.by, entry.review.field_comments) == (
            "请核对",
            "county1",
            comments,
        )
        assert entry.review.at is not None
        assert registry.status_counts()["returned"] == 1
        assert registry.get(returned_id).review_mark == "returned"
        # The list: a column and a filter by review.
        marks = {row.record_id: row.review for row in registry.page(registry.ids())}
        assert marks == {
            returned_id: "returned",
            approved_id: "approved",
            untouched["record_id"]: "unreviewed",
        }
        assert registry.ids(RecordFilter(review="approved")) == [approved_id]
        assert registry.ids(RecordFilter(review="returned")) == [returned_id]
        assert registry.ids(RecordFilter(review="unreviewed")) == [untouched["record_id"]]

        # A correction saved: still listed first, now corrected, no longer counted.
        local = registry.get(returned_id)
        registry.save_record({**local.record, "phone": "13912345678"})
        [entry] = registry.queue()
        assert (entry.record_id, entry.state, entry.review_mark) == (
            returned_id,
            "pending",
            "corrected",
        )
        assert registry.status_counts()["returned"] == 0
        assert registry.ids(RecordFilter(review="returned")) == [returned_id]

        # Synced: the centre took version 2, unreviewed; the queue is empty.
        assert sync(laptop).push.accepted == 1
        assert registry.queue() == []
        corrected = registry.get(returned_id)
        assert (corrected.version, corrected.review_mark) == (2, "unreviewed")
        assert registry.ids(RecordFilter(review="returned")) == []
        assert registry.get(approved_id).review_mark == "approved"
    finally:
        laptop.close()


def test_a_return_of_a_version_since_replaced_no_longer_holds(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    """The push alone (no pull yet) makes an accepted correction unreviewed on the laptop:
    the centre holds the new version unreviewed, so the review of version 1 is dropped."""
    centre.create_user("worker1", "worker", "620102", PASSWORD)
    county = centre.login("county1", PASSWORD)
    laptop = device(centre, tmp_path / "worker", user="worker1")
    try:
        registry = laptop.registry
        [record] = unique_samples(1, seed=42)
        registry.save_many([record])
        sync(laptop)
        assert post_review(
            centre, county, record["record_id"], 1, decision="return", comment="重填"
        ) == "accepted"  # fmt: skip
        sync(laptop)
        registry.save_record({**registry.get(record["record_id"]).record, "phone": "13912345678"})
        with laptop.client(FAST) as client:  # the push alone: no pull clears the review
            assert Synchronizer(registry, client).push().accepted == 1
        local = registry.get(record["record_id"])
        assert (local.version, local.review_mark) == (2, "unreviewed")
        assert registry.queue() == []
        assert review_of(registry.engine, record["record_id"]).state == "unreviewed"
        assert registry.ids(RecordFilter(review="returned")) == []
    finally:
        laptop.close()


def test_county_staff_correct_their_own_returned_records_on_a_new_laptop(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    """On a reviewer's laptop the returns to correct are those its account saved (its
    workers correct theirs): a new laptop learns who saved each record from the pull."""
    centre.create_user("worker1", "worker", "620102", PASSWORD)
    centre.create_user("city1", "city", "620100", PASSWORD)
    worker = device(centre, tmp_path / "worker", user="worker1")
    first = device(centre, tmp_path / "county-first", user="county1")
    try:
        [own] = unique_samples(1, seed=43)
        [workers] = unique_samples(1, seed=44)
        first.registry.save_many([own])
        worker.registry.save_many([workers])
        assert sync(first).push.accepted == 1
        assert sync(worker).push.accepted == 1
        city = centre.login("city1", PASSWORD)
        for record in (own, workers):
            returned = post_review(
                centre, city, record["record_id"], 1, decision="return", comment="请核对"
            )
            assert returned == "accepted"
    finally:
        worker.close()
        first.close()
    second = device(centre, tmp_path / "county-second", user="county1")
    try:
        sync(second)
        registry = second.registry
        # Both returned records are on this laptop; the county's own is its to correct.
        assert registry.status_counts()["returned"] == 1
        assert [entry.record_id for entry in registry.queue()] == [own["record_id"]]
    finally:
        second.close()
