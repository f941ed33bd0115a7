"""Small named values kept in the account's database: pull cursor, rules, reference data."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select
from sqlalchemy.dialects.sqlite import insert

from desktop.store.database import write_transaction
from desktop.store.schema import settings

# When the last sync that ended well ended (UTC, ISO 8601), and what ended the last one that
# failed (desktop.store.syncing.failure_kind; None after a sync that ended well).
LAST_SYNC_KEY = "last_sync_at"
LAST_SYNC_FAILURE_KEY = "last_sync_failure"


class Settings:
    """Key-value settings of one account database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, key: str) -> str | None:
        """The value of ``key``, or None."""
        with self.engine.connect() as conn:
            return get_in(conn, key)

    def set(self, key: str, value: str | None) -> None:
        """Set ``key`` in its own transaction."""
        with write_transaction(self.engine) as conn:
            set_in(conn, key, value)


def get_in(conn: Connection, key: str) -> str | None:
    """``key``'s value read inside ``conn``'s transaction."""
    value = conn.execute(select(settings.c.value).where(settings.c.key == key)).scalar()
    return None if value is None else str(value)


def set_in(conn: Connection, key: str, value: str | None) -> None:
    """Set ``key`` inside ``conn``'s transaction (so it commits with the data it describes)."""
    stmt = insert(settings).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=[settings.c.key], set_={"value": value}))
