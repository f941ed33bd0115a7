"""What changed in a person's record since their earlier year's record, in the clerk's words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.ui.value_text import value_text
from sync.contract.fields import RECORD_FIELDS

# A visit's own: they always differ from one year to the next, and say nothing.
NOT_COMPARED = frozenset({"record_id", "survey_date", "surveyor"})


def changed_fields(
    earlier: Mapping[str, Any], now: Mapping[str, Any]
) -> list[tuple[str, str, str, str]]:
    """(field, Chinese label, earlier text, this year's text) of each field that changed."""
    found = []
    for spec in RECORD_FIELDS:
        if spec.name in NOT_COMPARED:
            continue
        before = value_text(spec.name, earlier.get(spec.name))
        after = value_text(spec.name, now.get(spec.name))
        if before != after:
            found.append((spec.name, spec.label, before, after))
    return found
