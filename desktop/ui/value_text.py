"""A record field's value as the worker reads it: code labels, 是/否, trainings in brief; and
a report's share (an indicator, a review rate) as its tables show it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from sync.contract.codes import label
from sync.contract.fields import FIELDS_BY_NAME

if TYPE_CHECKING:
    from sync.contract.indicator_values import IndicatorValue


def value_text(name: str, value: Any) -> str:
    """``value`` of field ``name`` for display (empty for no value)."""
    if value is None or value == "" or value == []:
        return ""
    field = FIELDS_BY_NAME.get(name)
    if field is None:
        return str(value)
    if field.kind == "code" and field.code_list:
        return label(field.code_list, value) or str(value)
    if field.kind == "bool":
        yes = QCoreApplication.translate("Value", "yes")
        no = QCoreApplication.translate("Value", "no")
        return yes if value else no
    if field.kind == "trainings" and isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):
                kind = label("training_type", item.get("type")) or ""
                parts.append(f"{item.get('year') or ''} {kind} {item.get('provider') or ''}")
        return "；".join(p.strip() for p in parts)
    return str(value)


def share_text(value: IndicatorValue) -> str:
    """``numerator/denominator (rate%)``, the rate "—" without a denominator."""
    rate = value.rate
    shown = f"{rate}%" if rate is not None else "—"
    return f"{value.numerator}/{value.denominator} ({shown})"
