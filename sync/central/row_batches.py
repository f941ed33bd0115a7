"""A file's rows in numbered batches, and the batches' work done by worker processes.

Both imports (``import-records``, ``import-reference roster``) read a file in batches of
rows and hand each batch to a function that checks or prepares it: in this process when the
file is one batch, else in a pool of worker processes while this process writes, a few
batches in flight at most to bound memory, the answers in file order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain
from typing import Any, Protocol, TypeVar

# A batch: each row's number in the file (the header is row 1) and its cells.
Batch = list[tuple[int, list[Any]]]
Done = TypeVar("Done")


class RowCount(Protocol):
    """The summary of an import, which counts the rows read."""

    rows: int


def row_batches(data: Iterator[list[Any]], size: int, summary: RowCount) -> Iterator[Batch]:
    """The rows of ``data`` that are not blank, numbered from 2, ``size`` to a batch;
    ``summary.rows`` counts them."""
    batch: Batch = []
    for number, cells in enumerate(data, start=2):
        if not any(str(c).strip() for c in cells):
            continue
        summary.rows += 1
        batch.append((number, cells))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def in_workers(
    work: Callable[[Batch], Done], batches: Iterator[Batch], workers: int
) -> Iterator[Done]:
    """``work`` of each batch, in file order; with more than one batch, in ``workers``
    processes (``work`` must pickle: a module's function, or a partial of one)."""
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if second is None:
        yield work(first)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[Done]] = deque()
        for batch in chain([first, second], batches):
            pending.append(pool.submit(work, batch))
            if len(pending) > workers + 1:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
