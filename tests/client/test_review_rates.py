"""Reading the centre's review and return rates from its report JSON: the request asked,
and an answer without them (a centre older than reviews) refused by name, not a traceback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sync.client import CentralClient, RetryPolicy, ServerError
from sync.client.review_rates import fetch_review_rates
from sync.contract.indicators import Period
from sync.contract.review_rates import ReviewCounts
from tests.helpers.scripted_server import Answer, ScriptedServer

REPORT = "/api/v1/reports/indicators"


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    yield scripted
    scripted.close()


def _client(server: ScriptedServer) -> CentralClient:
    return CentralClient(server.url, token="t0k3n", retry=RetryPolicy(attempts=1))


def test_the_figures_of_the_region_and_each_child(server: ScriptedServer) -> None:
    town = ReviewCounts(records=3, reviewed=3, ever_reviewed=3, returned=2)
    report = {
        "year": 2026,
        "reviews": ReviewCounts(5, 3, 4, 2).as_json(),
        "children": [{"region": {"code": "620102001"}, "reviews": town.as_json()}],
    }
    server.add(REPORT, Answer.json(report))
    with _client(server) as client:
        rates = fetch_review_rates(client, "620102", Period(2026, 2))
    assert (rates.end.isoformat(), rates.total, dict(rates.children)) == (
        "2026-06-30",
        ReviewCounts(5, 3, 4, 2),
        {"620102001": town},
    )
    assert server.seen[0].path == f"{REPORT}?year=2026&region=620102&quarter=2"


def test_a_report_without_review_figures_is_a_named_server_error(server: ScriptedServer) -> None:
    server.add(REPORT, Answer.json({"year": 2026, "children": []}))
    with _client(server) as client, pytest.raises(ServerError) as refused:
        fetch_review_rates(client, "620102", Period(2026))
    assert refused.value.detail == (
        f"{REPORT}: unexpected answer (no reviews in the report (a centre without reviews))"
    )
