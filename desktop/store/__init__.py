"""The field client's local store: encrypted database, records, outbox and synchronisation.

No Qt here: the UI and the headless commands both build on this package. The
synchronisation names load on first use (PEP 562): they bring the HTTP transport, which
the program's start does not need.
"""

import importlib
from typing import TYPE_CHECKING, Any

from desktop.store.accounts import AccountProfile, DataDir, default_data_dir
from desktop.store.errors import (
    BadPasswordError,
    DatabaseTooNewError,
    KeyLostError,
    NoAccountError,
    RecordNotFoundError,
    StoreError,
    WrongKeyError,
)
from desktop.store.model import (
    ROW_STATES,
    STATES,
    ListStart,
    LocalRecord,
    QueueEntry,
    RecordFilter,
    RecordRow,
    SaveResult,
    State,
)
from desktop.store.registry import ConflictOpenError, Registry
from desktop.store.session import (
    Account,
    login_online,
    open_account,
    set_new_password,
    unlock_offline,
)

if TYPE_CHECKING:
    from desktop.store.syncing import Progress, Synchronizer, SyncReport

__all__ = [
    "ROW_STATES",
    "STATES",
    "Account",
    "AccountProfile",
    "BadPasswordError",
    "ConflictOpenError",
    "DataDir",
    "DatabaseTooNewError",
    "KeyLostError",
    "ListStart",
    "LocalRecord",
    "NoAccountError",
    "Progress",
    "QueueEntry",
    "RecordFilter",
    "RecordNotFoundError",
    "RecordRow",
    "Registry",
    "SaveResult",
    "State",
    "StoreError",
    "SyncReport",
    "Synchronizer",
    "WrongKeyError",
    "default_data_dir",
    "login_online",
    "open_account",
    "set_new_password",
    "unlock_offline",
]


def __getattr__(name: str) -> Any:
    if name in ("Progress", "Synchronizer", "SyncReport"):
        value = getattr(importlib.import_module("desktop.store.syncing"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
