"""The visit list (待访): first paint over a township's roster of 5,000 and a county's of
60,000 persons, each with last year's records for most persons and this year's for some.

First paint is the screen made, its figures read (progress per village, the count and first
page of persons to visit) and painted; the persons surveyed off the roster come after, in an
operation of their own, and are timed apart. Beside them, in the same run, a raw sqlcipher3
read of every roster person of the year with a probe of ``records`` per person (what a list
without the triggers' counts would have to do).
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert

from desktop.store.schema import record_docs, records, roster
from sync.contract.idcard import check_digit
from sync.contract.ids import new_id
from sync.contract.regions import default_tree

TOWNSHIP_ROSTER = 5_000
COUNTY_ROSTER = 60_000
COUNTY = "620102"
VILLAGES = 12


def _person(rng: random.Random, area: str, serial: int) -> str:
    born = date(1965, 1, 1).toordinal() + rng.randrange(35 * 365)
    body = f"{area}{date.fromordinal(born):%Y%m%d}{serial % 1000:03d}"
    return body + check_digit(body)


def fill(engine: Engine, n: int, townships: list[str], year: int, *, seed: int = 1) -> None:
    """A roster of ``n`` persons over ``townships`` (``VILLAGES`` villages each) for
    ``year``; 70% of them with a record of the year before, 40% with one of ``year``, and
    2% more surveyed in ``year`` off the roster."""
    rng = random.Random(seed)
    surnames, given = "王李张刘陈杨赵黄周吴", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞"
    roster_rows: list[dict[str, Any]] = []
    record_rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i in range(n + n // 50):
        township = townships[i % len(townships)]
        number = _person(rng, COUNTY, i)
        while number in seen:
            number = _person(rng, COUNTY, i + rng.randrange(1000))
        seen.add(number)
        name = rng.choice(surnames) + "".join(rng.choices(given, k=rng.choice((1, 2))))
        village = f"{township[-3:]}村{i % VILLAGES + 1}"
        if i < n:
            roster_rows.append(
                dict(
                    year=year,
                    id_number=number,
                    name=name,
                    region_code=township,
                    village=village,
                    address=f"{village}{i}号",
                    disability_category=4,
                    disability_level=2,
                    hukou_type=2,
                )
            )
        surveyed = []
        if i < n and rng.random() < 0.7:
            surveyed.append(date(year - 1, 1 + rng.randrange(12), 1 + rng.randrange(28)))
        if i >= n or rng.random() < 0.4:
            surveyed.append(date(year, 1 + rng.randrange(11), 1 + rng.randrange(28)))
        for when in surveyed:
            record_rows.append(
                dict(
                    record_id=new_id(),
                    name=name,
                    id_number=number,
                    region_code=township,
                    village=village,
                    survey_date=when,
                    state="synced",
                    deleted=False,
                )
            )
    with engine.begin() as conn:
        conn.execute(insert(roster), roster_rows)
        conn.execute(insert(records), record_rows)
        conn.execute(
            insert(record_docs), [{"record_id": r["record_id"], "doc": "{}"} for r in record_rows]
        )


def _warm_widgets(app: Any) -> None:
    """Show the widget classes the main window already shows at start (tables, a tree), so
    the figure is the visit list's own, not Qt's first use of a class."""
    from PySide6.QtWidgets import QTableView, QTableWidget, QTreeWidget

    for widget in (QTableView(), QTableWidget(3, 3), QTreeWidget()):
        widget.show()
        widget.grab()
        widget.deleteLater()
    app.processEvents()


def bench_visit_list(n: int, region: str, townships: list[str], label: str) -> list[dict[str, Any]]:
    """First paint of the visit list of ``region`` over a roster of ``n``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import sqlcipher3
    from PySide6.QtWidgets import QApplication

    from desktop.store.database import open_database
    from desktop.store.keys import new_database_key
    from desktop.store.registry import Registry
    from desktop.store.survey_years import round_year
    from desktop.ui.operations import Operations
    from desktop.ui.visit_list import VisitList
    from desktop.ui.workspace import Workspace

    app = QApplication.instance() or QApplication(["bench"])
    year = round_year()
    with tempfile.TemporaryDirectory(prefix="bench-visits-") as folder:
        key = new_database_key()
        path = Path(folder) / "registry.db"
        engine = open_database(path, key)
        fill(engine, n, townships, year)
        engine.dispose()
        engine = open_database(path, key)  # reopened: the planner's statistics, as a laptop
        registry = Registry(engine, username="bench", device_id="bench")
        account: Any = type("Account", (), {})()  # the least a Workspace needs
        account.registry = registry
        account.username = "bench"
        account.profile = type("Profile", (), {"region_code": region})()
        ops = Operations()  # the real pool: the list paints before the off-roster list comes
        workspace = Workspace(account, ops)
        raw = sqlcipher3.connect(str(path))
        raw.execute(f"PRAGMA key=\"x'{key.hex()}'\"")
        probe = (
            "SELECT r.id_number, r.name, EXISTS (SELECT 1 FROM records x WHERE "
            "x.id_number = r.id_number AND x.survey_date >= ? AND x.survey_date <= ?) "
            "FROM roster r WHERE r.year = ?"
        )
        span = (f"{year}-01-01", f"{year}-12-31", year)

        def raw_read() -> tuple[float, int]:
            t0 = time.perf_counter()
            found = raw.execute(probe, span).fetchall()
            return (time.perf_counter() - t0) * 1000, len(found)

        raw_read()  # both measurements read a warm file
        registry.status_counts()  # what the window reads at start: a connection is open
        _warm_widgets(app)
        started = time.perf_counter()
        screen = VisitList(workspace)
        screen.resize(1100, 700)
        screen.show()
        screen.refresh()
        while not screen.summary.text():
            app.processEvents()
            time.sleep(0.001)
        screen.grab()
        first_paint = (time.perf_counter() - started) * 1000
        while not screen.off_label.text():
            app.processEvents()
            time.sleep(0.001)
        apart = (time.perf_counter() - started) * 1000
        to_visit = screen.model.rowCount()
        off = len(screen.off)
        ops.shutdown()
        raw_ms, raw_count = raw_read()
        raw.close()
        screen.deleteLater()
        app.processEvents()
        engine.dispose()
    return [
        {
            "name": f"ui: visit list first paint, {label} roster of {n:,} ({to_visit:,} to visit)",
            "figure": first_paint,
            "unit": "ms",
            "target": "<= 300 ms",
            "limit": raw_ms,
            "limit_name": f"raw sqlcipher3 read of {raw_count:,} roster persons with the probe",
        },
        {
            "name": f"ui: visit list, {label}: {off:,} surveyed off the roster shown (after)",
            "figure": apart,
            "unit": "ms",
            "target": "",
            "limit": raw_ms,
            "limit_name": f"raw sqlcipher3 read of {raw_count:,} roster persons with the probe",
        },
    ]


def run() -> list[dict[str, Any]]:
    """Every figure of this module: a township's visit list and a county's."""
    tree = default_tree()
    townships = [r.code for r in tree.descendants(COUNTY) if r.level == "township"]
    return bench_visit_list(
        TOWNSHIP_ROSTER, townships[0], townships[:1], "township"
    ) + bench_visit_list(COUNTY_ROSTER, COUNTY, townships, "county")


if __name__ == "__main__":
    for row in run():
        print(row)
