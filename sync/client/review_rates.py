"""The centre's review and return rates (审核率, 退回率) of a region, for the 统计 of county,
city and province staff (docs/indicators.md).

A laptop cannot count them itself: it keeps each record's latest review only, with no
history of returns and no time of earlier versions, so it cannot tell "returned at least
once" nor the state at a past quarter's end. The figures are the centre's own, read from
the report JSON of ``GET /reports/indicators`` (its ``reviews``, per region and child),
so the laptop shows what the 通报 shows. Offline there are none to fetch:
:class:`ReviewRatesOfflineError` says so.
"""

from __future__ import annotations

from sync.client.errors import NeedsNetworkError, NetworkError, ServerError
from sync.client.transport import CentralClient, _json
from sync.contract.indicator_values import Period
from sync.contract.review_rates import ReviewCounts, ReviewRates


class ReviewRatesOfflineError(NeedsNetworkError):
    """The review and return rates are counted at the centre: they need the network."""

    user_message = "审核率和退回率由中心统计，需要联网：无法连接中心服务器。"


def fetch_review_rates(client: CentralClient, region: str, period: Period) -> ReviewRates:
    """The review and return rates of ``region`` and its children for ``period``."""
    params: dict[str, str | int] = {"year": period.year, "region": region}
    if period.quarter is not None:
        params["quarter"] = period.quarter
    try:
        response = client._request("GET", "/reports/indicators", params=params)
    except NetworkError as exc:
        raise ReviewRatesOfflineError(exc.detail) from None
    data = _json(response)
    try:
        if not isinstance(data, dict) or "reviews" not in data:
            raise ValueError("no reviews in the report (a centre without reviews)")
        children = {
            str(child["region"]["code"]): ReviewCounts.from_json(child["reviews"])
            for child in data["children"]
        }
        return ReviewRates(period.end, ReviewCounts.from_json(data["reviews"]), children)
    except (ValueError, KeyError, TypeError) as exc:
        where = response.request.url.path
        raise ServerError(f"{where}: unexpected answer ({exc})") from None
