"""One base for the errors the environment causes, told from bugs by one isinstance."""

from __future__ import annotations

from desktop.store import RecordNotFoundError, StoreError
from sync.client import ClientError, ExpectedError, NetworkError


def test_store_and_client_errors_share_one_base_and_stay_apart() -> None:
    assert issubclass(StoreError, ExpectedError)
    assert issubclass(ClientError, ExpectedError)
    assert not issubclass(StoreError, ClientError)
    assert not issubclass(ClientError, StoreError)
    assert str(RecordNotFoundError("r-1")) == "找不到该记录。(No such record.) r-1"
    assert str(NetworkError()) == "无法连接中心服务器，请检查网络后重试。(Network unavailable.)"
    assert NetworkError().detail == ""
