"""The fast push-body parser agrees with the contract's pydantic model on every body it takes."""

from __future__ import annotations

import uuid
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sync.central.push_body import Envelope, from_model, parse_fast
from sync.contract.protocol import PushRequest

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=70),
    st.sampled_from(
        [
            "2026-03-01T08:00:00Z",
            "2026-03-01T08:00:00.123456+08:00",
            "2026-03-01",
            "2026-13-01T00:00:00Z",
            "2026-02-30T08:00:00Z",
            "2026-03-01T24:00:00Z",
            "2026-03-01T08:00:60Z",
            "2026-03-01T08:00:00+25:00",
            "2026-03-01T08:00:00-00:00",
            "2026-03-01T08:00:00.1234567Z",
            "2026-03-01t08:00:00z",
            "2026-03-01 08:00:00+08:00",
            "0000-01-01T00:00:00Z",
            "1700000000",
            "",
            "x" * 64,
            "x" * 65,
        ]
    ),
    st.just({}),
    st.just([]),
)
_OP_KEYS = ["op_id", "record_id", "base_version", "record", "created_at", "updated_at", "other"]


def _op() -> st.SearchStrategy[dict[str, Any]]:
    valid = st.fixed_dictionaries(
        {
            "op_id": st.uuids().map(str),
            "record_id": st.uuids().map(str),
            "record": st.dictionaries(st.text(max_size=8), _VALUES, max_size=4),
        },
        optional={
            "base_version": st.one_of(st.none(), st.integers(min_value=0, max_value=9)),
            "created_at": st.sampled_from(
                [
                    None,
                    "2026-03-01T08:00:00Z",
                    "2026-03-01",
                    "2026-03-01T08:00:00.5-05:30",
                    "2026-02-29T08:00:00Z",
                    "2024-02-29T23:59:59.999999+14:00",
                ]
            ),
        },
    )
    broken = st.dictionaries(st.sampled_from(_OP_KEYS), _VALUES, max_size=7)
    return st.one_of(valid, broken)


def _body() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.fixed_dictionaries(
            {"device_id": st.text(min_size=1, max_size=10), "ops": st.lists(_op(), max_size=3)},
            optional={"rules_version": st.one_of(st.none(), st.text(max_size=70))},
        ),
        st.dictionaries(st.sampled_from(["device_id", "ops", "rules_version", "x"]), _VALUES),
        _VALUES,
    )


def _pydantic(raw: bytes) -> Envelope | None:
    try:
        return from_model(PushRequest.model_validate_json(raw))
    except ValidationError:
        return None


@settings(max_examples=300, deadline=None)
@given(_body())
def test_a_body_taken_fast_is_one_pydantic_takes_the_same_way(body: Any) -> None:
    try:
        raw = orjson.dumps(body)
    except TypeError:  # an integer beyond 64 bits: orjson cannot write it
        return
    fast = parse_fast(raw)
    if fast is not None:
        assert _pydantic(raw) == fast


def _valid_body(**op: Any) -> dict[str, Any]:
    record_id = str(uuid.uuid4())
    the_op = {"op_id": str(uuid.uuid4()), "record_id": record_id, "record": {"a": 1}, **op}
    return {"device_id": "laptop-1", "rules_version": None, "ops": [the_op]}


def test_a_plain_body_takes_the_fast_path_with_its_times() -> None:
    body = _valid_body(base_version=2, created_at="2026-03-01T08:00:00+08:00")
    fast = parse_fast(orjson.dumps(body))
    assert fast is not None
    assert fast == _pydantic(orjson.dumps(body))
    assert fast.ops[0].created_at is not None
    assert fast.ops[0].created_at.hour == 8
    assert fast.ops[0].base_version == 2


@pytest.mark.parametrize(
    "change",
    [
        {"base_version": True},
        {"base_version": 1.0},
        {"base_version": -1},
        {"created_at": 1700000000},
        {"created_at": "not a time"},
        {"op_id": ""},
        {"record_id": "x" * 37},
        {"record": []},
        {"extra": 1},
    ],
)
def test_anything_unusual_goes_to_pydantic(change: dict[str, Any]) -> None:
    assert parse_fast(orjson.dumps(_valid_body(**change))) is None


def test_json_orjson_refuses_goes_to_pydantic() -> None:
    assert parse_fast(b'{"device_id": "d", "ops": [], "rules_version": NaN}') is None
    assert parse_fast(b"not json") is None
    assert parse_fast(b'{"device_id": "d", "ops": [], "n": 123456789012345678901234567890}') is None


@pytest.mark.parametrize(
    "when",
    [
        "2026-03-01T08:00:00Z",
        "2026-03-01T08:00:00.5-05:30",
        "2024-02-29T23:59:59.999999+14:00",
        "2026-03-01T08:00:00-00:00",
        "2026-02-30T08:00:00Z",
        "2026-03-01T24:00:00Z",
        "2026-03-01T08:00:60Z",
        "2026-03-01T08:00:00+25:00",
        "0000-01-01T00:00:00Z",
        "2026-03-01t08:00:00z",
    ],
)
def test_a_time_read_fast_is_the_instant_pydantic_reads(when: str) -> None:
    raw = orjson.dumps(_valid_body(created_at=when, updated_at=when))
    fast, model = parse_fast(raw), _pydantic(raw)
    if fast is None:
        return  # pydantic judges it, as the route does
    assert model is not None
    assert fast.ops[0].created_at == model.ops[0].created_at
    assert fast.ops[0].created_at.utcoffset() == model.ops[0].created_at.utcoffset()


@pytest.mark.parametrize(
    ("name", "when"),
    [
        ("created_at", "0001-01-01T00:00:00+14:00"),
        ("updated_at", "9999-12-31T23:59:59-14:00"),
        ("created_at", "1899-12-31T23:59:59.999999Z"),
        ("updated_at", "3000-01-01T00:00:00Z"),
        ("created_at", "0001-01-01T00:00+14:00"),  # not RFC 3339: pydantic reads it
    ],
)
def test_a_time_out_of_bounds_is_named_and_dropped_by_both_readers(name: str, when: str) -> None:
    raw = orjson.dumps(_valid_body(**{name: when}))
    model = _pydantic(raw)
    assert model is not None
    [op] = model.ops
    assert (op.out_of_range, op.created_at, op.updated_at) == (name, None, None)
    fast = parse_fast(raw)
    assert fast is None or fast == model
