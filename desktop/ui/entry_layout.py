"""The entry form's widgets: four sections of field inputs, each with a message line."""

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
        self.derived = QLabel(parent)
        self.derived.setObjectName("derived")
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
                self.inputs[name] = widget
                holder = QWidget(box)
                stack = QVBoxLayout(holder)
                stack.setContentsMargins(0, 0, 0, 0)
                stack.setSpacing(1)
                stack.addWidget(widget)
                message = QLabel(holder)
                message.setObjectName(f"{name}_message")
                stack.addWidget(message)
                self.marks[name] = FieldMark(widget, message)
                label = QLabel(field.label, box)
                label.setBuddy(widget)
                form.addRow(label, holder)
                if name == "id_number":
                    form.addRow(
                        QLabel(QCoreApplication.translate("EntryLayout", "Derived"), box),
                        self.derived,
                    )
            column.addWidget(box)
        column.addStretch(1)
