"""录入: the entry form. Live validation, warnings confirmed, drafts autosaved and recovered.

The rules run on the GUI thread (a record validates in tens of microseconds), debounced
as the worker types; every read and write of the store goes through operations. Autosave
never queues anything: a new record or a draft is kept with ``save_draft``; an edit of a
record already queued or synced is kept in a recovery slot of the account's encrypted
database, so its queued content stays what the worker last saved deliberately.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.store import LocalRecord, Registry, SaveResult
from desktop.store.survey_years import next_visit
from desktop.ui.entry_layout import EntryLayout
from desktop.ui.field_marks import by_field
from desktop.ui.record_model import state_label
from desktop.ui.workspace import Workspace
from sync.contract import Finding, normalize, validate
from sync.contract.idcard import age_on, birth_date, gender, is_valid_id_number
from sync.contract.ids import new_id
from sync.contract.rounds import survey_year

RECOVERY_KEY = "ui.unsaved_entry"
DEBOUNCE_MS = 150
AUTOSAVE_MS = 5000


class EntryForm(QWidget):
    """One record at a time: new, opened from a list, or recovered after a crash."""

    saved = Signal(object)  # SaveResult of a deliberate save
    notice = Signal(str)  # a line for the status bar

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.layout_ = EntryLayout(self, workspace.scope)
        self.inputs = self.layout_.inputs
        self.findings: list[Finding] = []
        self.loaded: LocalRecord | None = None
        self.record_id = new_id()
        self.dirty = False
        self._loading = False
        self.title = QLabel(self)
        self.title.setObjectName("entry_title")
        self.general = QLabel(self)  # findings on no field of the form
        self.general.setWordWrap(True)
        self.confirm = QCheckBox(self.tr("I have checked the warnings above"), self)
        self.confirm.setVisible(False)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.layout_.body)
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        column.addWidget(scroll, 1)
        column.addWidget(self.general)
        column.addWidget(self.confirm)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.revalidate)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        for name, widget in self.inputs.items():
            widget.edited.connect(self._edited)
            if name == "id_number":
                widget.edited.connect(self._id_number_edited)
        self._show_title()

    # ---- what the form holds ----------------------------------------------------------

    def record(self) -> dict[str, Any]:
        """The form's current content in JSON form."""
        doc: dict[str, Any] = {"record_id": self.record_id}
        for name, widget in self.inputs.items():
            doc[name] = widget.value()
        return doc

    def has_content(self) -> bool:
        """True when the worker typed anything worth keeping."""
        doc = self.record()
        return any(doc.get(n) for n in ("name", "id_number", "disability_cert_number"))

    def new_record(self) -> None:
        """An empty form for a new person (Ctrl+N); unsaved typing is autosaved first."""
        self.autosave()
        self._fill({}, None)
        self.record_id = new_id()
        self.inputs["name"].setFocus()

    def open_record(self, record_id: str) -> None:
        """Load a stored record into the form."""
        self.autosave()
        self.workspace.ops.run(lambda: self.workspace.registry.get(record_id), self.load)

    def load(self, local: LocalRecord, doc: dict[str, Any] | None = None) -> None:
        """Show ``local`` (or ``doc``, an unsaved edit of it) in the form."""
        self._fill(doc if doc is not None else local.record, local)

    def load_doc(self, doc: dict[str, Any]) -> None:
        """Show a record not stored here yet (e.g. typed elsewhere) as a new one."""
        self._fill(doc, None)
        self.dirty = True

    def _fill(self, doc: dict[str, Any], local: LocalRecord | None) -> None:
        self._loading = True
        try:
            for name, widget in self.inputs.items():
                widget.set_value(doc.get(name))
        finally:
            self._loading = False
        self.loaded = local
        self.record_id = str(doc.get("record_id") or new_id())
        self.dirty = False
        self.confirm.setChecked(False)
        self._derive()
        self.revalidate()
        self._show_title()

    def entering_year(self) -> int:
        """The survey year the form is entering: its survey date's, else this year."""
        return survey_year(self.record()) or date.today().year

    def _show_title(self) -> None:
        year = self.entering_year()
        if self.loaded is None:
            self.title.setText(self.tr("New record of the {0} survey").format(year))
        else:
            self.title.setText(
                self.tr("Record of the {0} survey, state: {1}").format(
                    year, state_label(self.loaded.state)
                )
            )

    # ---- live validation --------------------------------------------------------------

    def _edited(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self._debounce.start()

    def revalidate(self) -> None:
        """Run the shared rules on what saving would store (the form's values normalised: a
        trailing space or a full-width digit is no error) and mark what they say."""
        record = normalize(self.record())
        self.findings = validate(record, rules=self.workspace.registry.rules)
        grouped = by_field(self.findings, self.inputs)
        for name, mark in self.layout_.marks.items():
            mark.show(grouped.get(name, []))
        self.general.setText("\n".join(f.message for f in grouped.get("", [])))
        warnings = [f for f in self.findings if f.severity == "warning"]
        self.confirm.setVisible(bool(warnings))
        if not warnings:
            self.confirm.setChecked(False)

    def _derive(self) -> None:
        number = str(self.inputs["id_number"].value() or "").upper()
        if not is_valid_id_number(number):
            self.layout_.derived.setText("")
            return
        born = birth_date(number)
        survey = self.inputs["survey_date"].value()
        try:
            on = date.fromisoformat(survey) if isinstance(survey, str) else date.today()
        except ValueError:
            on = date.today()
        sex = self.tr("male") if gender(number) == "M" else self.tr("female")
        self.layout_.derived.setText(
            self.tr("Born {0}, {1}, age {2}").format(born.isoformat(), sex, age_on(number, on))
        )

    def _id_number_edited(self) -> None:
        if self._loading:
            return
        self._derive()
        number = str(self.inputs["id_number"].value() or "").upper()
        if not self._is_new() or not is_valid_id_number(number):
            return
        registry, year = self.workspace.registry, self.entering_year()

        def work() -> LocalRecord | None:
            # The person's record of the form's year, else their latest (a new year's visit).
            return registry.find_by_id_number(number, year) or registry.find_by_id_number(number)

        self.workspace.ops.run(work, self._existing_found)

    def _is_new(self) -> bool:
        # New: never saved, or only autosaved as a draft the centre never saw.
        return self.loaded is None or (self.loaded.state == "draft" and self.loaded.version is None)

    def _existing_found(self, found: LocalRecord | None) -> None:
        # A person already on this laptop is opened, never entered a second time in a year;
        # a person known from an earlier year starts this year's record from that one.
        if found is None or found.record_id == self.record_id or not self._is_new():
            return
        earlier = survey_year(found.record)
        if earlier is not None and earlier != self.entering_year():
            self._prefill_from(found.record, earlier)
            return
        if self.loaded is not None:
            # The autosaved start of this duplicate goes: the person's record is the one kept.
            registry, orphan = self.workspace.registry, self.loaded.record_id
            self.workspace.ops.run(lambda: registry.void(orphan))
        self.autosave_timer.stop()
        self.load(found)
        self.autosave_timer.start()
        self.notice.emit(self.tr("This ID number is already registered: its record is open."))

    def _prefill_from(self, latest: dict[str, Any], year: int) -> None:
        typed = self.record()
        try:
            on = date.fromisoformat(str(typed.get("survey_date")))
        except ValueError:
            on = date.today()
        surveyor = typed.get("surveyor") or self.workspace.account.username
        doc = next_visit(latest, today=on, surveyor=surveyor)
        doc["record_id"] = self.record_id  # the autosaved start, if any, becomes this visit
        self._fill(doc, self.loaded)
        self.dirty = True
        self.notice.emit(self.tr("Filled in from this person's record of {0}.").format(year))

    # ---- saving -----------------------------------------------------------------------

    def save(self) -> None:
        """Save deliberately (Ctrl+S): queued when complete, else kept as a draft."""
        self._debounce.stop()
        self.revalidate()
        errors = [f for f in self.findings if f.severity == "error"]
        warnings = [f for f in self.findings if f.severity == "warning"]
        if not errors and warnings and not self.confirm.isChecked():
            self.confirm.setFocus()
            self.notice.emit(self.tr("Check the warnings, tick the box, then save again."))
            return
        doc = self.record()
        registry = self.workspace.registry

        def work() -> tuple[SaveResult, LocalRecord]:
            result = registry.save_record(doc)
            registry.settings.set(RECOVERY_KEY, None)
            return result, registry.get(result.record_id)

        self.workspace.ops.run(work, self._saved)

    def _saved(self, outcome: tuple[SaveResult, LocalRecord]) -> None:
        result, local = outcome
        if local.record_id == self.record_id:
            self.loaded = local
            self.dirty = False
            self._show_title()
        if result.state == "draft":
            text = self.tr("Saved as a draft: {0} errors to correct before it can be sent.")
            self.notice.emit(text.format(len(result.errors)))
        else:
            self.notice.emit(self.tr("Saved; waiting to be sent to the centre."))
        self.saved.emit(result)

    def autosave(self, *, now: bool = False) -> None:
        """Keep unsaved typing (never queued); ``now`` does it on this thread (closing)."""
        if not self.dirty or not self.has_content():
            return
        work = autosave_work(self.workspace.registry, self.record(), self.loaded)
        self.dirty = False
        if now:
            work()
        else:
            self.workspace.ops.run(work, self._autosaved)

    def _autosaved(self, local: LocalRecord | None) -> None:
        if local is not None and local.record_id == self.record_id and self.loaded is None:
            self.loaded = local
            self._show_title()

    def recover(self) -> None:
        """Reopen what the worker was typing when the program last stopped, if anything."""
        registry = self.workspace.registry

        def work() -> tuple[LocalRecord, dict[str, Any]] | None:
            text = registry.settings.get(RECOVERY_KEY)
            if not text:
                return None
            slot = json.loads(text)
            local = registry.get(str(slot["record_id"]))
            return local, slot.get("doc") or local.record

        self.workspace.ops.run(work, self._recovered)

    def _recovered(self, found: tuple[LocalRecord, dict[str, Any]] | None) -> None:
        if found is None:
            return
        local, doc = found
        self.load(local, doc)
        self.dirty = doc != local.record
        self.notice.emit(self.tr("Unsaved typing from last time has been restored."))


def autosave_work(registry: Registry, doc: dict[str, Any], loaded: LocalRecord | None) -> Any:
    """The store work of one autosave: a draft, or a recovery slot beside a queued record."""

    def work() -> LocalRecord | None:
        slot: dict[str, Any] = {"record_id": doc["record_id"]}
        if loaded is None or loaded.state == "draft":
            registry.save_draft(doc)
        else:
            slot["doc"] = doc
        registry.settings.set(RECOVERY_KEY, json.dumps(slot, ensure_ascii=False))
        return registry.get(str(doc["record_id"]))

    return work
