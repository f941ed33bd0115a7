"""Value axes for the charts: ticks on whole numbers, from zero.

Qt's ``applyNiceNumbers`` picks steps such as 0.5 or 0.2 when the largest bar is small
(three persons surveyed in a week gave ticks 0, 0.5, 1 ... each labelled as a whole number,
so the labels repeated). Persons and whole percentages are counted in whole numbers, so the
step here is 1, 2 or 5 times a power of ten and never below 1.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCharts import QValueAxis

HEADROOM = 1.15
"""Room above the largest bar for its value label."""


def whole_ticks(top: float, most: int = 6) -> tuple[int, int]:
    """The tick step and the axis end for values up to ``top``.

    The step is the smallest of 1, 2, 5, 10, 20, 50 ... that covers ``top`` plus headroom in
    at most ``most`` intervals; the end is the first multiple of the step at or above that.
    """
    if most < 1:
        raise ValueError("most must be at least 1")
    reach = max(float(top), 1.0) * HEADROOM
    step = 1
    while True:
        for factor in (1, 2, 5):
            candidate = factor * step
            if math.ceil(reach / candidate) <= most:
                return candidate, math.ceil(reach / candidate) * candidate
        step *= 10


def value_axis(top: float, title: str) -> QValueAxis:
    """A value axis from 0 with whole-number ticks for values up to ``top``."""
    from PySide6.QtCharts import QValueAxis

    step, end = whole_ticks(top)
    axis = QValueAxis()
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setRange(0, end)
    axis.setLabelFormat("%.0f")
    axis.setTitleText(title)
    return axis
