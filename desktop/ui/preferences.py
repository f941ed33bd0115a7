"""Preferences of this laptop's program (not of an account): language, data folder and
font size."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from desktop.ui.appearance import DEFAULT_FONT_SCALE, FONT_SCALES
from desktop.ui.translation import DEFAULT_LANGUAGE, LANGUAGES

ENV_PREFERENCES = "REALNAME_UI_PREFERENCES"


def preferences_path() -> Path:
    """``$REALNAME_UI_PREFERENCES``, else an INI file in the user's configuration folder."""
    env = os.environ.get(ENV_PREFERENCES)
    if env:
        return Path(env)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base or Path.home()) / "realname-registry" / "desktop.ini"


class Preferences:
    """An INI file of a few values; unknown or damaged values fall back to the defaults."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or preferences_path()
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        """``zh_CN`` (default) or ``en``."""
        value = str(self._settings.value("language", DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue("language", value)
        self._settings.sync()

    @property
    def data_dir(self) -> Path | None:
        """A data folder chosen in the settings, used when none is given on the command line."""
        value = self._settings.value("data_dir", "")
        return Path(str(value)) if value else None

    @data_dir.setter
    def data_dir(self, value: Path | None) -> None:
        self._settings.setValue("data_dir", str(value) if value else "")
        self._settings.sync()

    @property
    def font_scale(self) -> int:
        """The font size in percent of the usual one: 100 (default), 125, 150 or 200."""
        value = str(self._settings.value("font_scale", DEFAULT_FONT_SCALE))
        return int(value) if value.isdigit() and int(value) in FONT_SCALES else DEFAULT_FONT_SCALE

    @font_scale.setter
    def font_scale(self, value: int) -> None:
        self._settings.setValue("font_scale", int(value))
        self._settings.sync()
