"""One input widget per record field kind, each reading and writing the JSON form.

A value the worker typed is handed to the rules as it is (a malformed date stays a
string), so the rules' own format messages explain what is wrong. What the contract's
normalisation would store anyway is shown at once: a lower-case x of an ID number becomes
upper case as it is typed, a date typed ``20261202`` or ``2026.12.2`` reads ``2026-12-02``
when the worker leaves the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from sync.contract.codes import code_lists
from sync.contract.fields import Field
from sync.contract.normalization import normalize
from sync.contract.regions import Region

# Fields whose letters are upper case (the check character X of an ID number).
_UPPER = frozenset({"id_number", "disability_cert_number"})


def tidy_date(text: str) -> str:
    """``text`` in ISO form when it is a date in a form the contract accepts, else as it is."""
    tidied = normalize({"survey_date": text})["survey_date"]
    return tidied if isinstance(tidied, str) else text


class TextInput(QLineEdit):
    """Free text, dates (``YYYY-MM-DD``) and whole numbers."""

    edited = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = field.kind
        # Focus by Tab puts the cursor after what is there instead of selecting it (the
        # certificate number, prefilled with the ID number, needs its last digits only).
        self.append_on_focus = False
        if field.max_length:
            self.setMaxLength(field.max_length)
        if field.kind == "date":
            self.setPlaceholderText("2024-03-05")
            self.editingFinished.connect(self._tidy_date)
        if field.name in _UPPER:
            self.textEdited.connect(self._upper)
        self.textChanged.connect(self.edited)

    def _upper(self, text: str) -> None:
        if text != text.upper():
            cursor = self.cursorPosition()
            self.setText(text.upper())
            self.setCursorPosition(cursor)

    def _tidy_date(self) -> None:
        tidied = tidy_date(self.text().strip())
        if tidied != self.text():
            self.setText(tidied)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        """Select what is there, or (``append_on_focus``) put the cursor after it."""
        super().focusInEvent(event)
        if self.append_on_focus and self.text():
            self.deselect()
            self.end(False)

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
    """The regions of the account's scope. A township shows the last three digits of its
    code before its name, so either typed finds it ("001" or "酒泉路"); the whole code
    (6 or 9 digits) finds its region too. What finds nothing stays as typed, for the rules
    to name."""

    edited = Signal()

    def __init__(self, regions: Sequence[Region], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.regions = list(regions)
        self.addItem("", None)
        for region in regions:
            self.addItem(region_text(region), region.code)
        line = self.lineEdit()
        assert line is not None
        line.editingFinished.connect(self._resolve)
        line.textEdited.connect(self.edited)
        self.currentIndexChanged.connect(self.edited)

    def code_of(self, text: str) -> str | None:
        """The code of the region ``text`` names, None when it names none or several."""
        text = text.strip()
        if not text:
            return None
        index = self.findText(text)
        if index > 0:
            return str(self.itemData(index))
        if text.isascii() and text.isdigit():
            if len(text) in (6, 9):
                found = [r.code for r in self.regions if r.code == text]
            else:
                found = [
                    r.code for r in self.regions if r.level == "township" and r.code[6:] == text
                ]
        else:
            found = [r.code for r in self.regions if r.name.startswith(text)]
            found = found or [r.code for r in self.regions if text in r.name]
        return found[0] if len(found) == 1 else None

    def _resolve(self) -> None:
        code = self.code_of(self.currentText())
        if code is not None:
            self.set_value(code)

    def value(self) -> Any:
        """The chosen region code; what was typed when it names no region; None when empty."""
        text = self.currentText().strip()
        if not text:
            return None
        index = self.currentIndex()
        if index > 0 and self.itemText(index) == self.currentText():
            return self.itemData(index)
        return self.code_of(text) or text

    def set_value(self, value: Any) -> None:
        """Choose the region ``value``; a code outside the scope is added so it is not lost."""
        if value is None:
            self.setCurrentIndex(0)
            self.setEditText("")
            return
        index = self.findData(value)
        if index < 0:
            self.addItem(str(value), value)
            index = self.count() - 1
        self.setCurrentIndex(index)
        self.setEditText(self.itemText(index))


def region_text(region: Region) -> str:
    """How a region reads in the list: a township by its last three digits and its name."""
    if region.level == "township":
        return f"{region.code[6:]} {region.name}"
    return f"{region.code} {region.name}"


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
