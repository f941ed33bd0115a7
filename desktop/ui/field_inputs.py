"""One input widget per record field kind, each reading and writing the JSON form.

A value the worker typed is handed to the rules as it is (a malformed date stays a
string), so the rules' own format messages explain what is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from sync.contract.codes import code_lists
from sync.contract.fields import Field
from sync.contract.regions import Region


class TextInput(QLineEdit):
    """Free text, dates (``YYYY-MM-DD``) and whole numbers."""

    edited = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = field.kind
        if field.max_length:
            self.setMaxLength(field.max_length)
        if field.kind == "date":
            self.setPlaceholderText("YYYY-MM-DD")
        self.textChanged.connect(self.edited)

    def value(self) -> Any:
        """The JSON value: None when empty, an int for a whole-number field that parses."""
        text = self.text().strip()
        if not text:
            return None
        if self.kind == "int" and text.isascii() and text.isdigit():
            return int(text)
        return text

    def set_value(self, value: Any) -> None:
        """Show ``value`` (None clears)."""
        self.setText("" if value is None else str(value))


class CodeInput(QComboBox):
    """A code list as its Chinese labels; the first, empty choice means "not given"."""

    edited = Signal()

    def __init__(self, list_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("", None)
        for code, text in code_lists()[list_name].items():
            self.addItem(f"{code} {text}", code)
        self.currentIndexChanged.connect(self.edited)

    def value(self) -> Any:
        """The chosen code, or None."""
        return self.currentData()

    def set_value(self, value: Any) -> None:
        """Choose ``value`` (an unknown code chooses nothing)."""
        index = self.findData(value) if value is not None else 0
        self.setCurrentIndex(max(index, 0))


class BoolInput(QCheckBox):
    """A yes/no field; unticked is ``false``."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggled.connect(self.edited)

    def value(self) -> Any:
        """True or False."""
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        """Tick for a true value."""
        self.setChecked(bool(value))


class RegionInput(QComboBox):
    """The regions of the account's scope, shown with their codes so typing a code finds one."""

    edited = Signal()

    def __init__(self, regions: Sequence[Region], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("", None)
        for region in regions:
            indent = "    " if region.level == "township" else ""
            self.addItem(f"{region.code} {indent}{region.name}", region.code)
        self.currentIndexChanged.connect(self.edited)

    def value(self) -> Any:
        """The chosen region code, or None."""
        return self.currentData()

    def set_value(self, value: Any) -> None:
        """Choose the region ``value``; a code outside the scope is added so it is not lost."""
        if value is None:
            self.setCurrentIndex(0)
            return
        index = self.findData(value)
        if index < 0:
            self.addItem(str(value), value)
            index = self.count() - 1
        self.setCurrentIndex(index)


FieldInput = TextInput | CodeInput | BoolInput | RegionInput


def input_for(field: Field, regions: Sequence[Region], parent: QWidget | None = None) -> FieldInput:
    """The input widget of ``field``."""
    if field.name == "region_code":
        return RegionInput(regions, parent)
    if field.kind == "code" and field.code_list:
        return CodeInput(field.code_list, parent)
    if field.kind == "bool":
        return BoolInput(parent)
    return TextInput(field, parent)
