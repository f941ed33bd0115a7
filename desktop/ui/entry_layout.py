"""The entry form's widgets: four sections of field inputs, each with a message line.

Every input has an accessible name (its field's label) and description (how to fill it,
and what the rules say about it now), so a screen reader reads the form field by field.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.field_inputs import FieldInput, input_for
from desktop.ui.field_marks import FieldMark
from desktop.ui.trainings_input import TrainingsInput
from sync.contract.fields import FIELDS_BY_NAME
from sync.contract.regions import Region

# Section titles are translated when the form is built; the field labels are the contract's.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Basic information",
        (
            "name",
            "id_number",
            "disability_cert_number",
            "disability_category",
            "disability_level",
            "hukou_type",
            "region_code",
            "village",
            "address",
            "phone",
            "education",
            "poverty_registered",
            "survey_date",
            "surveyor",
        ),
    ),
    (
        "Employment",
        (
            "employment_status",
            "employment_form",
            "employment_date",
            "employer",
            "unemployment_reason",
            "employment_intention",
            "training_need",
        ),
    ),
    ("Training", ("trainings",)),
    (
        "Graduate",
        (
            "graduate",
            "graduation_year",
            "graduate_school",
            "graduate_major",
            "graduate_degree",
            "graduate_status",
        ),
    ),
)

# Fields whose help shows under them, not only in a tooltip: the education and degree
# lists number the same words differently (本科 is 6 in one and 2 in the other).
VISIBLE_HINTS = ("education", "graduate_degree")


def field_help(name: str) -> str:
    """How to fill a field, for its accessible description and tooltip ("" for none)."""
    texts = {
        "id_number": QCoreApplication.translate(
            "EntryLayout", "18 characters; a lower-case x becomes X"
        ),
        "disability_cert_number": QCoreApplication.translate(
            "EntryLayout",
            "Filled with the ID number: type the category and level digits (and B1-B9 if "
            "re-issued)",
        ),
        "region_code": QCoreApplication.translate(
            "EntryLayout", "Type a township's last three code digits or its name"
        ),
        "education": QCoreApplication.translate(
            "EntryLayout", "Education codes: 5 college, 6 bachelor (not the degree codes)"
        ),
        "graduate_degree": QCoreApplication.translate(
            "EntryLayout", "Degree codes: 1 college, 2 bachelor (not the education codes)"
        ),
        "survey_date": QCoreApplication.translate(
            "EntryLayout", "A date such as 2024-03-05, 20240305 or 2024.3.5"
        ),
        "employment_date": QCoreApplication.translate(
            "EntryLayout", "A date such as 2024-03-05, 20240305 or 2024.3.5"
        ),
    }
    found = texts.get(name)
    if found is not None:
        return found
    field = FIELDS_BY_NAME[name]
    if field.kind == "code":
        return QCoreApplication.translate("EntryLayout", "Type the code digit to choose")
    if field.kind == "bool":
        return QCoreApplication.translate("EntryLayout", "Space ticks or clears")
    return ""


SECTION_TITLES = {
    "Basic information": lambda: QCoreApplication.translate("EntryLayout", "Basic information"),
    "Employment": lambda: QCoreApplication.translate("EntryLayout", "Employment"),
    "Training": lambda: QCoreApplication.translate("EntryLayout", "Training"),
    "Graduate": lambda: QCoreApplication.translate("EntryLayout", "Graduate"),
}


class EntryLayout:
    """The inputs of every field, the marks that show findings, and the derived-values line."""

    def __init__(self, parent: QWidget, regions: Sequence[Region]) -> None:
        self.inputs: dict[str, FieldInput | TrainingsInput] = {}
        self.marks: dict[str, FieldMark] = {}
        self.labels: dict[str, QLabel] = {}
        self.derived = QLabel(parent)
        self.derived.setObjectName("derived")
        self.derived.setAccessibleName(QCoreApplication.translate("EntryLayout", "Derived"))
        self.body = QWidget(parent)
        column = QVBoxLayout(self.body)
        for key, names in SECTIONS:
            box = QGroupBox(SECTION_TITLES[key](), self.body)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name in names:
                field = FIELDS_BY_NAME[name]
                widget: FieldInput | TrainingsInput
                if name == "trainings":
                    widget = TrainingsInput(box)
                else:
                    widget = input_for(field, regions, box)
                widget.setObjectName(name)
                help_text = field_help(name)
                widget.setAccessibleName(field.label)
                widget.setAccessibleDescription(help_text)
                if help_text:
                    widget.setToolTip(help_text)
                self.inputs[name] = widget
                holder = QWidget(box)
                stack = QVBoxLayout(holder)
                stack.setContentsMargins(0, 0, 0, 0)
                stack.setSpacing(1)
                stack.addWidget(widget)
                if name in VISIBLE_HINTS:
                    hint = QLabel(help_text, holder)
                    hint.setObjectName(f"{name}_hint")
                    hint.setWordWrap(True)
                    stack.addWidget(hint)
                message = QLabel(holder)
                message.setObjectName(f"{name}_message")
                message.setAccessibleName(
                    QCoreApplication.translate("EntryLayout", "{0}: message").format(field.label)
                )
                stack.addWidget(message)
                self.marks[name] = FieldMark(widget, message, help_text)
                label = QLabel(field.label, box)
                label.setBuddy(widget)
                self.labels[name] = label
                form.addRow(label, holder)
                if name == "id_number":
                    form.addRow(
                        QLabel(QCoreApplication.translate("EntryLayout", "Derived"), box),
                        self.derived,
                    )
            column.addWidget(box)
        column.addStretch(1)
