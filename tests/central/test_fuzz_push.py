"""Hypothesis throws generated bodies at the real server's push: never a 500."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.contract.fields import RECORD_FIELDS
from tests.helpers.accounts import Accounts
from tests.helpers.central_records import records_in

_NAMES = [f.name for f in RECORD_FIELDS]
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=40)
    | st.sampled_from(["620102001", "620201", "2024-02-30", "1e309", "' OR 1=1 --", "\x00"])
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_BASE = records_in(["620102001"], 1, seed=90)[0]


@st.composite
def _records(draw: st.DrawFn) -> dict[str, Any]:
    """A plausible record with some fields replaced, dropped or added."""
    record = dict(_BASE)
    record["record_id"] = str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1))))
    for name in draw(st.lists(st.sampled_from(_NAMES), max_size=5)):
        record[name] = draw(_JSON)
    for name in draw(st.lists(st.sampled_from(_NAMES), max_size=2)):
        record.pop(name, None)
    if draw(st.booleans()):
        record[draw(st.text(min_size=1, max_size=10))] = draw(_JSON)
    return record


@st.composite
def _ops(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(_JSON)
    record = draw(_records())
    body: dict[str, Any] = {
        "op_id": draw(st.text(max_size=70) | st.just(str(uuid.uuid4()))),
        "record_id": draw(st.just(record.get("record_id")) | _JSON),
        "base_version": draw(st.none() | st.integers(-3, 2**65)),
        "record": record,
    }
    if draw(st.booleans()):
        body["updated_at"] = draw(st.text(max_size=30) | st.just("2024-01-01T00:00:00Z"))
    return body


@st.composite
def _bodies(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(_JSON)
    body: dict[str, Any] = {
        "device_id": draw(st.text(min_size=1, max_size=70) | _JSON),
        "ops": draw(st.lists(_ops(), max_size=4)),
    }
    if draw(st.booleans()):
        body["rules_version"] = draw(_JSON)
    return body


@pytest.mark.slow
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=_bodies())
def test_push_never_answers_500(shared: Accounts, body: Any) -> None:
    # The stdlib encoder: it writes huge integers, Infinity and escaped lone surrogates.
    content = json.dumps(body).encode("ascii")
    with shared.server.client(shared.worker) as client:
        response = client.post(
            "/sync/push", content=content, headers={"Content-Type": "application/json"}
        )
    assert response.status_code < 500, response.text
    answer = response.json()
    if response.status_code == 200:
        statuses = {r["status"] for r in answer["results"]}
        assert statuses <= {"accepted", "rejected", "conflict", "forbidden"}
        assert len(answer["results"]) == len(body["ops"])
    else:
        assert answer["detail"]
