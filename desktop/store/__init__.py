"""The field client's local store: encrypted database, records, outbox and synchronisation.

No Qt here: the UI (issue 5) and the headless commands both build on this package.
"""

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
    STATES,
    LocalRecord,
    QueueEntry,
    RecordFilter,
    RecordRow,
    SaveResult,
    State,
)
from desktop.store.registry import ConflictOpenError, Registry
from desktop.store.session import Account, login_online, open_account, unlock_offline
from desktop.store.syncing import Progress, Synchronizer, SyncReport

__all__ = [
    "STATES",
    "Account",
    "AccountProfile",
    "BadPasswordError",
    "ConflictOpenError",
    "DataDir",
    "DatabaseTooNewError",
    "KeyLostError",
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
    "unlock_offline",
]
