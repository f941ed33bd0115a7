"""The code lists of the record (docs/protocol.md), from ``resources/codelists.json``."""

from __future__ import annotations

import json
from functools import cache

from sync.contract.resource_files import read_resource_text


@cache
def _lists() -> dict[str, dict[int, str]]:
    raw = json.loads(read_resource_text("codelists.json"))
    return {name: {int(code): text for code, text in items.items()} for name, items in raw.items()}


def code_lists() -> dict[str, dict[int, str]]:
    """Every code list: list name -> {code: Chinese label}. A fresh copy each call."""
    return {name: dict(items) for name, items in _lists().items()}


def label(list_name: str, code: object) -> str | None:
    """The Chinese label of ``code`` in the list, None when the list or code is unknown."""
    if not isinstance(code, int) or isinstance(code, bool):
        return None
    return _lists().get(list_name, {}).get(code)


def codes_of(list_name: str) -> frozenset[int]:
    """The valid codes of one list (empty for an unknown list)."""
    return frozenset(_lists().get(list_name, {}))
