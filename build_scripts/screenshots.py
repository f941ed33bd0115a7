"""Screenshots of every screen, from the real window under Xvfb, with demo data.

    .venv/bin/python build_scripts/screenshots.py [OUTPUT_DIR]   (default docs/screenshots)

Starts Xvfb (unless DISPLAY is set) and uses Qt's xcb platform, so the pictures are what a
worker sees, CJK glyphs included (fonts-noto-cjk). The demo data is real: a central
endpoint on 127.0.0.1 with two county accounts; one laptop enters and syncs records, the
other then runs into a conflict and a duplicate person, as happens in the field.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSWORD = "demo-password-1"
SIZE = (1180, 800)
LAPTOP = (1366, 768 - 40 - 30)
MAX_BYTES = 200_000


def start_display() -> subprocess.Popen[bytes] | None:
    """Xvfb on a free display number, unless a display is already there."""
    if os.environ.get("DISPLAY"):
        return None
    for number in range(91, 120):
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if time.monotonic() > deadline or server.poll() is not None:
            raise RuntimeError("Xvfb did not start")
        time.sleep(0.05)
    os.environ["DISPLAY"] = f":{number}"
    return server


def demo_centre(work: Path) -> object:
    """A central endpoint with two county accounts and reference data for 城关区."""
    from sync.contract.regions import default_tree
    from tests.helpers.central import CentralProcess

    folder = work / "central"
    folder.mkdir()
    centre = CentralProcess(f"sqlite:///{folder / 'central.sqlite3'}", folder)
    centre.start()
    for user in ("county1", "county2"):
        centre.create_user(user, "county", "620102", PASSWORD)
    townships = [r.code for r in default_tree().children("620102")][:12]
    base = work / "base.csv"
    targets = work / "targets.csv"
    with base.open("w", newline="", encoding="utf-8") as f:
        rows = csv.writer(f)
        rows.writerow(["region_code", "year", "working_age_disabled"])
        for i, code in enumerate(townships):
            rows.writerow([code, 2024, 16 + (i * 7) % 13])
    with targets.open("w", newline="", encoding="utf-8") as f:
        rows = csv.writer(f)
        rows.writerow(["region_code", "year", "indicator", "target"])
        for i, code in enumerate(townships):
            for name in ("urban_new_employment", "rural_new_employment", "new_training"):
                rows.writerow([code, 2024, name, 3 + i % 4])
            rows.writerow([code, 2024, "graduate_survey", 1])
    centre.command("import-reference", "base-population", str(base))
    centre.command("import-reference", "targets", str(targets))
    return centre


def demo_laptops(centre: object, work: Path) -> object:
    """Two laptops; the second one's account is returned, with every kind of record."""
    from desktop.store import Synchronizer, login_online
    from sync.client import RetryPolicy
    from sync.contract.regions import default_tree
    from sync.contract.samples import sample_records

    fast = RetryPolicy(attempts=3, base=0.05, cap=0.2)
    url = centre.url  # type: ignore[attr-defined]

    def sync(account: object) -> None:
        with account.client(fast) as client:  # type: ignore[attr-defined]
            Synchronizer(account.registry, client).run()  # type: ignore[attr-defined]

    a, _ = login_online(work / "laptop-a", url, "county1", PASSWORD, retry=fast)
    b, _ = login_online(work / "laptop-b", url, "county2", PASSWORD, retry=fast)
    townships = [r.code for r in default_tree().children("620102")][:12]
    records = sample_records(160, seed=21, region_codes=townships)
    for record in records:
        a.registry.save_record(record)
    sync(a)
    sync(b)
    changed = records[3]
    a.registry.save_record({**changed, "phone": "13912345678", "employer": "城关区福利厂"})
    sync(a)
    b.registry.save_record({**changed, "phone": "13987654321"})
    twice = dict(sample_records(1, seed=22, region_codes=townships)[0])
    a.registry.save_record(twice)
    sync(a)
    b.registry.save_record(
        {**twice, "record_id": "00000000-0000-4000-8000-00000000beef", "phone": "13800001111"}
    )
    sync(b)
    own = sample_records(3, seed=23, region_codes=townships)
    for record in own:
        b.registry.save_record(record)
    b.registry.save_draft({"name": "马小兰", "region_code": townships[0]})
    this_year_round(centre, work, b, records, townships)
    sync(b)
    # A record this account entered itself comes back returned (its own to correct).
    review(centre, own[0], "return", "请核对联系电话和村名", {"phone": "号码少一位"})
    review(centre, records[6], "approve", "", {})
    demo_workers(centre, townships)
    sync(b)
    a.close()
    return b


def review(
    centre: object, record: dict[str, object], decision: str, comment: str, fields: dict[str, str]
) -> None:
    """County1's review of version 1 of ``record`` (a return shows 退回 on the laptop)."""
    import uuid

    token = centre.login("county1", PASSWORD)  # type: ignore[attr-defined]
    body = {"op_id": str(uuid.uuid4()), "record_id": record["record_id"], "version": 1}
    body |= {"decision": decision, "comment": comment, "field_comments": fields}
    with centre.client(token) as client:  # type: ignore[attr-defined]
        client.post("/reviews", json=body).raise_for_status()


def this_year_round(
    centre: object, work: Path, laptop: object, known: list[dict[str, object]], towns: list[str]
) -> None:
    """This year's roster at the centre (most persons known from earlier years, some new),
    and the first visits of the round on ``laptop``, one off the roster."""
    from datetime import date

    from desktop.store.visits import visit_start
    from sync.contract.records_io import write_table
    from sync.contract.samples import sample_records

    year = date.today().year
    columns = ["year", "id_number", "name", "disability_cert_number", "disability_category"]
    columns += ["disability_level", "hukou_type", "region_code", "village", "address", "phone"]
    persons = known[:90] + sample_records(40, seed=24, region_codes=towns[:4])
    rows = [[year, *("" if p.get(c) is None else p.get(c) for c in columns[1:])] for p in persons]
    path = work / "roster.csv"
    write_table(path, columns, rows)
    centre.command("import-reference", "roster", str(path))  # type: ignore[attr-defined]
    registry = laptop.registry  # type: ignore[attr-defined]
    for number, person in enumerate(known[:60:2]):
        start = visit_start(
            registry, str(person["id_number"]), today=date.today(), surveyor="县残联"
        )
        if start.doc is not None:
            if number % 5 == 0:  # a new phone and address since last year (审核 shows it)
                start.doc.update(phone=f"1391234{number:04d}", address="新村路8号")
            registry.save_record(start.doc)
    for record in sample_records(2, seed=25, region_codes=towns[:2], survey_year=year):
        registry.save_record(record)


def demo_workers(centre: object, towns: list[str]) -> None:
    """Four worker accounts for 进度: two surveying this year (one on an old program), one
    silent for twelve days, one that never synced."""
    from datetime import UTC, date, datetime, timedelta

    import httpx
    from sqlalchemy import create_engine, update

    from sync.central.review_tables import device_syncs
    from sync.contract.samples import sample_records
    from sync.version import __version__
    from tests.helpers.central_records import op, push_body

    year = date.today().year
    workers = (("wangfang", 26, __version__), ("lijun", 18, "0.0.9"), ("zhaolei", 9, __version__))
    for seed, (user, count, version) in enumerate(workers, start=30):
        centre.create_user(user, "worker", towns[seed - 30], PASSWORD)  # type: ignore[attr-defined]
        token = centre.login(user, PASSWORD, device_id=f"laptop-{user}")  # type: ignore[attr-defined]
        found = sample_records(count, seed=seed, region_codes=towns[:4], survey_year=year)
        with centre.client(token) as client:  # type: ignore[attr-defined]
            answer = client.post(
                "/sync/push",
                json=push_body(*map(op, found)),
                headers={"X-App-Version": version, "X-Queue-Length": str(seed % 3)},
            )
        if answer.status_code != httpx.codes.OK:
            raise RuntimeError(f"push of {user}: {answer.status_code}")
    centre.create_user("sunli", "worker", towns[3], PASSWORD)  # type: ignore[attr-defined]
    engine = create_engine(centre.db_url)  # type: ignore[attr-defined]
    with engine.begin() as conn:
        conn.execute(
            update(device_syncs)
            .where(device_syncs.c.username == "zhaolei")
            .values(last_sync_at=datetime.now(UTC) - timedelta(days=12))
        )
    engine.dispose()


def shoot(account: object, out: Path) -> list[Path]:
    """Open the window of ``account`` and save a picture of every screen."""
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from desktop.ui.appearance import apply_appearance
    from desktop.ui.login_dialog import LoginDialog
    from desktop.ui.main_window import MainWindow
    from desktop.ui.operations import Operations
    from desktop.ui.preferences import Preferences
    from desktop.ui.translation import install
    from desktop.ui.workspace import Workspace
    from sync.contract.samples import sample_records

    app = QApplication(["realname-desktop"])
    keep = install(app, "zh_CN")
    apply_appearance(app, 100)
    ops = Operations()

    def settle() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            QCoreApplication.processEvents()
            if ops.pending == 0:
                for _ in range(5):
                    QCoreApplication.processEvents()
                    time.sleep(0.02)
                if ops.pending == 0:
                    return
            time.sleep(0.01)
        raise RuntimeError("operations did not finish")

    saved: list[Path] = []

    def save(widget: object, name: str) -> None:
        settle()
        path = out / f"{name}.png"
        # Quality 0: zlib's strongest compression (the pictures stay under MAX_BYTES).
        widget.grab().save(str(path), "PNG", 0)  # type: ignore[attr-defined]
        saved.append(path)

    preferences = Preferences(out.parent / ".screenshots-preferences.ini")
    login = LoginDialog(account.data_dir.root, ops)  # type: ignore[attr-defined]
    login.resize(560, 230)
    login.show()
    save(login, "01_login")
    login.close()

    window = MainWindow(Workspace(account, ops), preferences)  # type: ignore[arg-type]
    window.resize(*SIZE)
    window.show()
    window.start(watch=False)
    settle()
    form = window.entry
    typed = dict(sample_records(1, seed=40, region_codes=["620102001"])[0])
    typed["id_number"] = typed["id_number"][:17] + ("0" if typed["id_number"][17] != "0" else "1")
    typed["employment_status"] = 1
    typed["employment_form"] = None
    form.load_doc(typed)
    form.revalidate()
    save(window, "02_entry")

    window.tabs.setCurrentWidget(window.records)
    window.resize(SIZE[0], SIZE[1] - 180)  # fewer rows: the picture stays under MAX_BYTES
    save(window, "03_records")
    window.resize(*SIZE)
    window.tabs.setCurrentWidget(window.visits)
    settle()
    town = next(item for key, item in window.visits.place_items.items() if key[1] is None)
    town.setExpanded(True)
    window.visits.places.setCurrentItem(town)
    save(window, "11_visits")
    review = window.review
    if review is not None:  # 审核: a county account's review of this year's records
        window.tabs.setCurrentWidget(review)
        settle()
        most = (0, 0)  # the row with the most changes since the person's earlier record
        for row in range(min(review.model.rowCount(), 40)):
            review.table.setCurrentIndex(review.model.index(row, 0))
            settle()
            most = max(most, (review.changes.rowCount(), -row))
        review.table.setCurrentIndex(review.model.index(-most[1], 0))
        save(window, "12_review")
    window.tabs.setCurrentWidget(window.queue)
    window.queue.status.setText("")
    save(window, "04_queue")
    window.queue.table.setCurrentCell(0, 0)  # the returned record heads the list
    window.queue.open_button.click()
    settle()
    save(window, "12_returned")
    window.tabs.setCurrentWidget(window.conflicts)
    save(window, "05_conflicts")
    window.conflicts.list.setCurrentRow(1)
    save(window, "06_duplicate")
    window.statistics.year.setValue(2024)
    window.tabs.setCurrentWidget(window.statistics)
    save(window, "07_statistics")
    progress = window.statistics.progress
    if progress is not None:  # 进度 beside the indicators, for county staff
        window.statistics.pages.setCurrentWidget(progress)
        window.resize(SIZE[0], 1000)  # as tall as the 统计 page, so the chart shows whole
        save(window, "13_progress")
        window.resize(*SIZE)
        window.statistics.pages.setCurrentIndex(0)
    window.tabs.setCurrentWidget(window.settings)
    save(window, "08_settings")
    # The entry form at 200 % font size on a 1366x768 laptop (less the taskbar and title).
    apply_appearance(app, 200)
    window.resize(*LAPTOP)
    window.tabs.setCurrentWidget(form)
    form.load_doc(typed)
    form.revalidate()
    form.inputs["name"].setFocus()
    save(window, "09_entry_200")
    form.page_scroll.ensureWidgetVisible(form.inputs["employment_form"])
    form.inputs["employment_form"].setFocus()
    save(window, "10_entry_200_scrolled")
    apply_appearance(app, 100)
    form.autosave_timer.stop()
    form.dirty = False
    window.close()
    del keep
    return saved


def main(argv: list[str]) -> int:
    """Make the screenshots; 0 when all are written and small enough."""
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="realname-shots-"))
    os.environ.update(
        {
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "XDG_DATA_HOME": str(work / "xdg"),
            "REALNAME_DESKTOP_KDF_MEMORY_KIB": "64",
        }
    )
    display = start_display()
    centre = demo_centre(work)
    try:
        account = demo_laptops(centre, work)
        paths = shoot(account, out)
        account.close()  # type: ignore[attr-defined]
    finally:
        centre.stop()  # type: ignore[attr-defined]
        if display is not None:
            display.terminate()
            display.wait()
        shutil.rmtree(work, ignore_errors=True)
        (out.parent / ".screenshots-preferences.ini").unlink(missing_ok=True)
    too_big = [p for p in paths if p.stat().st_size > MAX_BYTES]
    for path in paths:
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
            f"  {path.stat().st_size // 1024} KB"
        )
    if too_big:
        print(f"larger than {MAX_BYTES // 1000} KB: {too_big}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
