"""The program's languages: Simplified Chinese by default, English on request.

Source strings are English (``self.tr``); ``resources/translations/realname_zh_CN.qm``,
compiled from the ``.ts`` beside it, holds the Chinese, read through importlib.resources
so that a checkout, a wheel and a packaged program find it alike.
"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"


def qm_bytes(language: str = DEFAULT_LANGUAGE) -> bytes:
    """The compiled translation of ``language`` (empty for English, the source language)."""
    if language == "en":
        return b""
    return files("resources").joinpath("translations", f"realname_{language}.qm").read_bytes()


class _LoadedTranslator(QTranslator):
    """A translator loaded from bytes, which it keeps: Qt reads them without copying."""

    def __init__(self, data: bytes, parent: QCoreApplication) -> None:
        super().__init__(parent)
        self.data = data


def install(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> list[QTranslator]:
    """Install the translators of ``language`` into ``app``; they must be kept alive."""
    if language not in LANGUAGES or language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return []
    installed: list[QTranslator] = []
    ours = _LoadedTranslator(qm_bytes(language), app)
    if not ours.load(ours.data):
        raise RuntimeError(f"translation {language} does not load")
    app.installTranslator(ours)
    installed.append(ours)
    qt = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", path):
        app.installTranslator(qt)
        installed.append(qt)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return installed
