"""Whole-number ticks for the charts' value axes (the laptop's and the PDF report's)."""

from __future__ import annotations

import math

import pytest

from sync.contract.chart_ticks import whole_ticks


@pytest.mark.parametrize(
    ("top", "step", "end"),
    [
        (0, 1, 2),  # an empty chart still has a unit axis
        (1, 1, 2),
        (3, 1, 4),  # 3 * 1.15 = 3.45: four whole ticks, never 0.2 steps
        (5, 1, 6),
        (6, 2, 8),  # 6.9 needs 7 intervals of 1: too many, so steps of 2
        (10, 2, 12),
        (40, 10, 50),
        (99.5, 20, 120),
        (1234, 500, 1500),
        (60_000, 20_000, 80_000),
    ],
)
def test_steps_are_one_two_or_five_times_a_power_of_ten(top: float, step: int, end: int) -> None:
    assert whole_ticks(top) == (step, end)


@pytest.mark.parametrize("top", [0.4, 2, 7, 13, 88, 101, 999, 4321, 450_000])
def test_the_axis_holds_the_bar_and_its_label_in_few_ticks(top: float) -> None:
    step, end = whole_ticks(top)
    assert step >= 1
    assert end % step == 0
    assert end >= top * 1.15
    assert end // step <= 6
    # The smallest step that fits: the one before it in 1, 2, 5, 10 ... needs over six.
    steps = [f * 10**k for k in range(7) for f in (1, 2, 5)]
    i = steps.index(step)
    if i:
        assert math.ceil(top * 1.15 / steps[i - 1]) > 6


def test_without_headroom_the_axis_ends_at_the_top_bar_when_it_can() -> None:
    assert whole_ticks(100, headroom=1.0) == (20, 100)  # a rate chart of full regions
    assert whole_ticks(2, headroom=1.0) == (1, 2)
    assert whole_ticks(93.75, headroom=1.0) == (20, 100)


def test_fewer_ticks_asked_for_widen_the_step() -> None:
    assert whole_ticks(10, most=3) == (5, 15)
    with pytest.raises(ValueError, match="most"):
        whole_ticks(10, most=0)
