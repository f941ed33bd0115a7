"""The centre's files are its owner's only: folders 0700, files 0600.

The database holds the personal data of the whole province. Every ``realname-central``
command runs under the umask :data:`OWNER_ONLY_UMASK` (set by ``sync.central.cli``), so what
it creates (the data folder, the database, SQLite's -wal and -shm, reports and exports) is
private whatever the umask of the shell that started it; a folder or database an older
version left readable to others is tightened when the centre next opens it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

OWNER_ONLY_UMASK = 0o077
_FILE_MODE = 0o600
_DIR_MODE = 0o700
# SQLite keeps these beside the database file, with the database file's permissions.
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def _tighten(path: Path, mode: int) -> None:
    """Take group and other permissions away from ``path`` when it has any."""
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & 0o077:
            path.chmod(current & mode)
    except FileNotFoundError:
        return
    except OSError as error:
        log.warning("cannot make %s private to its owner: %s", path, error.strerror)


def private_dir(path: Path) -> None:
    """Create the folder ``path`` (and missing parents) for its owner only, or tighten it."""
    path.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
    _tighten(path, _DIR_MODE)


def tighten_dir(path: Path) -> None:
    """Tighten the folder ``path`` if it exists (never creates it)."""
    if path.is_dir():
        _tighten(path, _DIR_MODE)


def private_sqlite_file(path: Path) -> None:
    """Create the database file 0600 before SQLite does, or tighten it and its companions.

    SQLite gives its -wal and -shm files the permissions of the database file, so a private
    database keeps its log private too. A missing folder is left for SQLite to report.
    """
    if not path.exists() and path.parent.is_dir():
        # Another process may make it a moment before: then it is tightened below.
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, _FILE_MODE))
    for candidate in (path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS)):
        _tighten(candidate, _FILE_MODE)


def private_new_file(path: Path) -> Path:
    """Make ``path`` a new, empty file for its owner only (for secrets: one-time passwords).

    A file already there is removed first, never written into: it may be readable by others.
    """
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, _FILE_MODE))
    return path
