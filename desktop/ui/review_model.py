"""The 审核 list's model: the record list's lazy model with the review state beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from desktop.ui.record_model import Index, RecordModel


def review_label(state: str) -> str:
    """The clerk's word for a review state."""
    labels = {
        "unreviewed": QCoreApplication.translate("Review", "not reviewed"),
        "approved": QCoreApplication.translate("Review", "approved"),
        "returned": QCoreApplication.translate("Review", "returned"),
    }
    return labels.get(state, state)


class ReviewModel(RecordModel):
    """The record model's columns and pages, and a last column: the review state."""

    REVIEW_COLUMN = 6

    def columnCount(self, parent: Index | None = None) -> int:  # noqa: N802
        """The record list's columns and the review state."""
        if parent is not None and parent.isValid():
            return 0
        return super().columnCount() + 1

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            section == self.REVIEW_COLUMN
            and role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
        ):
            return QCoreApplication.translate("Review", "Review")
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell; the last column says the review state."""
        if index.isValid() and index.column() == self.REVIEW_COLUMN:
            if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return None
            row = self._row(index.row())
            return None if row is None else review_label(row.review_state)
        return super().data(index, role)
