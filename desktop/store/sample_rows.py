"""Synced sample records written straight into a store's table, many at a time.

For the benchmarks (the record list over 500,000 records) and the list tests: one
``executemany``, no validation, no outbox. Real records go through ``Registry.save_record``.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import Engine

from desktop.store import schema
from sync.contract.idcard import check_digit

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"
_COLUMNS = (
    "record_id, name, id_number, disability_cert_number, disability_category, "
    "disability_level, hukou_type, region_code, employment_status, survey_date, state, "
    "created_at, updated_at, deleted, needs_correction"
)


def bulk_insert(
    engine: Engine,
    n: int,
    *,
    seed: int = 1,
    region: str = "620102",
    years: Sequence[int] = (2024,),
) -> None:
    """Insert ``n`` synced records straight into the store's table (one executemany).

    ``years``: the survey years, in equal blocks in the order given; a block's records were
    last edited in its year, one second apart (as a year's round leaves them).
    """
    rng = random.Random(seed)
    townships = [f"{region}{i:03d}" for i in range(1, 10)]
    rows: list[tuple[Any, ...]] = []
    for i in range(n):
        born = date(1965, 1, 1) + timedelta(days=rng.randrange(18_000))
        body = f"{region}{born:%Y%m%d}{i % 1000:03d}"
        id_number = body + check_digit(body)
        name = rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.randint(1, 2)))
        category, level = rng.randint(1, 7), rng.randint(1, 4)
        year = years[i * len(years) // n]
        survey = (date(year, 1, 1) + timedelta(days=rng.randrange(300))).isoformat()
        record_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        doc = {
            "record_id": record_id,
            "name": name,
            "id_number": id_number,
            "disability_cert_number": f"{id_number}{category}{level}",
            "disability_category": category,
            "disability_level": level,
            "hukou_type": rng.randint(1, 2),
            "region_code": rng.choice(townships),
            "employment_status": 2,
            "unemployment_reason": 4,
            "survey_date": survey,
            "village": "第3村民小组",
            "trainings": [],
        }
        stamp = (datetime(year, 1, 1, tzinfo=UTC) + timedelta(seconds=i)).isoformat(sep=" ")
        rows.append(
            (
                record_id,
                name,
                id_number,
                doc["disability_cert_number"],
                category,
                level,
                doc["hukou_type"],
                doc["region_code"],
                2,
                survey,
                "synced",
                stamp,
                stamp,
                0,
                0,
                orjson.dumps(doc).decode(),
            )
        )
    with engine.begin() as conn:
        # Random UUID keys touch index pages all over the file: a large page cache keeps
        # them in memory for the one transaction instead of re-encrypting them again and
        # again (the default cache holds 8 MB).
        conn.exec_driver_sql("PRAGMA cache_size=-400000")
        if "doc" in schema.records.c:
            marks = ", ".join("?" * len(rows[0])) if rows else ""
            conn.exec_driver_sql(f"INSERT INTO records ({_COLUMNS}, doc) VALUES ({marks})", rows)
        else:
            # Schema v3 keeps the JSON in its own table beside the row.
            narrow = [row[:-1] for row in rows]
            marks = ", ".join("?" * len(narrow[0])) if narrow else ""
            conn.exec_driver_sql(f"INSERT INTO records ({_COLUMNS}) VALUES ({marks})", narrow)
            conn.exec_driver_sql(
                "INSERT INTO record_docs (record_id, doc) VALUES (?, ?)",
                [(row[0], row[-1]) for row in rows],
            )
        conn.exec_driver_sql("PRAGMA cache_size=-2000")
