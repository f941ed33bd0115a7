"""Ticks for a chart's value axis on whole numbers, from zero.

Chart libraries pick steps such as 0.5 or 0.2 when the largest bar is small (three persons
surveyed in a week gave ticks 0, 0.5, 1 ...; one person, 0.2, 0.4 ...). Persons and whole
percentages are counted in whole numbers, so the step here is 1, 2 or 5 times a power of
ten and never below 1. The laptop's charts (desktop/ui/chart_axes.py) and the PDF report
(sync/contract/report/as_pdf.py) both take their axes from here.
"""

from __future__ import annotations

import math

LABEL_HEADROOM = 1.15
"""Room above the largest bar for a value label drawn at its end (the laptop's charts)."""


def whole_ticks(top: float, most: int = 6, headroom: float = LABEL_HEADROOM) -> tuple[int, int]:
    """The tick step and the axis end for values up to ``top``.

    The step is the smallest of 1, 2, 5, 10, 20, 50 ... that covers ``top`` times
    ``headroom`` in at most ``most`` intervals; the end is the first multiple of the step at
    or above that. Charts with no labels on their bars need no headroom (``1.0``).
    """
    if most < 1:
        raise ValueError("most must be at least 1")
    reach = max(float(top), 1.0) * headroom
    step = 1
    while True:
        for factor in (1, 2, 5):
            candidate = factor * step
            if math.ceil(reach / candidate) <= most:
                return candidate, math.ceil(reach / candidate) * candidate
        step *= 10
