"""The link sizer: halve after a cut, grow after successes, wait with jitter at one record."""

from __future__ import annotations

import pytest

from sync.client import Exchange, LinkDroppedError, LinkSizer, RetryPolicy


def sizer(waits: list[float], max_count: int = 1000) -> LinkSizer:
    return LinkSizer(max_count, retry=RetryPolicy(attempts=3, sleep=waits.append))


def test_doubles_until_a_cut_then_halves_and_grows_by_a_step() -> None:
    waits: list[float] = []
    s = sizer(waits)
    fast = Exchange(100_000, 1_000, 0.01)  # a fast link: the rate does not limit the size
    sizes = []
    for _ in range(3):
        sizes.append(s.size())
        s.succeeded(s.size(), fast)
    assert sizes == [50, 100, 200]
    s.failed(400)
    assert s.size() == 200
    s.succeeded(200, fast)
    assert s.size() == 225  # additive once a request has failed
    assert s.in_flight == 2
    assert waits == []


def test_a_slow_link_sizes_by_its_rate_and_keeps_one_request_in_flight() -> None:
    s = sizer([])
    s.succeeded(50, Exchange(7_000, 1_000, 1.0))  # 8 kB/s, 160 bytes a record
    assert s.in_flight == 1
    assert s.size() == 100  # doubled, within what 8 kB/s carries in REQUEST_SECONDS (300)
    s.succeeded(100, Exchange(15_000, 1_000, 2.0))
    assert s.size() == 200  # 8 kB/s for 6 s at 160 B: 300, so the doubling stands
    s.succeeded(200, Exchange(31_000, 1_000, 4.0))
    assert s.size() == 300  # capped by the rate, not 400


def test_one_record_failing_again_and_again_waits_then_gives_up() -> None:
    waits: list[float] = []
    s = sizer(waits, max_count=4)
    calls: list[int] = []

    def always_cut(size: int) -> tuple[None, int, Exchange]:
        calls.append(size)
        raise LinkDroppedError("cut")

    with pytest.raises(LinkDroppedError):
        s.run(always_cut)
    assert calls == [4, 2, 1, 1, 1]  # halved at once, then three tries of one record
    assert len(waits) == 2  # jittered waits between the tries at one record
    assert all(0.0 <= w <= 1.0 for w in waits)


def test_a_cut_then_a_smaller_request_that_gets_through() -> None:
    s = sizer([])
    calls: list[int] = []

    def cut_when_large(size: int) -> tuple[str, int, Exchange]:
        calls.append(size)
        if size > 20:
            raise LinkDroppedError("cut")
        return "page", size, Exchange(1_000, 1_000, 0.1)

    assert s.run(cut_when_large) == "page"
    assert calls == [50, 25, 12]
