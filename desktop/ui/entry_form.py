"""录入: the entry form. Live validation, warnings confirmed, drafts autosaved and recovered.

The rules run on the GUI thread (a record validates in tens of microseconds), debounced
as the worker types; every read and write of the store goes through operations.

What is known is prefilled: a new record has today's survey date, the account as surveyor
and the township and village of the last record saved here; the ID number fills the
certificate number's first 18 characters, whose 19th and 20th give the category and level.
Fields that do not apply (field_rules.py) are disabled, out of the Tab path. A finding on
a field the worker has not reached yet stays hidden until the field is left or a save is
tried; what is typed wrong shows at once. A save with errors keeps a draft, lists the
errors and puts the cursor in the first (F8 goes to the next). Autosave
never queues anything: a new record or a draft is kept with ``save_draft``; an edit of a
record already queued or synced is kept in a recovery slot of the account's encrypted
database, so its queued content stays what the worker last saved deliberately.

A record the centre's review returned (退回) opens with a banner saying why, by whom and
when, and its commented fields marked (field_marks.py); once a correction is saved the
banner says it waits to be sent, and after the sync the centre reviews it again.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.store import LocalRecord, Registry, SaveResult
from desktop.store.survey_years import next_visit
from desktop.ui.entry_layout import EntryLayout
from desktop.ui.errors import Problem
from desktop.ui.field_inputs import TextInput
from desktop.ui.field_marks import by_field, finding_text
from desktop.ui.field_rules import applies, conditions, depended_on
from desktop.ui.record_model import review_label, state_label
from desktop.ui.review_notes import review_note
from desktop.ui.trainings_input import TrainingsInput
from desktop.ui.workspace import Workspace
from sync.contract import Finding, normalize, validate
from sync.contract.certificate import parse_certificate
from sync.contract.fields import FIELDS_BY_NAME
from sync.contract.idcard import age_on, birth_date, gender, is_valid_id_number
from sync.contract.ids import new_id
from sync.contract.rounds import survey_year

RECOVERY_KEY = "ui.unsaved_entry"
# The township and village of the last record saved on this laptop (JSON), for the next.
LAST_PLACE_KEY = "ui.last_place"
DEBOUNCE_MS = 150
AUTOSAVE_MS = 5000


class EntryForm(QWidget):
    """One record at a time: new, opened from a list, or recovered after a crash."""

    scrolls_itself = True  # the main window's tabs need not put it in a scroll area
    saved = Signal(object)  # SaveResult of a deliberate save
    notice = Signal(str)  # a line for the status bar
    drafted = Signal()  # an autosave kept a draft: the counts change

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
        self.touched: set[str] = set()  # fields the worker has left
        self.save_tried = False  # findings on untouched fields show after a save was tried
        self.prefilled: dict[str, Any] = {}  # field -> the value the form put there itself
        self.last_place: dict[str, Any] = {}
        self.conditions = conditions(workspace.registry.rules)
        self.title = QLabel(self)
        self.title.setObjectName("entry_title")
        # Why the centre's review returned the record (退回); hidden for any other record.
        self.review_banner = QLabel(self)
        self.review_banner.setObjectName("review_banner")
        self.review_banner.setAccessibleName(self.tr("Review comment"))
        self.review_banner.setWordWrap(True)
        self.review_banner.setVisible(False)
        self.page_scroll = QScrollArea(self)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setWidget(self.layout_.body)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop of its own
        # Below the fields: the errors of the last save, the warnings with their confirmation.
        self.summary = QLabel(self)
        self.summary.setObjectName("entry_summary")
        self.summary.setWordWrap(True)
        self.summary.setVisible(False)
        self.general = QLabel(self)  # findings on no field of the form
        self.general.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("entry_warnings")
        self.warnings.setProperty("finding", "warning")
        self.warnings.setWordWrap(True)
        self.warnings.setVisible(False)
        self.confirm = QCheckBox(self.tr("I have checked the warnings above"), self)
        self.confirm.setObjectName("confirm_warnings")
        self.confirm.setAccessibleName(self.tr("I have checked the warnings above"))
        self.confirm.setVisible(False)
        self.confirm_box: QMessageBox | None = None
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        column.addWidget(self.review_banner)
        column.addWidget(self.page_scroll, 1)
        for below in (self.summary, self.general, self.warnings, self.confirm):
            column.addWidget(below)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.revalidate)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        deciding = depended_on(self.conditions)
        for name, widget in self.inputs.items():
            widget.edited.connect(self._edited)
            widget.installEventFilter(self)
            if name in deciding:
                widget.edited.connect(self.show_what_applies)
        self.inputs["id_number"].edited.connect(self._id_number_edited)
        self.inputs["disability_cert_number"].edited.connect(self._cert_edited)
        cert = self.inputs["disability_cert_number"]
        if isinstance(cert, TextInput):
            cert.append_on_focus = True  # Tab lands after the prefilled ID number
        trainings = self.inputs["trainings"]
        if isinstance(trainings, TrainingsInput):
            trainings.default_year = self._survey_year
        self._describe_inputs()
        self._show_title()
        self.show_what_applies()
        self._prefill()
        registry = workspace.registry
        self.workspace.ops.run(lambda: registry.settings.get(LAST_PLACE_KEY), self._place_read)

    def _describe_inputs(self) -> None:
        """Each input's accessible description says whether it must be filled, and when."""
        rules = self.workspace.registry.rules.rules
        required = {
            f for r in rules if r.kind == "required" and "scope" not in r.params for f in r.fields
        }
        for name, mark in self.layout_.marks.items():
            if name in required:
                need = self.tr("Required.")
            elif name in self.conditions:
                need = self.tr("Asked for when it applies; greyed out otherwise.")
            else:
                need = self.tr("Optional.")
            mark.description = " ".join(t for t in (need, mark.description) if t)
            self.inputs[name].setAccessibleDescription(mark.description)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A field the worker leaves shows what the rules say of it, even when empty."""
        if event.type() == QEvent.Type.FocusOut and not self._loading:
            for name, widget in self.inputs.items():
                if widget is watched and name not in self.touched:
                    self.touched.add(name)
                    self._debounce.stop()
                    self.revalidate()  # now, not after the debounce: the field was left
        return False

    # ---- what the form holds ----------------------------------------------------------

    def record(self) -> dict[str, Any]:
        """The form's current content in JSON form (None for fields that do not apply)."""
        doc: dict[str, Any] = {"record_id": self.record_id}
        for name, widget in self.inputs.items():
            doc[name] = widget.value()
        for name in self.conditions:
            if not applies(name, doc, self.conditions):
                doc[name] = None
        return doc

    def show_what_applies(self) -> None:
        """Enable the fields that apply to the record as typed; disable (and so take out
        of the Tab path) the others."""
        values = {name: widget.value() for name, widget in self.inputs.items()}
        for name in self.conditions:
            on = applies(name, values, self.conditions)
            self.inputs[name].setEnabled(on)
            self.layout_.labels[name].setEnabled(on)

    # ---- prefilling ---------------------------------------------------------------------

    def _prefill(self) -> None:
        """Put what is known in a new, empty form: today, the surveyor, the last place."""
        profile = self.workspace.account.profile
        known: dict[str, Any] = {
            "survey_date": date.today().isoformat(),
            "surveyor": str(profile.extra.get("display_name") or profile.username),
            **self.last_place,
        }
        self._put(known)

    def _put(self, values: dict[str, Any]) -> None:
        """Fill the empty fields of ``values`` as the form's own prefill (not the worker's)."""
        loading, self._loading = self._loading, True
        try:
            for name, value in values.items():
                widget = self.inputs[name]
                if value is None or widget.value() not in (None, self.prefilled.get(name)):
                    continue
                widget.set_value(value)
                self.prefilled[name] = widget.value()
        finally:
            self._loading = loading
        self.show_what_applies()
        self._debounce.start()

    def _place_read(self, text: str | None) -> None:
        place = json.loads(text) if text else {}
        self.last_place = {k: place.get(k) for k in ("region_code", "village")}
        if self._is_new():
            self._put(self.last_place)

    def _survey_year(self) -> int | None:
        survey = normalize({"survey_date": self.inputs["survey_date"].value()})["survey_date"]
        return int(survey[:4]) if isinstance(survey, str) and survey[:4].isdigit() else None

    def _cert_edited(self) -> None:
        if self._loading:
            return
        cert = parse_certificate(str(self.inputs["disability_cert_number"].value() or ""))
        if cert is not None:
            self._put({"disability_category": cert.category, "disability_level": cert.level})

    def has_content(self) -> bool:
        """True when the worker typed anything worth keeping."""
        doc = self.record()
        return any(doc.get(n) for n in ("name", "id_number", "disability_cert_number"))

    def new_record(self) -> None:
        """An empty form for a new person (Ctrl+N), prefilled with what is known; unsaved
        typing is autosaved first."""
        self.autosave()
        self._fill({}, None)
        self.record_id = new_id()
        self._prefill()
        self.revalidate()
        self.inputs["name"].setFocus()

    def open_record(self, record_id: str) -> None:
        """Load a stored record into the form; a returned one with the cursor in its first
        commented field."""
        self.autosave()
        self.workspace.ops.run(lambda: self.workspace.registry.get(record_id), self._opened)

    def _opened(self, local: LocalRecord) -> None:
        self.load(local)
        commented = [n for n in self.inputs if n in local.review.field_comments]
        if local.review_mark == "returned" and commented:
            self._focus_field(commented[0])

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
        self.touched.clear()
        self.prefilled.clear()
        # A stored record opened again shows all it lacks (a refused one is opened to fix it).
        self.save_tried = local is not None
        self.summary.setVisible(False)
        self.confirm.setChecked(False)
        self.show_what_applies()
        self._derive()
        self.revalidate()
        self._show_title()
        self._show_review()
        self.page_scroll.verticalScrollBar().setValue(0)  # an opened record shows from its top

    def entering_year(self) -> int:
        """The survey year the form is entering: its survey date's, else this year."""
        return survey_year(self.record()) or date.today().year

    def _show_title(self) -> None:
        year = self.entering_year()
        if self.loaded is None:
            self.title.setText(self.tr("New record of the {0} survey").format(year))
        else:
            title = self.tr("Record of the {0} survey, state: {1}").format(
                year, state_label(self.loaded.state)
            )
            mark = self.loaded.review_mark
            if mark != "unreviewed":
                title += self.tr(", review: {0}").format(review_label(mark))
            self.title.setText(title)

    def _show_review(self) -> None:
        """The banner and the field marks of a returned record (none for any other)."""
        local = self.loaded
        mark = "unreviewed" if local is None else local.review_mark
        returned = local is not None and mark in ("returned", "corrected")
        comments = local.review.field_comments if local is not None and returned else {}
        for name, field_mark in self.layout_.marks.items():
            field_mark.show_comment(comments.get(name, ""))
        if mark == "returned":
            text = self.tr(
                "Returned by the review: {0}\nCorrect the marked fields and save (Ctrl+S); "
                "after the next sync it is reviewed again."
            )
        elif mark == "corrected":
            text = self.tr(
                "Corrected, waiting to sync. The review said: {0}\n"
                "After the next sync it is reviewed again."
            )
        else:
            text = ""
        text = text.format(review_note(local.review)) if text and local is not None else ""
        self.review_banner.setText(text)
        self.review_banner.setAccessibleDescription(text)
        self.review_banner.setVisible(bool(text))

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
        self._show_findings()

    def _show_findings(self) -> None:
        doc = self.record()
        grouped = by_field(self.findings, self.inputs)
        for name, mark in self.layout_.marks.items():
            mark.show(grouped.get(name, []) if self._reached(name, doc) else [])
        self.general.setText("\n".join(finding_text(f) for f in grouped.get("", [])))
        warnings = [f for f in self.findings if f.severity == "warning"]
        self.warnings.setText("\n".join(dict.fromkeys(finding_text(f) for f in warnings)))
        self.warnings.setVisible(bool(warnings))
        self.confirm.setVisible(bool(warnings))
        if not warnings:
            self.confirm.setChecked(False)
        if self.summary.isVisible():
            self._show_summary()

    def _reached(self, name: str, doc: dict[str, Any]) -> bool:
        """Whether the findings on ``name`` show: the worker typed there, left it, or tried to
        save (an empty field or the form's own prefill is no mistake before that)."""
        if self.save_tried or name in self.touched:
            return True
        value = doc.get(name)
        return value not in (None, "", [], False) and value != self.prefilled.get(name)

    def errors(self) -> list[tuple[str, Finding]]:
        """The errors of the form in its order, each with the field that shows it."""
        grouped = by_field([f for f in self.findings if f.severity == "error"], self.inputs)
        found = [(name, f) for name in self.inputs for f in grouped.get(name, [])]
        return found + [("", f) for f in grouped.get("", [])]

    def _show_summary(self) -> None:
        errors = self.errors()
        if not errors:
            self.summary.setVisible(False)
            return
        lines = [
            self.tr("{0} errors (F8 goes to the next):").format(
                len(dict.fromkeys(f.rule_id for _, f in errors))
            )
        ]
        for name, finding in errors:
            label = FIELDS_BY_NAME[name].label if name else ""
            lines.append(f"{label}：{finding.message}" if label else finding.message)
        self.summary.setText("\n".join(dict.fromkeys(lines)))
        self.summary.setVisible(True)

    def next_error(self) -> None:
        """F8: the cursor to the next field with an error or a reviewer's comment (after
        the one it is in)."""
        wanted = {name for name, _ in self.errors() if name}
        wanted |= {name for name, mark in self.layout_.marks.items() if mark.comment}
        names = [n for n in self.inputs if n in wanted and self.inputs[n].isEnabled()]
        if not names:
            return
        order = list(self.inputs)
        here = next((n for n, w in self.inputs.items() if _holds_focus(w)), None)
        after = [n for n in names if here is None or order.index(n) > order.index(here)]
        self._focus_field((after or names)[0])

    def _focus_field(self, name: str) -> None:
        widget = self.inputs[name]
        self.page_scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

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
        if not is_valid_id_number(number):
            return
        # The certificate begins with the holder's ID number: only its last digits are typed.
        cert = self.inputs["disability_cert_number"]
        typed = str(cert.value() or "")
        if not typed or typed == self.prefilled.get("disability_cert_number"):
            self.prefilled.pop("disability_cert_number", None)
            cert.set_value(None)
            self._put({"disability_cert_number": number})
        if not self._is_new():
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
        """Save deliberately (Ctrl+S): queued when complete, else kept as a draft whose
        errors are listed, the cursor in the first. Unconfirmed warnings are asked about."""
        self._debounce.stop()
        self.save_tried = True
        self.revalidate()
        errors = self.errors()
        warnings = [f for f in self.findings if f.severity == "warning"]
        if not errors and warnings and not self.confirm.isChecked():
            self._ask_confirmation(warnings)
            return
        self._show_summary()
        if errors and errors[0][0] and self.inputs[errors[0][0]].isEnabled():
            self._focus_field(errors[0][0])
        doc = self.record()
        registry = self.workspace.registry
        place = {"region_code": doc.get("region_code"), "village": doc.get("village")}

        def work() -> tuple[SaveResult, LocalRecord]:
            result = registry.save_record(doc)
            registry.settings.set(RECOVERY_KEY, None)
            if place["region_code"]:
                registry.settings.set(LAST_PLACE_KEY, json.dumps(place, ensure_ascii=False))
            return result, registry.get(result.record_id)

        if place["region_code"]:
            self.last_place = place

        self.workspace.ops.run(work, self._saved)

    def _ask_confirmation(self, warnings: list[Finding]) -> None:
        """Ctrl+S with warnings not yet confirmed: ask once; Enter confirms and saves."""
        self.confirm.setFocus()
        if self.confirm_box is not None:
            self.confirm_box.close()
        text = "\n".join(dict.fromkeys(finding_text(f) for f in warnings))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Check the warnings"),
            self.tr("{0}\n\nIs everything right? Save it as it is?").format(text),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self._confirmed)
        box.destroyed.connect(lambda: setattr(self, "confirm_box", None))
        self.confirm_box = box
        self.notice.emit(self.tr("Check the warnings, then confirm to save."))
        box.open()

    def _confirmed(self) -> None:
        self.confirm.setChecked(True)
        self.save()

    def _saved(self, outcome: tuple[SaveResult, LocalRecord]) -> None:
        result, local = outcome
        if local.record_id == self.record_id:
            self.loaded = local
            self.dirty = False
            self._show_title()
            self._show_review()
        if result.state == "draft":
            text = self.tr("Saved as a draft: {0} errors to correct before it can be sent.")
            self.notice.emit(text.format(len(result.errors)))
        else:
            self.notice.emit(self.tr("Saved; waiting to be sent to the centre."))
        self.saved.emit(result)
        if local.record_id == self.record_id and result.state != "draft":
            self.summary.setVisible(False)

    def autosave(self, *, now: bool = False) -> None:
        """Keep unsaved typing (never queued); ``now`` does it on this thread (closing)."""
        if not self.dirty or not self.has_content():
            return
        work = autosave_work(self.workspace.registry, self.record(), self.loaded)
        self.dirty = False
        if now:
            try:
                work()
            except BaseException:
                self.dirty = True  # still only in the form
                raise
        else:
            self.workspace.ops.run(work, self._autosaved, self._autosave_failed)

    def _autosave_failed(self, problem: Problem) -> None:
        # Not kept (a full disk): the next autosave, or the one at closing, tries again.
        self.dirty = True
        self.workspace.ops.failed.emit(problem)

    def _autosaved(self, local: LocalRecord | None) -> None:
        if local is not None and local.record_id == self.record_id and self.loaded is None:
            self.loaded = local
            self._show_title()
        if local is not None and local.state == "draft":
            self.drafted.emit()

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


def _holds_focus(widget: QWidget) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))
