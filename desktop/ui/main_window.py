"""The main window: the eight screens as tabs, shortcuts, and one place that shows problems."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QPushButton, QWidget

from desktop.store.backup import restore_backup
from desktop.store.visits import VisitStart, visit_start
from desktop.ui.changes import EVERYTHING, RESOLVED, SAVED, Changes, after_sync
from desktop.ui.conflicts_view import ConflictsView
from desktop.ui.entry_form import EntryForm
from desktop.ui.errors import Problem, describe
from desktop.ui.preferences import Preferences
from desktop.ui.queue_view import QueueView
from desktop.ui.record_list import RecordList
from desktop.ui.settings_view import SettingsView
from desktop.ui.sync_control import SyncControl
from desktop.ui.visit_list import VisitList
from desktop.ui.window_fit import ElidingLabel, LazyPage, PageTabs, fit_to_screen
from desktop.ui.workspace import Workspace

if TYPE_CHECKING:
    from desktop.store.syncing import SyncReport
    from desktop.ui.import_dialog import ImportDialog
    from desktop.ui.review_view import ReviewView
    from desktop.ui.spotcheck_view import SpotCheckView
    from desktop.ui.statistics_view import StatisticsView


class MainWindow(QMainWindow):
    """One open account's window."""

    logged_out = Signal()  # the account was closed (restore, log out): show the login again

    def __init__(
        self,
        workspace: Workspace,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.ops = workspace.ops
        profile = workspace.account.profile
        self.setWindowTitle(
            self.tr("Disabled persons' employment registry - {0} ({1})").format(
                profile.username, workspace.region_label(profile.region_code)
            )
        )
        self.control = SyncControl(workspace, self)
        self.entry = EntryForm(workspace, self)
        self.records = RecordList(workspace, self)
        self.visits = VisitList(workspace, self)
        self.queue = QueueView(workspace, self.control, self)
        self.conflicts = ConflictsView(workspace, self)
        # 统计 and 抽查 read when shown: built then too, not at every start.
        self._statistics = LazyPage(self._statistics_page, self)
        self._statistics.setObjectName("StatisticsView")
        self._spotchecks = LazyPage(self._spotchecks_page, self)
        self._spotchecks.setObjectName("SpotCheckView")
        self.settings = SettingsView(workspace, preferences or Preferences(), self)
        self.tabs = PageTabs(self)  # every page scrolls: no screen makes the window grow
        self.tabs.addTab(self.entry, self.tr("Entry"))
        self.tabs.addTab(self.visits, self.tr("To visit"))
        self.tabs.addTab(self.records, self.tr("Records"))
        self.tabs.addTab(self.queue, self.tr("To sync"))
        self.tabs.addTab(self.conflicts, self.tr("Conflicts"))
        self.tabs.addTab(self._statistics, self.tr("Statistics"))
        self.tabs.addTab(self._spotchecks, self.tr("Spot checks"))
        self.tabs.addTab(self.settings, self.tr("Settings"))
        # The staff's pages (账号, 审核) are built when first shown: not every start.
        self._review: LazyPage | None = None
        if workspace.staff:  # staff manage their region's worker accounts
            accounts = LazyPage(self._accounts_page, self)
            accounts.setObjectName("AccountsView")
            self.tabs.insertTab(self.tabs.count() - 1, accounts, self.tr("Accounts"))
            self._review = LazyPage(self._review_page, self)  # 审核: they review records
            self._review.setObjectName("ReviewView")
            after_records = self.tabs.indexOf(self.records) + 1
            self.tabs.insertTab(after_records, self._review, self.tr("Review"))
            self.control.finished.connect(self._review_synced)
        self.setCentralWidget(self.tabs)
        # At a large font size the bar cannot hold every part on one line: the two longest
        # parts end in "…" (the whole text in their tooltip) rather than run under the others.
        self.counts = ElidingLabel(self)
        # Records the centre's review returned that still wait for a correction (退回 3).
        self.returned = QLabel(self)
        self.returned.setObjectName("returned_count")
        self.returned.setAccessibleName(self.tr("Returned records"))
        self.returned.setVisible(False)
        self.online = QLabel(self)
        self.who = QLabel(self)  # who is logged in, and where
        self.who.setObjectName("who")
        self.who.setText(
            self.tr("{0} ({1})").format(
                profile.username, workspace.region_label(profile.region_code)
            )
        )
        self.log_out_button = QPushButton(self.tr("Log out"), self)
        self.log_out_button.setObjectName("log_out")
        self.log_out_button.clicked.connect(self.log_out)
        self.statusBar().addPermanentWidget(self.who)
        self.statusBar().addPermanentWidget(self.log_out_button)
        self.sync_line = ElidingLabel(self)  # when the last sync ended well, what failed since
        self.statusBar().addPermanentWidget(self.sync_line)
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.returned)
        self.statusBar().addPermanentWidget(self.online)
        self.control.line.connect(self.sync_line.setText)
        # A screen reader reads each part's text, then what it is.
        for part, what in (
            (self.who, self.tr("Logged in as, and region")),
            (self.log_out_button, self.tr("Log out or switch account (Ctrl+Shift+Q)")),
            (self.sync_line, self.tr("Last sync")),
            (self.counts, self.tr("Records on this laptop")),
            (self.online, self.tr("Connection to the centre")),
        ):
            part.setAccessibleDescription(what)
        self._actions()
        self.ops.failed.connect(self.show_problem)
        # A sync's expected failures are said on the sync line, not in a message box; but
        # a disk that refuses is told at once (the sync line cannot even be kept then).
        self.control.failed.connect(
            lambda p: self.show_problem(p) if p.urgent or not p.expected else None
        )
        self.control.failed.connect(lambda _p: self._closed("") if self.lost() else None)
        self.control.finished.connect(lambda report: self.apply(after_sync(report)))
        self.control.reachable_changed.connect(self._reachable)
        self.entry.notice.connect(self.notify)
        self.entry.saved.connect(lambda _r: self.apply(SAVED))
        self.entry.drafted.connect(self.count_again)  # the lists read it at the next save
        self.settings.notice.connect(self.notify)
        self.settings.restore_requested.connect(self.restore)
        self.conflicts.resolved.connect(lambda _r: self.apply(RESOLVED))
        self.conflicts.counted.connect(self._show_conflicts)
        self.records.open_requested.connect(self.open_record)
        self.visits.open_requested.connect(self.start_visit)
        self.visits.open_record.connect(self.open_record)
        self.control.finished.connect(lambda _r: self._refresh_visits())
        self.records.import_button.clicked.connect(self.import_list)
        self.queue.open_requested.connect(self.open_record)
        self.queue.conflict_requested.connect(self.show_conflict)
        self.tabs.currentChanged.connect(self._tab_shown)
        fit_to_screen(self)

    def _accounts_page(self) -> QWidget:
        from desktop.ui.accounts_view import AccountsView

        return AccountsView(self.workspace, self)

    def _review_page(self) -> QWidget:
        from desktop.ui.review_view import ReviewView

        view = ReviewView(self.workspace, self)
        view.notice.connect(self.notify)
        return view

    def _statistics_page(self) -> QWidget:
        from desktop.ui.statistics_view import StatisticsView

        view = StatisticsView(self.workspace, self)
        view.notice.connect(self.notify)
        return view

    def _spotchecks_page(self) -> QWidget:
        from desktop.ui.spotcheck_view import SpotCheckView

        view = SpotCheckView(self.workspace, self)
        view.notice.connect(self.notify)
        return view

    @property
    def statistics(self) -> StatisticsView:
        """The 统计 page (built now if not yet shown)."""
        return cast("StatisticsView", self._statistics.screen_page())

    @property
    def spotchecks(self) -> SpotCheckView:
        """The 抽查 page (built now if not yet shown)."""
        return cast("SpotCheckView", self._spotchecks.screen_page())

    @property
    def review(self) -> ReviewView | None:
        """The 审核 page of a staff account (built now if not yet shown), else None."""
        return None if self._review is None else cast("ReviewView", self._review.screen_page())

    def _review_synced(self, report: SyncReport) -> None:
        # Reviews queued in an earlier session may be sent before the page is first shown.
        if self._review is not None and (self._review.built is not None or report.reviews.sent):
            review = self.review
            assert review is not None
            review.synced(report)

    def _actions(self) -> None:
        shortcuts = (
            (self.tr("Save"), QKeySequence.StandardKey.Save, self.save),
            (self.tr("New record"), QKeySequence.StandardKey.New, self.new_record),
            (self.tr("Search records"), QKeySequence.StandardKey.Find, self.search_records),
            (self.tr("Visit list"), QKeySequence(Qt.Key.Key_F2), self.show_visits),
            (self.tr("Sync now"), QKeySequence(Qt.Key.Key_F5), self.control.sync_now),
            (self.tr("Next error"), QKeySequence(Qt.Key.Key_F8), self.next_error),
            (self.tr("Log out or switch account"), QKeySequence("Ctrl+Shift+Q"), self.log_out),
        )
        for text, keys, slot in shortcuts:
            action = QAction(text, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def start(self, *, watch: bool = True) -> None:
        """First reads after the window shows: lists, counts, recovery; ``watch`` probes the
        centre once they are in, and syncs by itself when it comes back."""
        self.apply(EVERYTHING)
        self.entry.recover()
        self.control.refresh_line()
        if watch:
            self.control.start_watching()

    # ---- commands ---------------------------------------------------------------------

    def save(self) -> None:
        """Ctrl+S: save the record in the entry form."""
        self.tabs.setCurrentWidget(self.entry)
        self.entry.save()

    def new_record(self) -> None:
        """Ctrl+N: an empty entry form."""
        self.tabs.setCurrentWidget(self.entry)
        self.entry.new_record()

    def next_error(self) -> None:
        """F8: the entry form's next field with an error or a review comment."""
        self.tabs.setCurrentWidget(self.entry)
        self.entry.next_error()

    def log_out(self) -> None:
        """Ctrl+Shift+Q: keep unsaved typing, close the account, show the login again."""
        self.entry.autosave(now=True)
        self.control.probe_timer.stop()
        self.entry.autosave_timer.stop()
        account = self.workspace.account
        self.ops.run(account.close, lambda _n: self._closed(self.tr("Logged out.")))

    def search_records(self) -> None:
        """Ctrl+F: the record list's search box."""
        self.tabs.setCurrentWidget(self.records)
        self.records.focus_search()

    def show_visits(self) -> None:
        """F2: the visit list (待访), the cursor in its search box."""
        self.tabs.setCurrentWidget(self.visits)
        self.visits.focus_search()

    def open_record(self, record_id: str) -> None:
        """Open a record in the entry form."""
        self.tabs.setCurrentWidget(self.entry)
        self.entry.open_record(record_id)

    def start_visit(self, id_number: str) -> None:
        """Open the entry form for this year's visit of a person: their record of the year,
        else a new one prefilled from their latest record or the roster."""
        registry, surveyor = self.workspace.registry, self.workspace.account.username
        self.ops.run(
            lambda: visit_start(registry, id_number, today=date.today(), surveyor=surveyor),
            self._visit_started,
        )

    def _visit_started(self, start: VisitStart) -> None:
        self.tabs.setCurrentWidget(self.entry)
        if start.local is not None:
            self.entry.load(start.local)
        elif start.doc is not None:
            self.entry.load_doc(start.doc)
        # The cursor where the worker has something to do: the first empty field that
        # applies (a roster person's education, say), else the top of the form; with
        # nothing to change, Ctrl+S saves the visit.
        doc, inputs = self.entry.record(), self.entry.inputs
        empty = (n for n, w in inputs.items() if w.isEnabled() and doc.get(n) in (None, ""))
        widget = inputs[next(empty, "name")]
        self.entry.page_scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh_visits(self) -> None:
        if self.tabs.currentWidget() is self.visits:
            self.visits.refresh()

    def import_list(self) -> ImportDialog:
        """The 导入名单 dialog (non-blocking); the lists are read again after an import."""
        from desktop.ui.import_dialog import ImportDialog  # loads when first opened

        dialog = ImportDialog(self.workspace, self)
        dialog.imported.connect(lambda _r: self.apply(SAVED))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_conflict(self, record_id: str) -> None:
        """The conflicts page, with ``record_id`` chosen."""
        self.tabs.setCurrentWidget(self.conflicts)
        for row, item in enumerate(self.conflicts.items):
            if item.local.record_id == record_id:
                self.conflicts.list.setCurrentRow(row)

    def apply(self, changes: Changes) -> None:
        """Re-read the screens and counts that ``changes`` concern (the statistics and the
        spot checks, when hidden, read afresh whenever they are shown)."""
        if changes.records:
            self.records.refresh()
            self._refresh_visits()
        if changes.queue:
            self.queue.refresh()
        if changes.conflicts:
            self.conflicts.refresh()
            self.records.read_surveyors()  # a sync may bring others' surveyors
        shown = self.tabs.currentWidget()
        if changes.spot_checks and shown is self._spotchecks.built:
            self.spotchecks.refresh()
        if changes.records and shown is self._statistics.built:
            self.statistics.refresh()  # when hidden, it reads afresh when shown
        if changes.records or changes.queue or changes.conflicts:
            self.count_again()

    def count_again(self) -> None:
        """Read the counts of the status bar and the tabs again."""
        self.ops.run(self.workspace.registry.status_counts, self._show_counts)

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.visits:
            self.visits.refresh()
        elif self.tabs.widget(index) is self._statistics.built:
            self.statistics.refresh()
        elif self.tabs.widget(index) is self._spotchecks.built:
            self.spotchecks.refresh()
        elif self.tabs.widget(index) is self.settings:
            self.settings.show_about()
        elif self._review is not None and self.tabs.widget(index) is self._review.built:
            cast("ReviewView", self._review.built).refresh()

    def _show_counts(self, counts: dict[str, int]) -> None:
        waiting = counts["pending"] + counts["syncing"]
        queued = waiting + counts["rejected"] + counts["conflict"]
        self.counts.setText(
            self.tr("{0} drafts, {1} to send, {2} refused, {3} conflicts, {4} synced").format(
                counts["draft"], waiting, counts["rejected"], counts["conflict"], counts["synced"]
            )
        )
        returned = counts["returned"]
        self.returned.setText(self.tr("Returned {0}").format(returned))
        self.returned.setVisible(returned > 0)
        title = self.tr("To sync ({0})").format(queued)
        if returned:
            title = self.tr("To sync ({0}, returned {1})").format(queued, returned)
        self.tabs.setTabText(self.tabs.indexOf(self.queue), title)

    def _show_conflicts(self, count: int) -> None:
        self.tabs.setTabText(
            self.tabs.indexOf(self.conflicts), self.tr("Conflicts ({0})").format(count)
        )

    def _reachable(self, value: bool) -> None:
        self.online.setText(self.tr("Centre reachable") if value else self.tr("Offline"))

    def notify(self, text: str) -> None:
        """A line in the status bar."""
        self.statusBar().showMessage(text, 10_000)

    def show_problem(self, problem: Problem) -> None:
        """The one place problems are shown: the status bar and a non-blocking message box
        (one box for a problem however often it recurs: a full disk refuses every autosave)."""
        self.notify(problem.message)
        if any(b.isVisible() and b.text() == problem.message for b in self._boxes()):
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning if problem.expected else QMessageBox.Icon.Critical,
            self.tr("Problem") if problem.expected else self.tr("Program error"),
            problem.message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _boxes(self) -> list[QMessageBox]:
        return self.findChildren(QMessageBox, options=Qt.FindChildOption.FindDirectChildrenOnly)

    def restore(self, archive: Path, password: str) -> None:
        """Close the account, replace its database with the backup, and log in again."""
        self.entry.autosave(now=True)
        account = self.workspace.account
        root = account.data_dir.root

        def work() -> None:
            account.close()
            restore_backup(root, archive, password)

        self.ops.run(work, lambda _n: self._closed(self.tr("Backup restored; log in again.")))

    def lost(self) -> bool:
        """True when the centre said this laptop was revoked as lost: the account has been
        forgotten (desktop/store/erasing.py) and is closed here, its files removed."""
        account = self.workspace.account
        if account.erased:
            account.close()
        return account.erased

    def _closed(self, text: str) -> None:
        self.notify(text)
        self.control.probe_timer.stop()
        self.entry.autosave_timer.stop()
        self.logged_out.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Keep unsaved typing before the window goes."""
        self.control.probe_timer.stop()
        self.entry.autosave_timer.stop()
        try:
            self.entry.autosave(now=True)
        except Exception as exc:  # the window must close even if the disk refuses
            self.show_problem(describe(exc))
        event.accept()
