"""The review call of the field client: ``POST /reviews``, one review per request.

It rides on :class:`~sync.client.transport.CentralClient`'s one request path (retries,
compression, typed errors). It is a *sized* call, like push: a request the link cuts after
it started raises LinkDroppedError, so the caller's LinkSizer waits and sends it again.
Sending a review again is safe: the centre answers a replayed op_id with its first answer
and writes nothing.
"""

from __future__ import annotations

import orjson

from sync.client.link import Exchange
from sync.client.transport import CentralClient, _exchange_of, _parse
from sync.contract.review_wire import Approval, Return, ReviewResponse


def send_review(
    client: CentralClient, review: Approval | Return
) -> tuple[ReviewResponse, Exchange]:
    """Post one review; the centre's answer and what the request carried."""
    body = orjson.dumps(review.model_dump(mode="json"))
    response = client._request("POST", "/reviews", content=body, sized=True)
    return _parse(ReviewResponse, response), _exchange_of(response, body)
