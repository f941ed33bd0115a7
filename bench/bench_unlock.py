"""What a login costs the worker, and what a guess costs a thief holding account.json.

A guess at the password of a stolen account file is one key derivation (then an AES-GCM
check, which costs nothing beside it). The figure is one derivation at today's cost
(argon2id, 256 MiB, two passes), and one offline unlock through ``unlock_offline`` (the
derivation, the keyring, opening the encrypted database); the limit beside each is the
same at the cost before issue 13 (scrypt N=2**15, r=8), measured in the same run. The best
of three: the machine is shared, and a thief's machine is not.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.file_keyring import file_keyring
from desktop.store import keys, unlock_offline
from desktop.store.accounts import AccountProfile, DataDir
from desktop.store.database import open_database
from sync.client import Keyring

OLD_COST = keys.ScryptCost(n=2**15)
ROUNDS = 3


def _best(action: Callable[[], object]) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def _unlock(folder: Path, cost: keys.KdfCost) -> float:
    """Seconds for one offline unlock of an account whose key is wrapped at ``cost``."""
    password = "bench-password-1"
    data_dir = DataDir(folder)
    key = keys.new_database_key()
    Keyring("bench").store_database_key(key)
    open_database(data_dir.database_path("bench"), key).dispose()
    profile = AccountProfile(
        username="bench",
        server="https://centre.example",
        device_id=str(uuid.uuid4()),
        wrapped_key=keys.WrappedKey.wrap(key, password, cost=cost),
    )
    data_dir.save_profile(profile)
    return _best(lambda: unlock_offline(folder, "bench", password).close())


def run() -> list[dict[str, Any]]:
    """One derivation and one offline unlock, today's cost beside the old one."""
    salt = b"\0" * 16
    new_guess = _best(lambda: keys.PRODUCTION_KDF.derive("guess", salt))
    old_guess = _best(lambda: OLD_COST.derive("guess", salt))
    with (
        tempfile.TemporaryDirectory(prefix="bench-unlock-") as tmp,
        file_keyring(Path(tmp), keys.PRODUCTION_KDF),
    ):
        new_unlock = _unlock(Path(tmp) / "new", keys.PRODUCTION_KDF)
        # The old cost is re-wrapped at the first unlock: measure the unlocks after it.
        keys.KDF = OLD_COST
        old_unlock = _unlock(Path(tmp) / "old", OLD_COST)
    old_name = "scrypt N=2**15 r=8 (before issue 13)"
    return [
        {
            "name": "offline unlock (argon2id 256 MiB, t=2)",
            "figure": new_unlock * 1000,
            "unit": "ms",
            "target": "<= 1000 ms",
            "limit": old_unlock * 1000,
            "limit_name": old_name,
        },
        {
            "name": "password guesses per hour per core (account.json)",
            "figure": 3600 / new_guess,
            "unit": "guesses/h",
            "target": "as few as a login allows",
            "limit": 3600 / old_guess,
            "limit_name": old_name,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
