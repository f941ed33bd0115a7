"""Showing the rules' findings on the form: a coloured frame and the message under the field."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QWidget

from sync.contract.findings import Finding

_COLOURS = {"error": "#c62828", "warning": "#b26a00"}


class FieldMark:
    """The mark of one field: its input's frame and a message label kept below it."""

    def __init__(self, field_input: QWidget, label: QLabel) -> None:
        self.input = field_input
        self.label = label
        label.setWordWrap(True)
        label.setVisible(False)

    def show(self, findings: list[Finding]) -> None:
        """Mark the field with ``findings`` (the worst colours it); none clears it."""
        if not findings:
            self.input.setProperty("finding", "")
            self.input.setStyleSheet("")
            self.label.clear()
            self.label.setVisible(False)
            return
        worst = "error" if any(f.severity == "error" for f in findings) else "warning"
        colour = _COLOURS[worst]
        self.input.setProperty("finding", worst)
        self.input.setStyleSheet(f"border: 2px solid {colour};")
        self.label.setStyleSheet(f"color: {colour};")
        self.label.setText("\n".join(dict.fromkeys(f.message for f in findings)))
        self.label.setVisible(True)


def by_field(findings: Iterable[Finding], known: Iterable[str]) -> dict[str, list[Finding]]:
    """Findings grouped by the fields they name (those on no known field go under "")."""
    names = set(known)
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        targets = [f for f in finding.fields if f in names] or [""]
        for name in targets:
            grouped.setdefault(name, []).append(finding)
    return grouped
