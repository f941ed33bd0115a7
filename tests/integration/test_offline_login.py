"""After one online login the account unlocks offline with its password alone."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop.cli import _ProgressBar
from desktop.store import BadPasswordError, NoAccountError, Progress, login_online, unlock_offline
from tests.helpers.central import CentralProcess
from tests.helpers.client import PASSWORD, KeyringFile, unique_samples


def test_offline_unlock_after_one_online_login(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    root = tmp_path / "laptop"
    with pytest.raises(NoAccountError):
        unlock_offline(root, "county1", PASSWORD)
    account, answer = login_online(root, centre.url, "county1", PASSWORD)
    assert answer.user.region_code == "620102"
    assert account.keyring.token() == answer.token
    account.registry.save_many(unique_samples(3, seed=71))
    account.close()
    centre.stop()  # no network from here on

    with pytest.raises(BadPasswordError):
        unlock_offline(root, "county1", "not-the-password")
    offline = unlock_offline(root, "county1", PASSWORD)
    assert offline.registry.status_counts()["pending"] == 3
    assert offline.profile.role == "county"
    offline.close()


def test_the_progress_bar_shows_records_bytes_rate_and_time_left() -> None:
    out = io.StringIO()
    bar = _ProgressBar(out)
    bar(Progress("push", 500, 2000, 1_500_000, 6_000_000, rate=25.0, seconds_left=60.0))
    bar(Progress("pull", 30, 30, 0, 0))
    bar(Progress("roster", 1200, 1200, 0, 0, rate=300.0))
    bar.finish()
    text = out.getvalue()
    assert "500/2000" in text
    assert "1.5/6.0 MB" in text
    assert "#######" in text
    assert "每秒 25.0 条  约剩 60 秒" in text
    assert "拉取 30" in text
    assert "调查底册 1200 人  每秒 300.0 人" in text
