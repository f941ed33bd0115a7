"""``realname-desktop --self-check``: prove on this machine that the program's parts work.

Opens an encrypted database in a temporary folder through the real store code (with a
random key held only in memory: the OS keyring is never touched, so this works on a machine
without one), saves and validates a sample record, loads the Chinese translation, starts Qt
offscreen and builds a widget, then prints one summary line.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path


def _checks() -> str:
    from desktop.store.database import open_database
    from desktop.store.keys import new_database_key
    from desktop.store.registry import Registry
    from sync.contract import default_rules, validate
    from sync.contract.samples import sample_records
    from sync.version import __version__

    rules = default_rules()
    with tempfile.TemporaryDirectory(prefix="realname-selfcheck-") as folder:
        engine = open_database(Path(folder) / "selfcheck.db", new_database_key())
        try:
            registry = Registry(engine, username="self-check", device_id="self-check")
            record = sample_records(1, seed=1)[0]
            errors = [f for f in validate(record, rules=rules) if f.severity == "error"]
            if errors:
                raise RuntimeError(f"sample record refused: {errors[0].rule_id}")
            saved = registry.save_record(record)
            if saved.state != "pending" or registry.count() != 1:
                raise RuntimeError(f"sample record not queued (state {saved.state})")
            with engine.connect() as conn:
                cipher = str(conn.exec_driver_sql("PRAGMA cipher_version").scalar())
        finally:
            engine.dispose()
        raw = (Path(folder) / "selfcheck.db").read_bytes()[:16]
        if raw.startswith(b"SQLite format 3"):
            raise RuntimeError("the database was written unencrypted")

    # Before any QApplication exists: no display is needed for the check.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, qVersion
    from PySide6.QtWidgets import QApplication, QLabel

    from desktop.ui.translation import DEFAULT_LANGUAGE, install

    app = QApplication.instance() or QApplication(["realname-desktop-self-check"])
    translators = install(app, DEFAULT_LANGUAGE)
    if not translators:
        raise RuntimeError("the Chinese translation did not install")
    translated = QCoreApplication.translate("MainWindow", "Entry")
    if translated == "Entry":
        raise RuntimeError("the Chinese translation has no text for the main window")
    label = QLabel(translated)
    label.grab()
    label.deleteLater()
    return (
        f"self-check ok: version {__version__}, rules {rules.version}, "
        f"sqlcipher {cipher.split()[0]}, Qt {qVersion()}, {DEFAULT_LANGUAGE}"
    )


def run() -> int:
    """Run the checks; print one line; 0 when everything works, else 1."""
    try:
        line = _checks()
    except Exception as exc:
        print(f"self-check FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return 1
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(run())
