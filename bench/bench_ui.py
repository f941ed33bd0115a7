"""The desktop screens: start to a usable window, and the record list over 500,000 records.

- start: from process start to a usable main window on an open account (the program's
  application with its language, font size and stylesheet; the entry form painted, the
  record list's count and first page shown), in a subprocess, beside an empty QMainWindow
  started the same way in the same run, and beside the same empty window after the imports
  that opening an account needs (SQLAlchemy, SQLCipher, keyring): the floor of the stack.
- record list: over 500,000 records of five survey years, the first paint of the lazy list
  as a worker opens it (this year's records, the default filter: count and first page read,
  painted) and on a new year's first day (last year's records only, this year's list empty),
  the memory it adds (RSS delta), and a name prefix search through the store as the list
  runs it (count + first page of ids), beside raw sqlcipher3 queries on the same database.
- review filter: the list filtered by the centre's review (退回, 已审核, 未审核) as it runs
  it (count + first page), with 1 % of the records returned and 20 % approved, beside a
  raw count of every record (what the unfiltered list starts with).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from desktop.store.sample_rows import bulk_insert

ROOT = Path(__file__).resolve().parents[1]
RECORDS = 500_000
YEARS = 5  # survey years of the records: this one and the four before


def _rss_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


_WINDOW_CHILD = """
import os, sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from desktop.store import open_account
from desktop.ui.launch import application
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.preferences import Preferences
from desktop.ui.workspace import Workspace
# The program's own application: its language, font size and stylesheet.
app = application(["bench"])
account = open_account(Path(sys.argv[1]))
ops = Operations()
window = MainWindow(Workspace(account, ops), Preferences(Path(sys.argv[1]) / "ui.ini"))
def usable():
    # The record list has its count and first page, and the window (the entry form) is
    # painted: the worker can type, and the list is there.
    window.grab()
    print("shown", flush=True)
    os._exit(0)
window.records.model.modelReset.connect(usable)
window.show()
window.start()
app.exec()
"""

_EMPTY_CHILD = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(["bench"])
window = QMainWindow()
window.show()
def shown():
    print("shown", flush=True)
    os._exit(0)
QTimer.singleShot(0, shown)
app.exec()
"""

# The same empty window after importing what opening an account cannot do without (the
# store's SQLAlchemy and SQLCipher, the keyring that holds its key): the floor of this stack.
_STACK_CHILD = _EMPTY_CHILD.replace(
    "from PySide6.QtCore import QTimer",
    "import keyring, sqlalchemy, sqlcipher3\nfrom PySide6.QtCore import QTimer",
)


def _start_seconds(code: str, args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    elapsed = time.perf_counter() - started
    if "shown" not in result.stdout:
        raise RuntimeError(f"the window did not show: {result.stderr[-2000:]}")
    return elapsed


def _local_account(root: Path, env: dict[str, str]) -> None:
    """An account as a first login leaves it, in ``root``, with its key in a file keyring."""
    code = """
import sys, uuid
from pathlib import Path
from desktop.store import keys
from desktop.store.accounts import AccountProfile, DataDir
from sync.client import Keyring
root = Path(sys.argv[1])
key = keys.new_database_key()
Keyring("bench").store_database_key(key)
DataDir(root).save_profile(AccountProfile(username="bench", server="http://127.0.0.1:9",
    device_id=str(uuid.uuid4()), role="county", region_code="620102"))
DataDir(root).set_last_account("bench")
"""
    subprocess.run([sys.executable, "-c", code, str(root)], cwd=ROOT, env=env, check=True)


def bench_start(rounds: int = 5) -> list[dict[str, Any]]:
    """Process start to the window shown, beside an empty QMainWindow."""
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as folder:
        root = Path(folder)
        env = {
            **os.environ,
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "XDG_DATA_HOME": str(root / "xdg"),
            "PYTHONPATH": str(ROOT),
            "REALNAME_UI_PREFERENCES": str(root / "ui.ini"),
            # Compiled modules are kept (here, not in the source tree), as on a worker's
            # laptop: a program that compiled its sources at every start (the environment's
            # PYTHONDONTWRITEBYTECODE) would be timed, not the start.
            "PYTHONPYCACHEPREFIX": str(root / "pycache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        _local_account(root, env)
        # One start of each first, so both read warm files, as a worker's second start does.
        _start_seconds(_WINDOW_CHILD, [str(root)], env)
        _start_seconds(_EMPTY_CHILD, [], env)
        _start_seconds(_STACK_CHILD, [], env)
        # In turn, so that a machine slowing down or speeding up weighs on all alike.
        ours, empty, stack = [], [], []
        for _ in range(rounds):
            ours.append(_start_seconds(_WINDOW_CHILD, [str(root)], env))
            empty.append(_start_seconds(_EMPTY_CHILD, [], env))
            stack.append(_start_seconds(_STACK_CHILD, [], env))
    figure = statistics.median(ours) * 1000
    return [
        {
            "name": "ui: start to usable main window (source, median)",
            "figure": figure,
            "unit": "ms",
            "target": "<= 500 ms",
            "limit": statistics.median(empty) * 1000,
            "limit_name": "empty QMainWindow start",
        },
        {
            "name": "ui: start to usable main window, beside the stack's floor (median)",
            "figure": figure,
            "unit": "ms",
            "target": "<= 500 ms",
            "limit": statistics.median(stack) * 1000,
            "limit_name": "empty QMainWindow after importing keyring, sqlalchemy, sqlcipher3",
        },
    ]


def bench_record_list(n: int = RECORDS) -> list[dict[str, Any]]:
    """First paint, memory and prefix search of the record list over ``n`` records of
    YEARS survey years."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from desktop.store.database import open_database
    from desktop.store.keys import new_database_key
    from desktop.store.model import RecordFilter
    from desktop.store.registry import Registry
    from desktop.store.survey_years import round_year
    from desktop.ui.operations import Operations
    from desktop.ui.paged_model import PAGE_SIZE
    from desktop.ui.record_list import filter_for
    from desktop.ui.record_model import RecordModel

    app = QApplication.instance() or QApplication(["bench"])
    with tempfile.TemporaryDirectory(prefix="bench-list-") as folder:
        key = new_database_key()
        path = Path(folder) / "registry.db"
        engine = open_database(path, key)
        this_year = round_year()
        bulk_insert(engine, n, years=range(this_year - YEARS + 1, this_year + 1))
        engine.dispose()
        engine = open_database(path, key)
        registry = Registry(engine, username="bench", device_id="bench")

        class _Account:  # the least a Workspace needs for the model
            pass

        from desktop.ui.workspace import Workspace

        account: Any = _Account()
        account.registry = registry
        account.profile = type("P", (), {"region_code": "620102"})()
        workspace = Workspace(account, Operations(immediate=True))
        import sqlcipher3

        raw = sqlcipher3.connect(str(path))
        raw.execute(f"PRAGMA key=\"x'{key.hex()}'\"")
        everything = "SELECT record_id FROM records WHERE deleted = 0 ORDER BY updated_at DESC"

        def raw_ids() -> tuple[float, int]:
            t0 = time.perf_counter()
            found = raw.execute(everything).fetchall()
            return (time.perf_counter() - t0) * 1000, len(found)

        raw_ids()  # both measurements below read a warm file
        before = _rss_mib()

        def first_paint(year: int) -> tuple[float, RecordModel, QTableView]:
            # The list as it opens: no search, every state, the year chosen (record_list).
            started = time.perf_counter()
            model = RecordModel(workspace)
            view = QTableView()
            view.resize(1000, 700)
            view.setModel(model)
            model.reload(filter_for("", None, None, year=year))
            view.show()
            view.grab()
            return (time.perf_counter() - started) * 1000, model, view

        default_paint, model, view = first_paint(this_year)
        app.processEvents()
        rss = _rss_mib() - before
        pages, shown = model.pages_read, model.total
        # A new year's first day: this year's list is empty, last year's records all there.
        new_year_paint, empty, empty_view = first_paint(this_year + 1)
        if empty.total:
            raise RuntimeError(f"the new year's list is not empty: {empty.total}")
        raw_all, raw_count = raw_ids()
        prefixes = ["王伟", "李娜", "张", "陈静", "刘强"]
        # A search as the list runs it (Registry.list_start): the count for the scroll bar,
        # then every matching id when there are few, else the first page; beside it the
        # same statements on the raw connection.
        raw_where = "WHERE deleted = 0 AND name LIKE ? ESCAPE '\\'"
        raw_every = f"SELECT record_id FROM records {raw_where} ORDER BY updated_at DESC, record_id"
        ours, theirs, ours_all, theirs_all = [], [], [], []
        for prefix in prefixes * 3:
            search = RecordFilter(name_prefix=prefix)
            t0 = time.perf_counter()
            registry.list_start(search, page_size=PAGE_SIZE)
            ours.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            (matches,) = raw.execute(
                f"SELECT count(*) FROM records {raw_where}", (prefix + "%",)
            ).fetchone()
            limit = "" if matches < 2000 else f" LIMIT {PAGE_SIZE}"
            raw.execute(raw_every + limit, (prefix + "%",)).fetchall()
            theirs.append((time.perf_counter() - t0) * 1000)
        # Every match's id, as the list read them before it read by pages (a separate loop:
        # the 25,000 ids of one surname would flush the caches the searches above find).
        for prefix in prefixes * 3:
            search = RecordFilter(name_prefix=prefix)
            t0 = time.perf_counter()
            registry.ids(search)
            ours_all.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            raw.execute(raw_every, (prefix + "%",)).fetchall()
            theirs_all.append((time.perf_counter() - t0) * 1000)
        raw.close()
        view.deleteLater()
        empty_view.deleteLater()
        engine.dispose()
    return [
        {
            "name": (
                f"ui: record list first paint, this year's {shown:,} of {n:,} records"
                f" ({pages} pages read)"
            ),
            "figure": default_paint,
            "unit": "ms",
            "target": "<= 300 ms",
            "limit": raw_all,
            "limit_name": f"raw sqlcipher3 SELECT of all {raw_count:,} ids, same order",
        },
        {
            "name": f"ui: record list first paint on a new year's day (empty), {n:,} records",
            "figure": new_year_paint,
            "unit": "ms",
            "target": "<= 300 ms",
            "limit": raw_all,
            "limit_name": f"raw sqlcipher3 SELECT of all {raw_count:,} ids, same order",
        },
        {
            "name": f"ui: record list memory (RSS delta), {n:,} records",
            "figure": rss,
            "unit": "MiB",
            "target": "<= 150 MiB",
            "limit": None,
            "limit_name": "",
        },
        {
            "name": "ui: name prefix search as the list runs it (count + ids, median)",
            "figure": statistics.median(ours),
            "unit": "ms",
            "target": "<= 10 ms",
            "limit": statistics.median(theirs),
            "limit_name": "raw sqlcipher3, the same queries",
        },
        {
            "name": "ui: name prefix search, every matching id (median; the list no longer does)",
            "figure": statistics.median(ours_all),
            "unit": "ms",
            "target": "",
            "limit": statistics.median(theirs_all),
            "limit_name": "raw sqlcipher3 query, same prefix",
        },
    ]


def bench_review_filter(n: int = RECORDS) -> list[dict[str, Any]]:
    """The record list filtered by review over ``n`` records, 1 % returned, 20 % approved."""
    from sqlalchemy import insert, select, update

    from desktop.store.database import open_database
    from desktop.store.keys import new_database_key
    from desktop.store.model import RecordFilter
    from desktop.store.registry import Registry
    from desktop.store.schema import record_reviews, records
    from desktop.ui.paged_model import PAGE_SIZE
    from sync.contract.review_wire import ReviewStateName

    figures: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-review-") as folder:
        key = new_database_key()
        path = Path(folder) / "registry.db"
        engine = open_database(path, key)
        bulk_insert(engine, n)
        with engine.begin() as conn:
            conn.execute(update(records).values(version=1))
            ids = list(conn.execute(select(records.c.record_id)).scalars())
            reviews = [
                {"record_id": i, "version": 1, "state": "returned" if k % 20 == 0 else "approved"}
                for k, i in enumerate(ids[: n // 5 + n // 100])
            ]
            conn.execute(insert(record_reviews), reviews)
        engine.dispose()
        engine = open_database(path, key)
        registry = Registry(engine, username="bench", device_id="bench")
        import sqlcipher3

        raw = sqlcipher3.connect(str(path))
        raw.execute(f"PRAGMA key=\"x'{key.hex()}'\"")
        raw.execute("SELECT count(*) FROM records WHERE deleted = 0").fetchone()  # warm
        theirs = []
        for _ in range(3):
            t0 = time.perf_counter()
            raw.execute("SELECT count(*) FROM records WHERE deleted = 0").fetchone()
            theirs.append((time.perf_counter() - t0) * 1000)
        raw.close()
        kinds: tuple[ReviewStateName, ...] = ("returned", "approved", "unreviewed")
        for review in kinds:
            wanted = RecordFilter(review=review)
            ours = []
            for _ in range(3):
                t0 = time.perf_counter()
                start = registry.list_start(wanted, page_size=PAGE_SIZE)
                ours.append((time.perf_counter() - t0) * 1000)
            figures.append(
                {
                    "name": f"ui: review filter {review} ({start.total:,} of {n:,}), "
                    "count + first page (median)",
                    "figure": statistics.median(ours),
                    "unit": "ms",
                    "target": "<= 300 ms",
                    "limit": statistics.median(theirs),
                    "limit_name": "raw sqlcipher3 count of every record",
                }
            )
        engine.dispose()
    return figures


def run() -> list[dict[str, Any]]:
    """Every figure of this module."""
    return bench_start() + bench_record_list() + bench_review_filter()


if __name__ == "__main__":
    for row in run():
        print(row)
