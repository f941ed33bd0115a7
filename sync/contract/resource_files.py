"""Reads the data files shipped in the ``resources`` package.

Through importlib.resources only, so that the same code works from a checkout, an installed
wheel and a PyInstaller bundle.
"""

from __future__ import annotations

from importlib.resources import files


def read_resource_text(path: str) -> str:
    """The text of ``resources/<path>`` (slash-separated), decoded as UTF-8."""
    node = files("resources")
    for part in path.split("/"):
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8-sig")
