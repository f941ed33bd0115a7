"""Many threads using one account's database at once: no crash, nothing lost.

The program's screens, its operation pool and a sync each reach the database from their
own thread. With SQLAlchemy's default pool for SQLCipher a sixth thread closed another
thread's connection while it was in use, and SQLCipher crashed the process (a segfault),
so this runs in a child process: a crash is a failed test, not a lost test run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_CHILD = """
import sys, threading
from pathlib import Path

import keyring
from keyrings.alt.file import PlaintextKeyring

root = Path(sys.argv[1])
backend = PlaintextKeyring()
backend.file_path = str(root / "keyring.cfg")
keyring.set_keyring(backend)

from desktop.store import keys
keys.KDF = keys.Argon2idCost(64, iterations=1)
from sync.contract.samples import sample_records
from tests.helpers.client import make_local_account

account = make_local_account(root)
registry = account.registry
people = sample_records(400, seed=21, region_codes=["620102"])
registry.save_many(people[:200])
failures = []

def read():
    try:
        for _ in range(40):
            registry.status_counts()
            for record_id in registry.ids(limit=20):
                registry.get(record_id)
    except Exception as exc:
        failures.append(repr(exc))

def write(part):
    try:
        for record in part:
            registry.save_record(record)
    except Exception as exc:
        failures.append(repr(exc))

threads = [threading.Thread(target=read) for _ in range(6)]
threads += [threading.Thread(target=write, args=(people[200 + 50 * i : 250 + 50 * i],))
            for i in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("failures", len(failures), failures[:3])
print("pending", registry.status_counts()["pending"])
account.close()
"""


def test_ten_threads_read_and_save_at_once_without_a_crash(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert result.stdout.splitlines() == ["failures 0 []", "pending 400"]
