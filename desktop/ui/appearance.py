"""How the program looks to a worker who may see poorly: the font size and the stylesheet.

The font-size setting (100/125/150/200 %) scales the application font; as Qt ignores the
application font where a stylesheet applies, the size is also the first rule of the
stylesheet (``* { font-size }``), before ``resources/styles/realname.qss`` with the focus
ring and the finding marks, so the setting reaches every screen alike.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from PySide6.QtWidgets import QApplication, QWidget

FONT_SCALES = (100, 125, 150, 200)
DEFAULT_FONT_SCALE = 100
_BASE_SIZE = "realname_base_point_size"


@cache
def stylesheet() -> str:
    """The program's stylesheet."""
    return files("resources").joinpath("styles", "realname.qss").read_text(encoding="utf-8")


def apply_appearance(app: QApplication, scale: int = DEFAULT_FONT_SCALE) -> None:
    """Set the font of ``scale`` percent of the platform's size, and the stylesheet."""
    base = app.property(_BASE_SIZE)
    if not isinstance(base, float):
        base = app.font().pointSizeF()
        if base <= 0:
            base = 9.0
        app.setProperty(_BASE_SIZE, float(base))
    size = base * (scale if scale in FONT_SCALES else DEFAULT_FONT_SCALE) / 100
    font = app.font()
    font.setPointSizeF(size)
    app.setFont(font)
    sheet = f"* {{ font-size: {size:.1f}pt; }}\n{stylesheet()}"
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)


def repolish(widget: QWidget) -> None:
    """Apply the stylesheet again after a property it selects on changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
