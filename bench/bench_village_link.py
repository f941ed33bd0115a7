"""A queue of 2,000 records over a village's mobile link (docs/architecture.md, targets).

The link (tests/helpers/link_simulator.py): 16 kB/s each way, 200 ms one way, every
connection cut once it has carried 64 kB upstream. One laptop pushes its queue through it;
a second laptop (a new one: nothing local) then pulls its township through it: the records,
then the year's roster (调查底册) of the same 2,000 persons, as its first sync does. Figures,
for each of the three:

- the time, beside the link's own limit measured in the same run: the bytes that crossed
  the busier direction (failed requests included) / its bandwidth (target <= 3x);
- the bytes per record (per person on the roster) that crossed each way (headers, retries
  and cut requests included; target <= 150).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_sync import PASSWORD, _centre, _people
from bench.file_keyring import file_keyring
from desktop.store import login_online
from desktop.store.survey_years import round_year
from desktop.store.syncing import Synchronizer
from sync.client import CentralClient
from tests.helpers.link_simulator import LinkSimulator
from tests.helpers.roster_round import load_roster

RATE = 16_000
LATENCY = 0.2
CUT_AFTER = 64_000


def _rows(
    phase: str, n: int, seconds: float, link: LinkSimulator, what: str = "record"
) -> list[dict[str, Any]]:
    limit = max(link.bytes_up, link.bytes_down) / RATE
    where = f"{n:,} {what}s, {RATE // 1000} kB/s, {int(LATENCY * 1000)} ms, cut at 64 kB"
    return [
        {
            "name": f"village link {phase}: time, {where}",
            "figure": seconds,
            "unit": "s",
            "target": "<= 3x limit",
            "limit": limit,
            "limit_name": "bytes that crossed / bandwidth",
        },
        {
            "name": f"village link {phase}: bytes per {what} up ({link.cuts} cuts)",
            "figure": link.bytes_up / n,
            "unit": f"B/{what}",
            "target": "<= 150",
        },
        {
            "name": f"village link {phase}: bytes per {what} down",
            "figure": link.bytes_down / n,
            "unit": f"B/{what}",
            "target": "<= 150",
        },
    ]


def _timed(account: Any, link: LinkSimulator, phase: str) -> float:
    client = CentralClient(link.url, token=account.keyring.token())
    with client:
        client.reference(account.registry.settings.get("reference_etag"))  # learn the encoding
        synchronizer = Synchronizer(account.registry, client)
        link.reset_counts()
        started = time.perf_counter()
        if phase == "push":
            synchronizer.push()
        elif phase == "pull":
            synchronizer.pull()
        else:
            synchronizer.pull_roster()
        return time.perf_counter() - started


def run(n: int = 2_000) -> list[dict[str, Any]]:
    """Push ``n`` records over the simulated link, then pull them and the roster of the
    same ``n`` persons on a new laptop."""
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-village-") as tmp:
        folder = Path(tmp)
        with file_keyring(folder), _centre(folder / "central") as server:
            people = _people(n, 41, set())
            load_roster(server.db_url, folder / "roster.csv", round_year(), people)
            link = LinkSimulator(server.port, up=10e6, down=10e6, latency=0.0)
            try:
                first, _ = login_online(folder / "first", link.url, "bench", PASSWORD)
                second, _ = login_online(folder / "second", link.url, "bench", PASSWORD)
                first.registry.save_many(people)
                link.up = link.down = RATE
                link.latency = LATENCY
                link.cut_after = CUT_AFTER
                seconds = _timed(first, link, "push")
                rows += _rows("push", n, seconds, link)
                seconds = _timed(second, link, "pull")
                rows += _rows("pull (a new laptop)", n, seconds, link)
                seconds = _timed(second, link, "roster")
                rows += _rows("roster pull (a new laptop)", n, seconds, link, "person")
                with second.engine.connect() as conn:
                    arrived = conn.exec_driver_sql("SELECT count(*) FROM roster").scalar()
                if arrived != n:
                    raise RuntimeError(f"{arrived} of {n} roster persons arrived")
                first.close()
                second.close()
            finally:
                link.close()
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
