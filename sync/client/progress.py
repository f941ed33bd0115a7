"""The progress call of the field client: ``GET /progress`` for county, city and province
staff (docs/protocol.md), shown in 统计's 进度 page.

It rides on :class:`~sync.client.transport.CentralClient`'s one request path. The figures
are the centre's: offline there are none to fetch, which :class:`ProgressOfflineError`
says; a region the account may not follow or that the centre does not know is
:class:`ProgressRefusedError`.
"""

from __future__ import annotations

from sync.client.errors import ClientError, NeedsNetworkError, NetworkError, ServerError
from sync.client.transport import CentralClient, _parse
from sync.contract.progress_wire import ProgressResponse


class ProgressOfflineError(NeedsNetworkError):
    """The progress is counted at the centre: it needs the network."""

    user_message = "查看进度需要联网：无法连接中心服务器，请联网后再试。"


class ProgressRefusedError(ClientError):
    """The centre will not give this account the progress of the region asked about."""

    user_message = "中心服务器不提供这个地区的进度：只有县、市、省级账户可以查看本辖区的进度。"

    def __str__(self) -> str:
        return self.user_message


def fetch_progress(client: CentralClient, year: int, region: str | None = None) -> ProgressResponse:
    """The round's progress of ``region`` (default: the account's own) in ``year``, today."""
    params: dict[str, str | int] = {"year": year}
    if region is not None:
        params["region"] = region
    try:
        response = client._request("GET", "/progress", params=params)
    except NetworkError as exc:
        raise ProgressOfflineError(exc.detail) from None
    except ServerError as exc:
        if exc.status in (403, 404):
            raise ProgressRefusedError(exc.reason or str(exc.status)) from None
        raise
    return _parse(ProgressResponse, response)
