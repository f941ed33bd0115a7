"""The versions the about box shows: program, rules, reference data, Qt and SQLCipher."""

from __future__ import annotations

import orjson
import PySide6
from PySide6.QtCore import QCoreApplication, qVersion

from desktop.store import Registry
from sync.version import __version__


def versions(registry: Registry) -> dict[str, str]:
    """Name -> version (store reads: run it in an operation)."""
    stored = registry.settings.get("reference")
    reference = orjson.loads(stored).get("version") if stored else None
    return {
        QCoreApplication.translate("About", "Program"): __version__,
        QCoreApplication.translate("About", "Rules"): registry.rules.version,
        QCoreApplication.translate("About", "Reference data"): str(
            reference or QCoreApplication.translate("About", "as shipped")
        ),
        "Qt / PySide6": f"{qVersion()} / {PySide6.__version__}",
        "SQLCipher": registry.cipher_version(),
    }


def about_text(values: dict[str, str]) -> str:
    """The about box's text."""
    title = QCoreApplication.translate(
        "About", "Disabled persons' employment and training real-name registry"
    )
    lines = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in values.items())
    return f"<h3>{title}</h3><table cellspacing='4'>{lines}</table>"
