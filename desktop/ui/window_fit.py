"""A window that fits the laptop's screen: pages that scroll, a size clamped to the screen.

Every tab's page sits in a scroll area, so no page (at 200 % font size, on 1366x768 with
the Windows taskbar) makes the window grow past the screen: what does not fit scrolls.
:class:`PageTabs` is a QTabWidget whose pages are the screens themselves to its callers
(``indexOf``, ``currentWidget``, ``setCurrentWidget`` see through the scroll areas).
A :class:`LazyPage` is a tab whose screen is built the first time it is shown (a screen
few open need not slow every start).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

# The size the window takes on a screen with room for it.
PREFERRED = QSize(1100, 760)


class ElidingLabel(QLabel):
    """A one-line label that, short of room, ends its text with "…" rather than run under
    its neighbours; the whole text is then its tooltip (a screen reader reads it whole).

    The status bar's parts at 200 % font size on a 1366-pixel laptop need more than the
    bar's width: with plain labels Qt squeezed them below their text and drew one over the
    other.
    """

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(
            min(hint.width(), self.fontMetrics().horizontalAdvance("…" * 6)), hint.height()
        )

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self._tip()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._tip()

    def _shown(self) -> str:
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def _tip(self) -> None:
        self.setToolTip(self.text() if self._shown() != self.text() else "")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            self._shown(),
            self.foregroundRole(),
        )


class LazyPage(QWidget):
    """A tab's place for a screen that ``build`` makes when the tab is first shown."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self.built: QWidget | None = None  # the screen, once shown
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)

    def screen_page(self) -> QWidget:
        """The screen, built now if it has not been yet."""
        if self.built is None:
            self.built = self._build()
            self.column.addWidget(self.built)
            self.setFocusProxy(self.built)
        return self.built


class PageTabs(QTabWidget):
    """Tabs whose pages scroll when the window is smaller than they would like."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Connected first: a lazy page is built before anyone else hears it is shown.
        self.currentChanged.connect(self._build_shown)

    def _build_shown(self, index: int) -> None:
        holder = self._holder(index)
        if isinstance(holder, LazyPage):
            holder.screen_page()

    def addTab(self, page: QWidget, label: str) -> int:  # type: ignore[override]  # noqa: N802
        """Add ``page`` inside a scroll area of its own."""
        if getattr(page, "scrolls_itself", False):
            return super().addTab(page, label)
        area = QScrollArea(self)
        area.setObjectName(f"{page.objectName() or type(page).__name__}_scroll")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop of its own
        # The area joins the tabs before the page joins the area: the page (a whole screen)
        # then changes parent once, and the stylesheet is worked out for it once, not twice.
        index = super().addTab(area, label)
        area.setWidget(page)
        if index == self.currentIndex():  # the first tab was shown before its page came in
            self._build_shown(index)
        return index

    def _holder(self, index: int) -> QWidget | None:
        holder = super().widget(index)
        if isinstance(holder, QScrollArea) and holder.widget() is not None:
            return holder.widget()
        return holder

    def page(self, index: int) -> QWidget | None:
        """The screen at ``index`` (inside its scroll area); a lazy page not yet shown is
        its :class:`LazyPage`."""
        holder = self._holder(index)
        if isinstance(holder, LazyPage) and holder.built is not None:
            return holder.built
        return holder

    def widget(self, index: int) -> QWidget:
        """The screen at ``index``."""
        return self.page(index)  # type: ignore[return-value]

    def currentWidget(self) -> QWidget:  # noqa: N802
        """The screen shown."""
        return self.page(self.currentIndex())  # type: ignore[return-value]

    def indexOf(self, page: QWidget) -> int:  # noqa: N802
        """The index of the tab showing ``page``."""
        for index in range(self.count()):
            if self.page(index) is page:
                return index
        return -1

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802
        """Show the tab of ``page``."""
        index = self.indexOf(page)
        if index >= 0:
            self.setCurrentIndex(index)


def fitted(available: QRect, preferred: QSize = PREFERRED) -> tuple[QRect, bool]:
    """The window's geometry on a screen's ``available`` area (without the taskbar), and
    whether to maximise: a screen smaller than ``preferred`` gets a maximised window."""
    if available.width() < preferred.width() or available.height() < preferred.height():
        return available, True
    rect = QRect(0, 0, preferred.width(), preferred.height())
    rect.moveCenter(available.center())
    return rect, False


def fit_to_screen(window: QWidget) -> None:
    """Size ``window`` for the screen it opens on: centred, or maximised on a small one."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(PREFERRED)
        return
    rect, maximise = fitted(screen.availableGeometry())
    window.setGeometry(rect)
    if maximise:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
