"""Record and op ids: version 7 UUIDs that sort by the time they were made."""

from __future__ import annotations

import time
import uuid

from hypothesis import given
from hypothesis import strategies as st

from sync.contract import validate
from sync.contract.ids import new_id, uuid7
from sync.contract.samples import sample_records


@given(st.integers(0, 2**48 - 1), st.integers(0, 2**74 - 1))
def test_uuid7_holds_the_time_and_the_random_bits(unix_ms: int, bits: int) -> None:
    made = uuid.UUID(uuid7(unix_ms, bits))
    assert made.version == 7
    assert made.variant == uuid.RFC_4122
    assert made.int >> 80 == unix_ms
    assert ((made.int >> 64) & 0xFFF) << 62 | (made.int & ((1 << 62) - 1)) == bits


@given(st.integers(0, 2**48 - 2), st.integers(0, 2**74 - 1), st.integers(0, 2**74 - 1))
def test_a_later_millisecond_sorts_after_as_text(unix_ms: int, a: int, b: int) -> None:
    assert uuid7(unix_ms, a) < uuid7(unix_ms + 1, b)


def test_new_ids_are_now_distinct_and_ordered_across_milliseconds() -> None:
    before = time.time_ns() // 1_000_000
    first = new_id()
    time.sleep(0.002)
    second = new_id()
    after = time.time_ns() // 1_000_000
    assert before <= uuid.UUID(first).int >> 80 <= after
    assert first < second
    assert len({new_id() for _ in range(10_000)}) == 10_000


def test_sample_ids_follow_their_order_and_pass_the_record_id_check() -> None:
    records = sample_records(200, seed=3)
    ids = [r["record_id"] for r in records]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 7 for i in ids)
    assert not [f for r in records for f in validate(r) if f.rule_id == "format.record_id"]
