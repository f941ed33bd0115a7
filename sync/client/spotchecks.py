"""The spot-check calls of the field client: fetch one's assignments, send one's results.

They ride on :class:`~sync.client.transport.CentralClient`'s one request path, so retries,
gzip and the typed errors are the same as for push and pull. Sending results again is safe:
the centre replaces an assignment's verdicts with the ones sent last.
"""

from __future__ import annotations

from collections.abc import Sequence

import orjson

from sync.client.errors import ServerError
from sync.client.transport import CentralClient, _parse
from sync.contract.spotcheck_wire import (
    MAX_RESULTS_PER_POST,
    AssignmentResult,
    AssignmentsResponse,
    ResultOutcome,
    ResultsRequest,
    ResultsResponse,
)


def fetch_assignments(client: CentralClient) -> AssignmentsResponse:
    """The records drawn for the logged-in inspector, with read-only copies."""
    response = client._request("GET", "/spot-checks/assignments")
    return _parse(AssignmentsResponse, response)


def send_results(client: CentralClient, results: Sequence[AssignmentResult]) -> list[ResultOutcome]:
    """Send verdicts in batches the centre accepts; one outcome per result, in order."""
    outcomes: list[ResultOutcome] = []
    for start in range(0, len(results), MAX_RESULTS_PER_POST):
        batch = list(results[start : start + MAX_RESULTS_PER_POST])
        body = ResultsRequest(results=batch).model_dump(mode="json")
        response = client._request("POST", "/spot-checks/results", content=orjson.dumps(body))
        answer = _parse(ResultsResponse, response)
        if len(answer.results) != len(batch):
            raise ServerError(f"spot-check results: {len(answer.results)} for {len(batch)}")
        outcomes.extend(answer.results)
    return outcomes
