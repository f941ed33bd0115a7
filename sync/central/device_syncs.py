"""What each laptop said of itself at its last sync: its program version and its queue.

Every sync request (push, pull, roster, reviews) may carry ``X-App-Version`` (the laptop's
program version) and ``X-Queue-Length`` (the changes waiting in its outbox as it sent the
request). :func:`note_sync`, a dependency of those routes, keeps them with the time per
account and device, so that progress (:mod:`sync.central.progress`) can show who has not
synced for a week or runs an old version. A header left out keeps the value last sent.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Header
from sqlalchemy import Engine
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sync.central.accounts import User
from sync.central.clock import utc_now
from sync.central.db import write_transaction
from sync.central.deps import CurrentUser, EngineDep
from sync.central.review_tables import device_syncs

APP_VERSION_HEADER = "X-App-Version"
QUEUE_LENGTH_HEADER = "X-Queue-Length"
# A version as the laptops write it (1.4.0, 1.4.0rc1, 1.4.0.dev3+g1a2b3c): nothing that
# could carry a line break or an escape into a report.
APP_VERSION_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.+_-]*$"


def record_sync(
    engine: Engine, user: User, app_version: str | None, queue_length: int | None
) -> None:
    """Keep the time of this sync request, and what its headers said, for the caller's device."""
    values = {
        "username": user.username,
        "device_id": user.device_id,
        "last_sync_at": utc_now(),
        "app_version": app_version,
        "queue_length": queue_length,
    }
    changed = {
        name: value
        for name, value in values.items()
        if name in ("last_sync_at", "app_version", "queue_length") and value is not None
    }
    with write_transaction(engine) as conn:
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        statement = insert(device_syncs).values(values)
        conn.execute(
            statement.on_conflict_do_update(
                index_elements=[device_syncs.c.username, device_syncs.c.device_id], set_=changed
            )
        )


def note_sync(
    user: CurrentUser,
    engine: EngineDep,
    app_version: Annotated[
        str | None,
        Header(
            alias=APP_VERSION_HEADER,
            max_length=40,
            pattern=APP_VERSION_PATTERN,
            description="the laptop's program version",
        ),
    ] = None,
    queue_length: Annotated[
        str | None,
        Header(
            alias=QUEUE_LENGTH_HEADER,
            max_length=9,
            pattern=r"^[0-9]+$",
            description="changes waiting in the laptop's outbox as it sends this request",
        ),
    ] = None,
) -> None:
    """Route dependency: keep what a sync request's headers say (see :func:`record_sync`).

    The queue length is declared as digits, not as an integer: a header is text on the
    wire, and a schema of digits says exactly what is accepted.
    """
    record_sync(engine, user, app_version, None if queue_length is None else int(queue_length))
