"""Files and folders readable by their owner only: 0600 and 0700.

Everything the program keeps about an account (the database, its account file, backups,
exports with names and ID numbers) is made so from its creation, never narrowed after a
moment of being readable by others; files an older version left wider are narrowed when
the account opens. On Windows the modes only set the read-only flag: there the folder's
permissions (the user's profile is private) are what protect the files.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
_BINARY = getattr(os, "O_BINARY", 0)


def private_dir(path: Path) -> Path:
    """Make the folder ``path`` (and missing parents), accessible to the owner only."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(path, DIR_MODE)
    return path


def create_private(path: Path) -> Path:
    """Make ``path`` an owner-only file: created empty if missing, narrowed if it exists.

    Writing into it afterwards (truncating, as ``open(path, "w")`` does) keeps the mode.
    """
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | _BINARY, FILE_MODE))
    os.chmod(path, FILE_MODE)
    return path


def narrow(path: Path) -> None:
    """Make an existing file owner-only; nothing when it does not exist."""
    if path.exists():
        os.chmod(path, FILE_MODE)


def write_private(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (a crash leaves the old or the new file)."""
    tmp = path.with_name(f"{path.name}.{uuid.uuid4().hex}.tmp")
    descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
