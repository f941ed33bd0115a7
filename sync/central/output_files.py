"""Where a ``realname-central`` command writes: a file it was given, or standard output."""

from __future__ import annotations

import sys
from pathlib import Path


def check_folder(path: Path | None, name: str) -> None:
    """Before any work: ValueError naming ``name`` (the option or the file) when the folder
    ``path`` is to be written in does not exist. Nothing to check for no ``path``."""
    if path is not None and not path.parent.is_dir():
        raise ValueError(f"{name}: the folder {path.parent} does not exist")


def write_output(data: bytes, output: Path | None) -> None:
    """``data`` into the file ``output``, or to standard output where there is none."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(data)
