"""What the 待同步 page says while a sync runs, in Chinese, for each of its phases."""

from __future__ import annotations

import pytest

from desktop.store.syncing import Progress
from desktop.ui.sync_control import progress_text


@pytest.mark.usefixtures("chinese")
@pytest.mark.parametrize(
    ("progress", "said"),
    [
        (Progress("push", 500, 2000, 0, 0, rate=25.0), "正在发送：500/2000 条，每秒 25.0 条"),
        (Progress("pull", 300, 300, 0, 0, rate=40.0), "正在接收：300 条，每秒 40.0 条"),
        (
            Progress("roster", 1200, 1200, 0, 0, rate=300.0),
            "正在接收调查底册：1200 人，每秒 300.0 人",
        ),
    ],
    ids=["push", "pull", "roster"],
)
def test_each_phase_of_a_sync_is_told_in_its_own_words(progress: Progress, said: str) -> None:
    assert progress_text(progress) == said
