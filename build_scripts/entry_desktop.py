"""The frozen program's entry point: what the ``realname-desktop`` console script runs.

PyInstaller needs a script, not an entry point, so this file stands in for
``realname-desktop = desktop.app:main``. Both executables of the bundle run it: the
windowed one (no console on Windows) and ``realname-desktop-cli`` (a console program for
``--version``, ``--self-check`` and the headless commands).

With ``REALNAME_STARTUP_PROBE=1`` the program prints ``window-shown <title>`` on stdout
once its first window has been shown and painted, then quits: bench/bench_packaged.py
times start-up with it, packaged and from source, through this same file.
"""

from __future__ import annotations

import os
import sys
from typing import Any

ENV_STARTUP_PROBE = "REALNAME_STARTUP_PROBE"


def _give_streams_a_home() -> None:
    # A windowed Windows program starts with sys.stdout/sys.stderr set to None; a print or a
    # logging handler would then raise. Their output goes nowhere: the console launcher
    # (realname-desktop-cli.exe) is the one administrators run to read it.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _install_startup_probe() -> None:
    """Quit right after the first top-level window is shown, saying so on stdout."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.ui import launch

    class FirstWindow(QObject):
        def __init__(self, app: QApplication) -> None:
            super().__init__(app)
            self.app = app
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
            if (
                not self.seen
                and event.type() == QEvent.Type.Show
                and isinstance(watched, QWidget)
                and watched.isWindow()
            ):
                self.seen = True
                title = watched.windowTitle()
                # A zero timer fires once the events queued by the show (layout, the first
                # paint) have been handled: the window is then on screen and answers input.
                QTimer.singleShot(0, lambda: self._report(title))
            return False

        def _report(self, title: str) -> None:
            print(f"window-shown {title}", flush=True)
            self.app.exit(0)

    make_application = launch.application

    def application(*args: Any, **kwargs: Any) -> QApplication:
        app = make_application(*args, **kwargs)
        app.installEventFilter(FirstWindow(app))
        return app

    # launch.run() looks the name up at call time, so this wraps the real start-up path.
    launch.application = application  # type: ignore[assignment]


if __name__ == "__main__":
    _give_streams_a_home()
    if os.environ.get(ENV_STARTUP_PROBE):
        _install_startup_probe()
    from desktop.app import main

    sys.exit(main())
