"""Timing a piece of work the way the benchmarks report it: the median of a few runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of this process over ``repeat`` runs of ``work`` (CPU
    time counts SQLite's work, which is in-process; on a busy machine wall time also waits
    for a core)."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    return statistics.median(wall), statistics.median(cpu)
