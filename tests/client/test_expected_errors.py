"""One base for the errors the environment causes, told from bugs by one isinstance."""

from __future__ import annotations

from desktop.store import RecordNotFoundError, StoreError
from sync.client import ClientError, ExpectedError, NetworkError
from sync.client.accounts import AccountsOfflineError
from sync.client.errors import NeedsNetworkError
from sync.client.progress import ProgressOfflineError
from sync.client.review_rates import ReviewRatesOfflineError


def test_store_and_client_errors_share_one_base_and_stay_apart() -> None:
    assert issubclass(StoreError, ExpectedError)
    assert issubclass(ClientError, ExpectedError)
    assert not issubclass(StoreError, ClientError)
    assert not issubclass(ClientError, StoreError)
    assert str(RecordNotFoundError("r-1")) == "找不到该记录。(No such record.) r-1"
    assert str(NetworkError()) == "无法连接中心服务器，请检查网络后重试。(Network unavailable.)"
    assert NetworkError().detail == ""


def test_what_lives_at_the_centre_says_offline_by_its_own_message_alone() -> None:
    shown = {
        AccountsOfflineError: "账户管理需要联网：无法连接中心服务器，请联网后再试。",
        ProgressOfflineError: "查看进度需要联网：无法连接中心服务器，请联网后再试。",
        ReviewRatesOfflineError: "审核率和退回率由中心统计，需要联网：无法连接中心服务器。",
    }
    for kind, message in shown.items():
        error = kind("connection refused")
        assert isinstance(error, NeedsNetworkError)
        assert isinstance(error, NetworkError)
        assert str(error) == message
        assert error.detail == "connection refused"
