"""Cyclic garbage collection, rarely: for bulk work that makes many objects and few cycles.

A push, an import or a check allocates tens of thousands of short-lived objects (rows,
ops, answers) that reference counting frees. With the collector's defaults it scans the
young ones every 700 allocations, and now and then every object the process holds, which
in a laptop process with its modules and screens is a pause of its own, and costs an import
or a push time per row (measured: docs/architecture.md#measurements-behind-the-code). The
objects that exist when the work begins are never its garbage (``gc.freeze``), and the
thresholds below make collections rare.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (50_000, 20, 100)


def collect_rarely() -> None:
    """For the rest of the process (a server, a worker): freeze what exists, collect rarely."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


@contextmanager
def rare_collections() -> Iterator[None]:
    """Collect rarely for the block; after it, the thresholds as they were, and what
    existed before collected as usual again."""
    previous = gc.get_threshold()
    collect_rarely()
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()
