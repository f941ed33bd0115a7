"""Faults on the line and at both ends; after each the centre holds every record exactly once.

A TCP proxy on 127.0.0.1 sits between the client and the real centre to cut an answer, or
to kill the server or expire the token just as a push passes.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, update

from desktop.store import Account, Synchronizer, login_online
from desktop.store.writes import enqueue, write_record
from sync.central.tables import tokens
from sync.client import AuthRequiredError, RetryPolicy
from tests.helpers.central import CentralProcess
from tests.helpers.client import (
    PASSWORD,
    KeyringFile,
    centre_counts,
    cli_laptop,
    start_sync,
    sync_again_after_kill,
    unique_samples,
)
from tests.helpers.cutting_proxy import CuttingProxy

PUSH = b"POST /api/v1/sync/push"
PATIENT = RetryPolicy(attempts=40, base=0.05, cap=0.5)


@pytest.fixture
def proxy(centre: CentralProcess) -> Iterator[CuttingProxy]:
    """A proxy in front of the centre."""
    line = CuttingProxy(centre.port)
    yield line
    line.close()


def laptop(proxy: CuttingProxy, root: Path) -> Account:
    """A laptop whose centre is reached through the proxy."""
    account, _ = login_online(root, proxy.url, "county1", PASSWORD, retry=PATIENT)
    return account


def push_all(account: Account, batch_ops: int = 200) -> None:
    """A full sync with small batches, so a fault lands in the middle of the queue."""
    with account.client(PATIENT) as client:
        Synchronizer(account.registry, client, batch_ops=batch_ops).run()


def test_answer_lost_after_the_centre_committed(
    centre: CentralProcess, proxy: CuttingProxy, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    account = laptop(proxy, tmp_path / "laptop")
    account.registry.save_many(unique_samples(1000, seed=21))
    proxy.cut_response(PUSH, after=1)  # the second batch's answer never arrives
    push_all(account)
    assert proxy.cuts == 1
    assert centre_counts(centre) == (1000, 1000, 0)
    assert account.registry.status_counts()["synced"] == 1000
    assert account.registry.queue() == []
    account.close()


def test_server_killed_and_restarted_mid_batch(
    centre: CentralProcess, proxy: CuttingProxy, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    account = laptop(proxy, tmp_path / "laptop")
    account.registry.save_many(unique_samples(1000, seed=22))
    restarted = threading.Event()

    def kill_and_restart() -> None:
        centre.stop(kill=True)
        threading.Thread(target=lambda: (centre.start(), restarted.set()), daemon=True).start()

    proxy.on_request(PUSH, kill_and_restart, after=2, before=False)
    push_all(account)
    assert restarted.is_set()
    assert centre_counts(centre) == (1000, 1000, 0)
    assert account.registry.status_counts()["synced"] == 1000
    account.close()


@pytest.mark.slow
def test_client_process_killed_mid_sync_then_run_again(
    centre: CentralProcess, proxy: CuttingProxy, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    data = tmp_path / "laptop"
    env = test_keyring.env
    cli_laptop(data, proxy.url, env, records=2000, seed=23)
    child = start_sync(data, env, "--batch-size", "100")
    # Kill it while its fourth push is at the centre: some batches done, one in flight.
    proxy.on_request(PUSH, lambda: child.send_signal(signal.SIGKILL), after=3, before=False)
    child.wait(timeout=120)
    assert child.returncode == -signal.SIGKILL
    assert 0 < centre_counts(centre)[0] < 2000

    sync_again_after_kill(centre, data, env, records=2000)


def test_one_invalid_record_among_good_ones(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    account, _ = login_online(tmp_path / "laptop", centre.url, "county1", PASSWORD, retry=PATIENT)
    good = unique_samples(300, seed=24)
    account.registry.save_many(good[:299])
    # A record the local rules would keep as a draft, queued anyway (an older client did).
    bad = {**good[299], "disability_level": 9}
    with account.engine.begin() as conn:
        write_record(conn, bad, "pending", exists=False)
        enqueue(conn, bad["record_id"], None)
    push_all(account, batch_ops=100)

    assert centre_counts(centre) == (299, 299, 0)
    counts = account.registry.status_counts()
    assert (counts["synced"], counts["rejected"], counts["pending"]) == (299, 1, 0)
    [waiting] = account.registry.queue()
    assert waiting.record_id == bad["record_id"]
    assert waiting.state == "rejected"
    assert any("disability_level" in f.fields for f in waiting.findings)

    account.registry.save_record({**bad, "disability_level": good[299]["disability_level"]})
    push_all(account)
    assert centre_counts(centre) == (300, 300, 0)
    assert account.registry.status_counts()["synced"] == 300
    account.close()


def test_token_expires_mid_sync(
    centre: CentralProcess, proxy: CuttingProxy, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    root = tmp_path / "laptop"
    account = laptop(proxy, root)
    account.registry.save_many(unique_samples(1000, seed=25))

    def expire_tokens() -> None:
        engine = create_engine(centre.db_url)
        with engine.begin() as conn:
            conn.execute(update(tokens).values(expires_at=datetime(2000, 1, 1, tzinfo=UTC)))
        engine.dispose()

    proxy.on_request(PUSH, expire_tokens, after=2)
    with pytest.raises(AuthRequiredError), account.client(PATIENT) as client:
        Synchronizer(account.registry, client, batch_ops=200).run()
    counts = account.registry.status_counts()
    assert counts["syncing"] == 0
    assert counts["synced"] + counts["pending"] == 1000
    assert 0 < counts["synced"] < 1000
    account.close()

    again = laptop(proxy, root)  # logging in again
    push_all(again)
    assert centre_counts(centre) == (1000, 1000, 0)
    assert again.registry.status_counts()["synced"] == 1000
    again.close()


def test_the_next_batch_is_at_the_centre_before_an_answer_comes(
    centre: CentralProcess, proxy: CuttingProxy, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    account = laptop(proxy, tmp_path / "laptop")
    account.registry.save_many(unique_samples(1000, seed=26))
    seen: list[tuple[int, int]] = []
    before = proxy.answers  # the login's

    def second_batch_leaves() -> None:
        seen.append((proxy.answers - before, account.registry.status_counts()["synced"]))

    proxy.on_request(PUSH, second_batch_leaves, after=1)
    with account.client(PATIENT) as client:
        tally = Synchronizer(account.registry, client, batch_ops=200).push()
    # Both batches were sent before any answer came back; all arrived exactly once.
    assert seen == [(0, 0)]
    assert tally.accepted == 1000
    assert centre_counts(centre) == (1000, 1000, 0)
    assert account.registry.queue() == []
    account.close()


def test_an_answer_held_for_the_next_one_is_applied_when_that_one_fails(
    centre: CentralProcess, proxy: CuttingProxy, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    # Two batches on their way: the first answer is held to be applied with the second
    # (Synchronizer.push). The second is refused (its token expired once the first was
    # answered): the first batch is applied all the same, the rest go back to pending.
    root = tmp_path / "laptop"
    account = laptop(proxy, root)
    account.registry.save_many(unique_samples(1000, seed=27))
    before = proxy.answers  # the login's

    def expire_once_the_first_is_answered() -> None:
        deadline = time.monotonic() + 30
        while proxy.answers == before and time.monotonic() < deadline:
            time.sleep(0.01)
        engine = create_engine(centre.db_url)
        with engine.begin() as conn:
            conn.execute(update(tokens).values(expires_at=datetime(2000, 1, 1, tzinfo=UTC)))
        engine.dispose()

    proxy.on_request(PUSH, expire_once_the_first_is_answered, after=1)
    with account.client(PATIENT) as client:
        synchronizer = Synchronizer(account.registry, client, batch_ops=200)
        first = synchronizer.push_sizer.size()  # the link's first batches are smaller
        with pytest.raises(AuthRequiredError):
            synchronizer.push()
    counts = account.registry.status_counts()
    assert 0 < first < 1000
    assert (counts["synced"], counts["pending"], counts["syncing"]) == (first, 1000 - first, 0)
    account.close()

    again = laptop(proxy, root)
    push_all(again)
    assert centre_counts(centre) == (1000, 1000, 0)
    assert again.registry.status_counts()["synced"] == 1000
    again.close()
