"""Pulling while many clients push: the union of what was pulled is what was accepted.

Runs on PostgreSQL, where transactions really run side by side, with two server
processes on one database (as behind a load balancer). A change that committed after a
later seq was already visible would be skipped by a puller's cursor for good; the final
drain after the pushes would then miss it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from sync.contract.samples import sample_records
from tests.helpers.accounts import PASSWORD
from tests.helpers.central import CentralProcess
from tests.helpers.central_records import op, push_body

PUSHERS = 8
BATCHES = 6
BATCH = 40
COUNTIES = ["620102", "620103", "620104", "620105", "620111", "620121", "620122", "620123"]


@pytest.mark.postgres
@pytest.mark.slow
def test_pull_during_concurrent_pushes_misses_nothing(
    central_server_pg: CentralProcess, tmp_path: Path
) -> None:
    second_dir = tmp_path / "second"
    second_dir.mkdir()
    second = CentralProcess(central_server_pg.db_url, second_dir)
    second.start()
    try:
        _run(central_server_pg, second)
    finally:
        second.stop()


def _run(first: CentralProcess, second: CentralProcess) -> None:
    first.create_user("reader", "province", "620000", PASSWORD)
    for n, county in enumerate(COUNTIES):
        first.create_user(f"pusher{n}", "county", county, PASSWORD)
    accepted: dict[str, int] = {}
    lock = threading.Lock()
    errors: list[str] = []
    done = threading.Event()

    def pusher(n: int) -> None:
        server = first if n % 2 else second
        token = server.login(f"pusher{n}", PASSWORD, device_id=f"d{n}")
        records = sample_records(BATCHES * BATCH, seed=1000 + n, region_codes=[COUNTIES[n]])
        with server.client(token) as client:
            for b in range(BATCHES):
                chunk = records[b * BATCH : (b + 1) * BATCH]
                ops = [op(r) for r in chunk]
                if b:  # also edit records of the previous batch
                    ops += [
                        op({**r, "address": f"edit {b}"}, base_version=1)
                        for r in records[(b - 1) * BATCH : (b - 1) * BATCH + 5]
                    ]
                response = client.post("/sync/push", json=push_body(*ops))
                if response.status_code != 200:
                    errors.append(response.text)
                    return
                with lock:
                    for result in response.json()["results"]:
                        if result["status"] == "accepted":
                            rid = result["record_id"]
                            accepted[rid] = max(accepted.get(rid, 0), result["version"])

    pulled: dict[str, int] = {}

    def puller() -> None:
        token = first.login("reader", PASSWORD, device_id="reader")
        cursor = ""
        with first.client(token) as client:
            while True:
                finished = done.is_set()  # read before the pull: the last pull is complete
                params: dict[str, Any] = {"limit": 97}
                if cursor:
                    params["since"] = cursor
                page = client.get("/sync/pull", params=params).json()
                for change in page["changes"]:
                    pulled[change["record_id"]] = change["version"]
                cursor = page["cursor"]
                if finished and not page["more"]:
                    return

    reader = threading.Thread(target=puller)
    reader.start()
    threads = [threading.Thread(target=pusher, args=(n,)) for n in range(PUSHERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    reader.join()
    assert errors == []
    assert len(accepted) == PUSHERS * BATCHES * BATCH
    assert pulled == accepted
