"""Sync over a simulated village link (tests/helpers/link_simulator.py) against the real centre.

Each case: a laptop pushes its queue through the link, a second laptop pulls it all through
the same link; the centre holds every record exactly once and nothing is left ``syncing``.
The queues are small (real slow links cost wall time); the cuts come early enough that
every case meets the fault it names.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from desktop.store import Account, Synchronizer, login_online
from desktop.store.roster import refresh_roster
from desktop.store.schema import roster
from desktop.store.settings import LAST_SYNC_FAILURE_KEY, LAST_SYNC_KEY
from desktop.store.survey_years import round_year
from desktop.ui.sync_control import sync_line
from sync.client import CentralClient, LinkDroppedError, RetryPolicy
from sync.contract.protocol import MAX_PULL_LIMIT
from tests.helpers.central import CentralProcess
from tests.helpers.client import (
    FAST,
    PASSWORD,
    KeyringFile,
    centre_counts,
    cli_laptop,
    start_sync,
    sync_again_after_kill,
    unique_samples,
)
from tests.helpers.link_simulator import LinkSimulator
from tests.helpers.roster_files import roster_people
from tests.helpers.roster_round import load_roster

PATIENT = RetryPolicy(attempts=8, base=0.05, cap=0.3)
# A stall is noticed after this long without a byte (the field default is 30 s).
QUICK_STALL = httpx.Timeout(connect=5.0, read=2.0, write=2.0, pool=5.0)


@pytest.fixture
def link(centre: CentralProcess) -> Iterator[LinkSimulator]:
    """A fast link in front of the centre, for the logins; each test slows it down."""
    simulator = LinkSimulator(centre.port, up=10e6, down=10e6, latency=0.0)
    yield simulator
    simulator.close()


def laptop(centre: CentralProcess, root: Path) -> Account:
    account, _ = login_online(root, centre.url, "county1", PASSWORD, retry=FAST)
    return account


def sync_over(account: Account, link: LinkSimulator) -> Synchronizer:
    """One full sync of ``account`` through ``link`` (reference, push, pull, spot checks)."""
    client = CentralClient(
        link.url, token=account.keyring.token(), retry=PATIENT, timeout=QUICK_STALL
    )
    with client:
        synchronizer = Synchronizer(account.registry, client)
        synchronizer.run()
    return synchronizer


@pytest.mark.parametrize(
    ("rate", "latency", "cut_after", "stall", "records"),
    [
        (8_000, 0.4, 16_000, False, 40),
        (16_000, 0.2, 64_000, True, 40),
        (32_000, 0.1, 16_000, False, 200),
    ],
    ids=["8kBps-400ms-cut16k", "16kBps-200ms-stall", "32kBps-100ms-cut16k"],
)
def test_the_queue_arrives_exactly_once_and_a_second_laptop_pulls_it(
    centre: CentralProcess,
    link: LinkSimulator,
    tmp_path: Path,
    test_keyring: KeyringFile,
    rate: int,
    latency: float,
    cut_after: int,
    stall: bool,
    records: int,
) -> None:
    first = laptop(centre, tmp_path / "first")
    second = laptop(centre, tmp_path / "second")
    first.registry.save_many(unique_samples(records, seed=rate))
    link.up = link.down = rate
    link.latency = latency
    link.cut_after = cut_after
    if stall:
        link.stall_after, link.stalls = 1_000, 1  # the first connection hangs mid-push
    started = time.monotonic()
    pushed = sync_over(first, link)
    assert centre_counts(centre) == (records, records, 0)
    assert first.registry.status_counts()["synced"] == records
    assert first.registry.status_counts()["syncing"] == 0
    assert first.registry.queue() == []
    if stall:
        assert link.stalled == 1
        assert pushed.push_sizer.in_flight == 1  # measured slow
    if records * 120 > cut_after:  # the queue is larger than one connection carries
        assert link.cuts >= 1

    pulled = sync_over(second, link)
    assert second.registry.status_counts()["synced"] == records
    assert pulled.pull_sizer.rate is not None
    # Well within the bytes' own time on this link (a loose bound: it is a test, not a bench).
    assert time.monotonic() - started < 10 + 6 * (link.bytes_up + link.bytes_down) / rate
    first.close()
    second.close()


def test_a_new_laptop_pulls_the_whole_roster_through_a_link_that_cuts_it(
    centre: CentralProcess, link: LinkSimulator, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    people = roster_people("620102001", 400, seed=11)
    load_roster(centre.db_url, tmp_path / "roster.csv", round_year(), people)
    fresh = laptop(centre, tmp_path / "new")
    link.up = link.down = 16_000
    link.latency = 0.2
    # Each roster request sends about 400 bytes: a connection is cut in its third.
    link.cut_after = 900
    client = CentralClient(link.url, token=fresh.keyring.token(), retry=PATIENT)
    with client:
        sizer = Synchronizer(fresh.registry, client).link_sizer(MAX_PULL_LIMIT)
        link.reset_counts()
        tally = refresh_roster(fresh.registry, client, sizer)
    assert link.cuts >= 1  # the pages went on after a cut
    # The sizer measured the roster's own pages: what a person costs on the wire, and a
    # rate no faster than the link.
    assert sizer.rate is not None
    assert sizer.rate <= 2 * 16_000, sizer.rate
    assert 10 <= sizer.bytes_per_item <= 150, sizer.bytes_per_item
    # Every person once: the cut pages were asked for again, none skipped, none counted twice.
    assert tally.received == len(people)
    with fresh.engine.connect() as conn:
        arrived = list(conn.execute(select(roster.c.id_number)).scalars())
    assert sorted(arrived) == sorted(p["id_number"] for p in people)
    fresh.close()


def test_a_sync_killed_mid_way_on_a_slow_link_then_run_again(
    centre: CentralProcess, link: LinkSimulator, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    data = tmp_path / "laptop"
    env = test_keyring.env
    cli_laptop(data, link.url, env, records=150, seed=31)
    link.up = link.down = 16_000
    link.latency = 0.6

    child = start_sync(data, env)
    deadline = time.monotonic() + 60
    while centre_counts(centre)[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)  # some batches are in, one is on its way
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    arrived = centre_counts(centre)[0]
    assert 0 < arrived < 150

    link.up = link.down = 10e6  # the signal is better now
    link.latency = 0.0
    sync_again_after_kill(centre, data, env, records=150)


@pytest.mark.usefixtures("chinese")
def test_the_last_good_sync_and_what_failed_since_are_kept_and_told(
    centre: CentralProcess, link: LinkSimulator, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    account = laptop(centre, tmp_path / "laptop")
    account.registry.save_many(unique_samples(3, seed=33))
    link.cut_after = 600  # no push, not even of one record, gets through
    with pytest.raises(LinkDroppedError):
        sync_over(account, link)
    settings = account.registry.settings
    assert settings.get(LAST_SYNC_FAILURE_KEY) == "dropping"
    assert settings.get(LAST_SYNC_KEY) is None
    assert account.registry.status_counts()["syncing"] == 0
    assert sync_line(None, "dropping") == (
        "网络连接不断中断，记录已保存在本机。请到信号较好的地方再同步。 尚未同步过"
    )
    assert sync_line(None, "unreachable").startswith("无法连接中心，记录已保存在本机")
    link.cut_after = None
    sync_over(account, link)
    assert settings.get(LAST_SYNC_FAILURE_KEY) is None
    line = sync_line(settings.get(LAST_SYNC_KEY), settings.get(LAST_SYNC_FAILURE_KEY))
    assert line.startswith("上次同步成功：20")
    account.close()
