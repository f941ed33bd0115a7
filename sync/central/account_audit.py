"""The audit trail of account administration (table ``account_events``): who did what, when."""

from __future__ import annotations

from sqlalchemy import Connection, insert

from sync.central.clock import utc_now
from sync.central.tables import account_events

# The actor of what the administrator does with ``realname-central`` on the server.
COMMAND_LINE = "(command line)"


def record_event(
    conn: Connection, actor: str, action: str, target: str, detail: str | None = None
) -> None:
    """Add one event inside ``conn``'s transaction, so it commits with what it records."""
    conn.execute(
        insert(account_events).values(
            at=utc_now(), actor=actor, action=action, target=target, detail=detail
        )
    )
