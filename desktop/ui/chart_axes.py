"""Value axes for the laptop's charts: ticks on whole numbers, from zero (the steps are
:func:`sync.contract.chart_ticks.whole_ticks`'s, which the PDF report's charts use too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sync.contract.chart_ticks import whole_ticks

if TYPE_CHECKING:
    from PySide6.QtCharts import QValueAxis


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
