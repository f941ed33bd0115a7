"""Showing the rules' findings on the form: the input's frame and the message under it.

Errors and warnings differ in more than colour: the message begins with 错误 or 提醒, the
frame of an error is solid and that of a warning dashed (resources/styles/realname.qss
selects on the ``finding`` property). The message is also the input's accessible
description, so a screen reader reads it with the field.

A reviewer's comment on a field of a returned record (退回) is a third kind of mark: its
line begins with 审核意见, the frame is double (the ``review`` property), and the comment is
also in the input's tooltip and accessible description.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.appearance import repolish
from sync.contract.findings import Finding


def severity_word(severity: str) -> str:
    """The word that says what a finding is, shown before its message."""
    if severity == "error":
        return QCoreApplication.translate("FieldMark", "Error")
    return QCoreApplication.translate("FieldMark", "Warning")


def comment_text(comment: str) -> str:
    """A reviewer's comment on a field as the worker reads it."""
    return QCoreApplication.translate("FieldMark", "Review comment: {0}").format(comment)


def finding_text(finding: Finding) -> str:
    """A finding as the worker reads it: its kind, then its message."""
    return QCoreApplication.translate("FieldMark", "{0}: {1}").format(
        severity_word(finding.severity), finding.message
    )


class FieldMark:
    """The mark of one field: its input's frame and a message label kept below it."""

    def __init__(self, field_input: QWidget, label: QLabel, description: str = "") -> None:
        self.input = field_input
        self.label = label
        self.description = description  # the input's accessible description with no finding
        self.worst = ""
        self.findings_text = ""
        self.comment = ""  # the reviewer's comment on the field of a returned record
        self.tooltip = field_input.toolTip()  # the tooltip without a comment
        field_input.setProperty("finding", "")
        field_input.setProperty("review", "")
        label.setProperty("finding", "")
        label.setProperty("review", "")
        label.setWordWrap(True)
        label.setVisible(False)

    def show(self, findings: list[Finding]) -> None:
        """Mark the field with ``findings`` (the worst sets the frame); none clears it."""
        worst = ""
        if findings:
            worst = "error" if any(f.severity == "error" for f in findings) else "warning"
        text = "\n".join(dict.fromkeys(finding_text(f) for f in findings))
        if worst == self.worst and text == self.findings_text:
            return
        self.worst, self.findings_text = worst, text
        self._render()

    def show_comment(self, comment: str) -> None:
        """Mark the field with a reviewer's ``comment`` (empty: no comment)."""
        if comment != self.comment:
            self.comment = comment
            self._render()

    def _render(self) -> None:
        commented = comment_text(self.comment) if self.comment else ""
        for widget in (self.input, self.label):
            widget.setProperty("finding", self.worst)
            widget.setProperty("review", "returned" if self.comment else "")
            repolish(widget)
        text = "\n".join(t for t in (self.findings_text, commented) if t)
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self.input.setToolTip("\n".join(t for t in (commented, self.tooltip) if t))
        self.input.setAccessibleDescription(
            "\n".join(t for t in (text, self.description) if t) or self.description
        )


def by_field(findings: Iterable[Finding], known: Iterable[str]) -> dict[str, list[Finding]]:
    """Findings grouped by the fields they name (those on no known field go under "")."""
    names = set(known)
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        targets = [f for f in finding.fields if f in names] or [""]
        for name in targets:
            grouped.setdefault(name, []).append(finding)
    return grouped
