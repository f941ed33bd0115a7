"""The global change sequence, and why a pull can never skip a change that commits late.

Every writer (push, void, import) runs in one transaction that first locks the one row of
``seq_counter`` (``SELECT ... FOR UPDATE``; on SQLite ``BEGIN IMMEDIATE`` already serialises
writers), numbers its changes from the value it read, and writes the new value before it
commits. The lock is held until commit, so a transaction holding seqs N+1..M cannot start
numbering before the one holding ..N has committed: seqs become visible strictly in order.
A pull that sees seq M therefore already sees every seq below M, and its cursor (the last
seq it returned) never passes a change that is still in flight.

The price is that writes are serialised. They are kept short: a push parses, normalises,
validates and scopes every op before it takes the lock (:mod:`sync.central.push`), and
under it only looks up what is stored, decides, and writes in bulk. Server processes on one
PostgreSQL share the lock, so more of them add checking capacity, not write conflicts.
"""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from sync.central.tables import seq_counter

RECORDS_COUNTER = 1  # the seqs of record changes (push, void, import)
# The seqs of roster changes (sync.central.roster_import): a counter of its own, so that
# loading a province's roster never holds up pushes on PostgreSQL; the same rule holds.
ROSTER_COUNTER = 2


def lock_counter(conn: Connection, counter: int = RECORDS_COUNTER) -> int:
    """Lock the counter for this transaction and return the last seq handed out."""
    value = conn.execute(
        select(seq_counter.c.value).where(seq_counter.c.id == counter).with_for_update()
    ).scalar_one()
    return int(value)


def store_counter(conn: Connection, last_seq: int, counter: int = RECORDS_COUNTER) -> None:
    """Record the last seq this transaction used (call before commit)."""
    conn.execute(update(seq_counter).where(seq_counter.c.id == counter).values(value=last_seq))
