"""The text of a PDF file as poppler's ``pdftotext -layout`` lays it out."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def pdf_text(pdf: Path) -> str:
    """The text of ``pdf``, its pages separated by form feeds; the test is skipped where
    poppler-utils is not installed (`make test` installs it)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("poppler-utils is not installed; `make test` installs it")
    return subprocess.run(
        [tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
