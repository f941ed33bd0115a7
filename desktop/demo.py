"""``make run``: the program on its embedded default, a local central endpoint on SQLite.

Starts ``realname-central serve`` on 127.0.0.1 with demo accounts (created once, in
``.demo/`` or ``$REALNAME_DEMO_DIR``), then opens the window against it; stops the centre
when the program ends in any way: the window closed, SIGTERM or SIGHUP (the program quits
as if closed), or the demo killed outright (on Linux the centre is asked to die with its
parent, ``PR_SET_PDEATHSIG``). The centre runs in a subprocess of its own, as in
production: the desktop never imports the central endpoint.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType

import httpx

from sync.contract.regions import default_tree
from sync.contract.samples import sample_records

DEMO_PASSWORD = "lanzhou-demo-1"
# (username, role, region): a worker and a clerk in 城关区 (Lanzhou), a province analyst.
DEMO_ACCOUNTS = (
    ("worker", "worker", "620102"),
    ("county", "county", "620102"),
    ("province", "province", "620000"),
)
DEMO_RECORDS = 300


def _free_port(preferred: int) -> int:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", preferred))
        except OSError:
            sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _central(db_url: str, *args: str, stdin: str | None = None) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sync.central.cli", "--db", db_url, *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"demo set-up failed at {args[0]}: {result.stderr.strip()}")


def _write_reference(folder: Path, year: int) -> tuple[Path, Path]:
    """Base population and targets for the demo counties, so 统计 has something to show."""
    tree = default_tree()
    county = tree.get("620102")
    assert county is not None
    base = folder / "base_population.csv"
    with base.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["region_code", "year", "working_age_disabled"])
        for township in tree.children(county.code):
            writer.writerow([township.code, year, 40])
    targets = folder / "targets.csv"
    with targets.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["region_code", "year", "indicator", "target"])
        for indicator, target in (
            ("urban_new_employment", 30),
            ("rural_new_employment", 20),
            ("new_training", 40),
            ("graduate_survey", 10),
        ):
            writer.writerow([county.code, year, indicator, target])
    return base, targets


def _write_records(path: Path, year: int) -> None:
    from sync.contract.records_io import write_records

    townships = [t.code for t in default_tree().children("620102")]
    write_records(
        path, sample_records(DEMO_RECORDS, seed=7, region_codes=townships, survey_year=year)
    )


def prepare(folder: Path, year: int) -> str:
    """Create the demo centre's database once; its SQLAlchemy URL."""
    central_dir = folder / "central"
    central_dir.mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{central_dir / 'central.db'}"
    marker = central_dir / ".prepared"
    if marker.exists():
        return db_url
    _central(db_url, "init-db")
    for name, role, region in DEMO_ACCOUNTS:
        _central(
            db_url,
            "create-user",
            name,
            "--role",
            role,
            "--region",
            region,
            "--password-stdin",
            stdin=DEMO_PASSWORD + "\n",
        )
    base, targets = _write_reference(central_dir, year)
    _central(db_url, "import-reference", "base-population", str(base))
    _central(db_url, "import-reference", "targets", str(targets))
    records = central_dir / "demo_records.csv"
    _write_records(records, year)
    _central(db_url, "import-records", str(records))
    marker.write_text("ok\n", encoding="utf-8")
    return db_url


PR_SET_PDEATHSIG = 1
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _die_with_parent(parent: int) -> Callable[[], None] | None:
    """What the centre's process runs before it starts, on Linux: be sent SIGTERM when the
    demo (``parent``) dies, however it dies; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None

    def before_exec() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the demo died before prctl took effect
            os._exit(1)

    return before_exec


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP end the block as the window's closing would: a running Qt event
    loop quits, anything else raises SystemExit (so every ``finally`` runs)."""

    def stop(signum: int, _frame: FrameType | None) -> None:
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if app is not None and app.property("demo_loop_running"):
            app.quit()
        else:
            raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def keep_signals_live(app: object) -> object:
    """Python handles a signal only when Python code runs: a timer lets it run now and then
    while Qt's event loop waits. Returns the timer (keep it)."""
    from PySide6.QtCore import QCoreApplication, QTimer

    assert isinstance(app, QCoreApplication)
    app.setProperty("demo_loop_running", True)
    timer = QTimer(app)
    timer.setInterval(200)
    timer.timeout.connect(lambda: None)
    timer.start()
    return timer


@contextlib.contextmanager
def running_centre(db_url: str, port: int) -> Iterator[str]:
    """``realname-central serve`` on 127.0.0.1 for as long as the block runs."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.central.cli",
            "--db",
            db_url,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        preexec_fn=_die_with_parent(os.getpid()),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise SystemExit("the demo centre did not start; see the messages above")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("the demo centre did not answer in 30 s")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: Sequence[str] | None = None) -> int:
    """Prepare the demo, start the centre, open the window."""
    parser = argparse.ArgumentParser(prog="python -m desktop.demo", description=__doc__)
    parser.add_argument(
        "--dir", type=Path, default=Path(os.environ.get("REALNAME_DEMO_DIR", ".demo"))
    )
    parser.add_argument("--port", type=int, default=8700)
    parser.add_argument("--year", type=int, default=time.localtime().tm_year)
    args = parser.parse_args(argv)
    folder: Path = args.dir.resolve()
    db_url = prepare(folder, args.year)
    accounts = ", ".join(name for name, _, _ in DEMO_ACCOUNTS)
    with stopping_on_signals(), running_centre(db_url, _free_port(args.port)) as url:
        print(f"demo centre: {url}  accounts: {accounts}  password: {DEMO_PASSWORD}", flush=True)
        from desktop.ui.launch import application, run

        app = application(sys.argv[:1])
        ticker = keep_signals_live(app)
        try:
            return run(folder / "desktop", server_url=url)
        finally:
            del ticker


if __name__ == "__main__":
    sys.exit(main())
