"""Rules engine throughput: validate() and normalize() over sample records on one core.

The limit beside it is a bare pydantic model parse of the same records (a model with the
record's fields and types, no rules), measured in the same run: the cost of merely
checking types in the fastest common Python way.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from sync.contract import default_rules, normalize, validate
from sync.contract.fields import RECORD_FIELDS, TRAINING_FIELDS, Field
from sync.contract.samples import sample_records

_TYPES: dict[str, Any] = {
    "uuid": str,
    "text": str,
    "code": int,
    "int": int,
    "date": date,
    "bool": bool,
}


def _model() -> type[BaseModel]:
    def fields(of: tuple[Field, ...], trainings: Any = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in of:
            kind = list[trainings] if f.kind == "trainings" else _TYPES[f.kind]
            out[f.name] = (kind | None, None)
        return out

    config = ConfigDict(extra="forbid")
    training = create_model("Training", __config__=config, **fields(TRAINING_FIELDS))
    return create_model("Record", __config__=config, **fields(RECORD_FIELDS, training))


def _rate(n: int, work: Callable[[], object], repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return n / best


def run(size: int = 20_000) -> list[dict[str, Any]]:
    """Records per second for validate and normalize, beside a pydantic parse."""
    records = sample_records(size, seed=1)
    rules = default_rules()
    today = date(2024, 12, 31)
    model = _model()
    parse = model.model_validate

    pydantic_rate = _rate(size, lambda: [parse(r) for r in records])
    validate_rate = _rate(size, lambda: [validate(r, today=today, rules=rules) for r in records])
    normalize_rate = _rate(size, lambda: [normalize(r) for r in records])
    errors = sum(f.severity == "error" for r in records for f in validate(r, today=today))
    if errors:
        raise AssertionError(f"{errors} errors in sample records")
    limit_name = "pydantic model parse, same records"
    return [
        {
            "name": f"validate() {len(rules.rules)} rules, {size:,} records, 1 core",
            "figure": validate_rate,
            "unit": "records/s",
            "target": ">= 30,000",
            "limit": pydantic_rate,
            "limit_name": limit_name,
        },
        {
            "name": f"normalize() {size:,} records, 1 core",
            "figure": normalize_rate,
            "unit": "records/s",
            "target": "(none)",
            "limit": pydantic_rate,
            "limit_name": limit_name,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
