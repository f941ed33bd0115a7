"""冲突: the laptop's and the centre's versions side by side; the worker chooses per field.

Two kinds: a record both sides changed (resolved with ``Registry.resolve_conflict``), and a
person the centre already holds under another record (the ID number's holder): that one
is merged into the existing record, and the laptop's duplicate, never accepted, is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store import LocalRecord, RecordFilter, Registry, SaveResult
from desktop.ui.value_text import value_text
from desktop.ui.workspace import Workspace
from sync.contract.fields import FIELDS_BY_NAME, RECORD_FIELDS

DUPLICATE_RULE = "central.duplicate_person"


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One record to settle: ``local`` against ``other`` (the centre's side) field by field."""

    local: LocalRecord
    fields: dict[str, tuple[Any, Any]]  # field: (this laptop's value, the centre's value)
    existing: LocalRecord | None = None  # set for a duplicate person: the record to keep


def find_disagreements(registry: Registry) -> list[Disagreement]:
    """Records in conflict, then refused duplicates whose existing record is on this laptop."""
    found = [
        Disagreement(r, {n: (c.local, c.remote) for n, c in r.conflicts.items()})
        for r in registry.conflicts()
    ]
    for entry in registry.queue():
        if entry.state != "rejected" or not any(
            f.rule_id == DUPLICATE_RULE for f in entry.findings
        ):
            continue
        local = registry.get(entry.record_id)
        number = str(local.record.get("id_number") or "")
        others = [
            i for i in registry.ids(RecordFilter(id_number_prefix=number)) if i != local.record_id
        ]
        if not number or not others:
            continue
        existing = registry.get(others[0])
        fields = {
            f.name: (local.record.get(f.name), existing.record.get(f.name))
            for f in RECORD_FIELDS
            if f.name != "record_id" and local.record.get(f.name) != existing.record.get(f.name)
        }
        found.append(Disagreement(local, fields, existing))
    return found


def settle(registry: Registry, item: Disagreement, chosen: dict[str, str]) -> SaveResult:
    """Apply the worker's choices (``local``/``remote`` per field) and queue the result."""
    if item.existing is None:
        return registry.resolve_conflict(item.local.record_id, chosen)
    merged = dict(item.existing.record)
    for name, side in chosen.items():
        if side == "local":
            merged[name] = item.local.record.get(name)
    # The duplicate never reached the centre: kept as a draft, then dropped, first, since the
    # person's record of that survey year is saved only where no other record holds it.
    registry.save_draft(item.local.record)
    registry.void(item.local.record_id)
    return registry.save_record(merged)


class ConflictsView(QWidget):
    """A list of records to settle and, for the one chosen, its fields side by side."""

    resolved = Signal(object)  # SaveResult
    counted = Signal(int)  # how many records wait for the worker's choice

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.items: list[Disagreement] = []
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Conflicts"))
        self.list.setAccessibleDescription(self.tr("Choose a conflict to see its fields"))
        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName(self.tr("Fields that differ"))
        self.table.setAccessibleDescription(
            self.tr("For each field, choose the value to keep: this laptop's or the centre's")
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("This laptop"), self.tr("Centre"), self.tr("Keep")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.resolve_button = QPushButton(self.tr("Resolve with these choices"), self)
        self.resolve_button.setObjectName("resolve")
        self.resolve_button.clicked.connect(self.resolve)
        self.list.currentRowChanged.connect(self._show)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.addWidget(self.hint)
        column.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.resolve_button)
        column.addLayout(buttons)
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)
        self._show(-1)

    def refresh(self) -> None:
        """Read the records to settle again."""
        registry = self.workspace.registry
        self.workspace.ops.run(lambda: find_disagreements(registry), self.show_items)

    def show_items(self, items: list[Disagreement]) -> None:
        """List ``items`` and show the first."""
        self.items = items
        self.list.clear()
        for item in items:
            name = item.local.record.get("name") or item.local.record_id
            kind = self.tr("same person") if item.existing is not None else self.tr("changed")
            self.list.addItem(f"{name} ({kind})")
        self.list.setCurrentRow(0 if items else -1)
        self.counted.emit(len(items))

    def _show(self, row: int) -> None:
        self.table.setRowCount(0)
        self.resolve_button.setEnabled(0 <= row < len(self.items))
        if not 0 <= row < len(self.items):
            self.hint.setText(self.tr("Nothing to resolve."))
            return
        item = self.items[row]
        if item.existing is not None:
            self.hint.setText(
                self.tr(
                    "The centre already has this person. Choose the values to keep; the "
                    "existing record is updated and this duplicate is dropped."
                )
            )
        else:
            self.hint.setText(
                self.tr("This record was changed here and at the centre. Choose per field.")
            )
        self.table.setRowCount(len(item.fields))
        for index, (name, (mine, theirs)) in enumerate(item.fields.items()):
            field = FIELDS_BY_NAME.get(name)
            cells = (
                field.label if field else name,
                value_text(name, mine),
                value_text(name, theirs),
            )
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
            choice = QComboBox(self.table)
            choice.setAccessibleName(self.tr("Keep for {0}").format(field.label if field else name))
            choice.addItem(self.tr("This laptop"), "local")
            choice.addItem(self.tr("Centre"), "remote")
            # For a duplicate the centre's record is the one kept: its values by default.
            choice.setCurrentIndex(1 if item.existing is not None else 0)
            self.table.setCellWidget(index, 3, choice)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(3)

    def choices(self) -> dict[str, str]:
        """The side chosen for each field of the record shown."""
        item = self.items[self.list.currentRow()]
        chosen = {}
        for index, name in enumerate(item.fields):
            widget = self.table.cellWidget(index, 3)
            assert isinstance(widget, QComboBox)
            chosen[name] = str(widget.currentData())
        return chosen

    def choose(self, name: str, side: str) -> None:
        """Choose ``side`` (``local``/``remote``) for field ``name`` of the record shown."""
        item = self.items[self.list.currentRow()]
        widget = self.table.cellWidget(list(item.fields).index(name), 3)
        assert isinstance(widget, QComboBox)
        widget.setCurrentIndex(widget.findData(side))

    def resolve(self) -> None:
        """Settle the record shown with the choices made."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            return
        item, chosen, registry = self.items[row], self.choices(), self.workspace.registry
        self.workspace.ops.run(lambda: settle(registry, item, chosen), self._settled)

    def _settled(self, result: SaveResult) -> None:
        self.resolved.emit(result)
        self.refresh()
