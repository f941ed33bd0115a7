"""Reviews queued offline on a county laptop and sent by its sync, against a real centre:
one and a batch, the local display before the sync, a replay after a cut, stale, forbidden."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from desktop.store import Account, RecordFilter, RecordNotFoundError, login_online
from desktop.store.review_queue import (
    ReviewInputError,
    pending_reviews,
    queue_approvals,
    queue_review,
)
from desktop.store.reviews import review_of
from desktop.store.syncing import Synchronizer
from sync.client.transport import CentralClient
from tests.helpers.central import CentralProcess
from tests.helpers.client import FAST, PASSWORD, KeyringFile, device, sync, unique_samples
from tests.helpers.cutting_proxy import CuttingProxy
from tests.helpers.scripted_server import Answer, ScriptedServer

REVIEWS = b"POST /api/v1/reviews"


def _centre_reviews(centre: CentralProcess) -> list[tuple[str, int, str]]:
    engine = create_engine(centre.db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT record_id, version, state FROM reviews ORDER BY record_id")
        ).all()
    engine.dispose()
    return [(r[0], int(r[1]), r[2]) for r in rows]


def _ops_count(centre: CentralProcess) -> int:
    engine = create_engine(centre.db_url)
    with engine.connect() as conn:
        count = int(conn.execute(text("SELECT count(*) FROM review_ops")).scalar_one())
    engine.dispose()
    return count


@pytest.fixture
def county(centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile) -> Iterator[Account]:
    """A county laptop whose three records are at the centre (version 1)."""
    laptop = device(centre, tmp_path / "county")
    laptop.registry.save_many(unique_samples(3, seed=41))
    assert sync(laptop).push.accepted == 3
    yield laptop
    laptop.close()


def _ids(account: Account) -> list[str]:
    return sorted(account.registry.ids())


def test_reviews_show_at_once_and_reach_the_centre(centre: CentralProcess, county: Account) -> None:
    engine = county.registry.engine
    first, second, third = _ids(county)
    queue_review(engine, first, "return", "请核对电话", {"phone": "少一位", "address": " "})
    queue_review(engine, second, "approve")
    # Shown before any sync; a blank field comment is no comment.
    returned = review_of(engine, first)
    assert (returned.state, returned.comment, returned.field_comments) == (
        "returned",
        "请核对电话",
        {"phone": "少一位"},
    )
    assert county.registry.count(RecordFilter(review="unreviewed")) == 1
    assert [r.review for r in county.registry.page([first, second, third])] == [
        "returned",
        "approved",
        "unreviewed",
    ]
    # A second thought replaces the review still waiting.
    queue_review(engine, second, "return", "身份证号存疑")
    assert [(p.record_id, p.decision) for p in pending_reviews(engine)] == [
        (first, "return"),
        (second, "return"),
    ]

    report = sync(county)
    assert (report.reviews.accepted, report.reviews.stale, report.reviews.forbidden) == (2, [], [])
    assert pending_reviews(engine) == []
    assert _centre_reviews(centre) == sorted([(first, 1, "returned"), (second, 1, "returned")])
    kept = review_of(engine, first)
    assert (kept.state, kept.field_comments, kept.by) == (
        "returned",
        {"phone": "少一位"},
        "county1",
    )


@pytest.fixture
def local(account: Account) -> Account:
    """A laptop without a centre holding three records as if synced (version 1)."""
    account.registry.save_many(unique_samples(3, seed=41))
    with account.engine.begin() as conn:
        conn.execute(text("UPDATE records SET version = 1, state = 'synced'"))
        conn.execute(text("DELETE FROM outbox"))
    return account


def test_the_earlier_record_is_the_latest_before_the_year(local: Account) -> None:
    found = local.registry.get(_ids(local)[0])
    id_number, year = found.record["id_number"], int(found.record["survey_date"][:4])
    assert local.registry.earlier_record(id_number, year) is None
    earlier = local.registry.earlier_record(id_number.lower(), year + 1)
    assert earlier is not None
    assert earlier.record_id == found.record_id


def test_a_review_is_checked_before_it_is_queued(local: Account) -> None:
    engine = local.registry.engine
    record_id = _ids(local)[0]
    with pytest.raises(ReviewInputError, match="退回须填写原因"):
        queue_review(engine, record_id, "return", "   ")
    with pytest.raises(ReviewInputError, match="nonsense"):
        queue_review(engine, record_id, "return", "看看", {"nonsense": "x"})
    with pytest.raises(RecordNotFoundError):
        queue_review(engine, "no-such-record", "approve")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE records SET version = NULL WHERE record_id = :r"), {"r": record_id}
        )
    with pytest.raises(ReviewInputError, match="尚未同步"):
        queue_review(engine, record_id, "approve")
    assert pending_reviews(engine) == []


@pytest.mark.allow_warning_logs  # the refused review is logged as a warning
def test_an_unreadable_review_is_dropped_and_a_centre_without_reviews_keeps_them(
    local: Account,
) -> None:
    engine = local.registry.engine
    first, second, _ = _ids(local)
    queue_review(engine, first, "approve")
    queue_review(engine, second, "approve")
    server = ScriptedServer()
    try:
        server.add("/api/v1/reviews", Answer.json({"detail": "version: bad"}, status=422))
        # Then no route: a centre older than reviews.
        with CentralClient(server.url, token="t", retry=FAST) as client:
            tally = Synchronizer(local.registry, client).send_reviews()
    finally:
        server.close()
    assert (tally.accepted, tally.refused) == (0, [first])
    assert [(p.record_id, p.decision) for p in pending_reviews(engine)] == [(second, "approve")]
    assert review_of(engine, second).state == "approved"


def test_batch_approval_is_one_transaction_of_the_filtered_list(
    centre: CentralProcess, county: Account
) -> None:
    engine = county.registry.engine
    first = _ids(county)[0]
    queue_review(engine, first, "return", "请补充就业形式")
    queued = queue_approvals(engine, RecordFilter(review="unreviewed"))
    assert queued == 2
    assert county.registry.count(RecordFilter(review="approved")) == 2
    assert sync(county).reviews.accepted == 3
    assert [state for _, _, state in _centre_reviews(centre)].count("approved") == 2


def test_a_review_whose_answer_was_cut_is_replayed_not_repeated(
    central_server_each: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    """On SQLite and on PostgreSQL."""
    centre = central_server_each
    centre.create_user("county1", "county", "620102", PASSWORD)
    proxy = CuttingProxy(centre.port)
    try:
        laptop, _ = login_online(tmp_path / "laptop", proxy.url, "county1", PASSWORD, retry=FAST)
        laptop.registry.save_many(unique_samples(2, seed=42))
        assert sync(laptop).push.accepted == 2
        first, second = _ids(laptop)
        queue_review(laptop.registry.engine, first, "approve")
        queue_review(laptop.registry.engine, second, "return", "地址不全")
        proxy.cut_response(REVIEWS)  # the centre commits the first; its answer is lost
        report = sync(laptop)
        assert proxy.cuts == 1
        assert report.reviews.accepted == 2
        assert _ops_count(centre) == 2  # the replay wrote nothing
        assert _centre_reviews(centre) == sorted([(first, 1, "approved"), (second, 1, "returned")])
        assert review_of(laptop.registry.engine, first).state == "approved"
        laptop.close()
    finally:
        proxy.close()


def test_a_stale_review_leaves_the_queue_and_is_named(
    centre: CentralProcess, county: Account, tmp_path: Path
) -> None:
    engine = county.registry.engine
    first = _ids(county)[0]
    queue_review(engine, first, "approve")
    # Meanwhile a correction reaches the centre from another laptop as version 2.
    other = device(centre, tmp_path / "other")
    try:
        sync(other)
        other.registry.save_many([{**other.registry.get(first).record, "phone": "13912345678"}])
        assert sync(other).push.accepted == 1
    finally:
        other.close()
    report = sync(county)
    assert (report.reviews.accepted, report.reviews.stale) == (0, [first])
    assert pending_reviews(engine) == []
    # The pull brought the new version, which nobody reviewed yet.
    assert county.registry.get(first).version == 2
    assert review_of(engine, first).state == "unreviewed"
    assert _centre_reviews(centre) == []


def test_a_review_outside_the_region_is_forbidden_and_named(
    centre: CentralProcess, county: Account, tmp_path: Path
) -> None:
    record_id = _ids(county)[0]
    centre.create_user("county2", "county", "620103", PASSWORD)
    outsider = device(centre, tmp_path / "outsider", user="county2")
    try:
        # A record the other county's laptop holds (say, from an old export): not its own.
        outsider.registry.save_many([county.registry.get(record_id).record])
        with outsider.registry.engine.begin() as conn:
            conn.execute(text("UPDATE records SET version = 1, state = 'synced'"))
            conn.execute(text("DELETE FROM outbox"))
        queue_review(outsider.registry.engine, record_id, "approve")
        report = sync(outsider)
        assert (report.reviews.accepted, report.reviews.forbidden) == (0, [record_id])
        assert pending_reviews(outsider.registry.engine) == []
    finally:
        outsider.close()
    assert _centre_reviews(centre) == []
