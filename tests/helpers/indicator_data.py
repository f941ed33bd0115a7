"""Small hand-made data sets for the indicator and report tests.

A database of the shared table shape (SQLite file, or a private schema on the test
PostgreSQL server so that parallel tests never meet), ID numbers with a chosen birth date and
gender, and a compact way to insert records and reference rows.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, text

from sync.contract.indicators import RegistryTables
from sync.contract.tables import NAMING_CONVENTION
from tests.helpers.fixtures import postgres_url

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_serial = itertools.count(1)


def id_number(birth: date, *, male: bool, region: str = "620102") -> str:
    """A valid 18-character ID number for a person born on ``birth``."""
    seq = next(_serial) % 50
    gender_digit = (2 * seq + 1) if male else (2 * seq)
    body = f"{region}{birth:%Y%m%d}{seq // 5 % 10}{seq % 10}{gender_digit % 10}"
    check = _CHECK[sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True)) % 11]
    return body + check


@dataclass
class Registry:
    """A database with the shared tables, and inserts for tests."""

    engine: Engine
    tables: RegistryTables

    def add(
        self, region_code: str = "620102", *, trainings: tuple[int, ...] = (), **fields: Any
    ) -> str:
        """Insert one record (defaults: a working-age man surveyed 2024-03-01); its id."""
        record_id = str(uuid.uuid4())
        row: dict[str, Any] = {
            "record_id": record_id,
            "name": "张三",
            "id_number": id_number(date(1980, 5, 5), male=True),
            "region_code": region_code,
            "hukou_type": 1,
            "employment_status": 2,
            "survey_date": date(2024, 3, 1),
            "deleted": False,
            "graduate": False,
            "poverty_registered": False,
            "created_at": datetime(2024, 3, 1, 2, 0, tzinfo=UTC),
        }
        row.update(fields)
        with self.engine.begin() as conn:
            conn.execute(self.tables.records.insert(), [row])
            if trainings:
                conn.execute(
                    self.tables.trainings.insert(),
                    [
                        {"record_id": record_id, "position": i, "year": y, "type": 1}
                        for i, y in enumerate(trainings)
                    ],
                )
        return record_id

    def base(self, region_code: str, year: int, value: int) -> None:
        """A base population row."""
        with self.engine.begin() as conn:
            conn.execute(
                self.tables.base_population.insert(),
                [{"region_code": region_code, "year": year, "working_age_disabled": value}],
            )

    def target(self, region_code: str, year: int, indicator: str, value: int) -> None:
        """A target row."""
        with self.engine.begin() as conn:
            conn.execute(
                self.tables.targets.insert(),
                [
                    {
                        "region_code": region_code,
                        "year": year,
                        "indicator": indicator,
                        "target": value,
                    }
                ],
            )


@contextmanager
def registry(kind: str, tmp_path: Path) -> Iterator[Registry]:
    """A fresh registry database of ``kind`` ('sqlite' or 'postgres')."""
    if kind == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'registry.db'}")
        metadata = MetaData(naming_convention=NAMING_CONVENTION)
        schema = None
    else:
        url = postgres_url()
        assert url is not None
        engine = create_engine(url)
        schema = f"h4_{uuid.uuid4().hex[:12]}"
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        metadata = MetaData(naming_convention=NAMING_CONVENTION, schema=schema)
    tables = RegistryTables.define(metadata)
    metadata.create_all(engine)
    try:
        yield Registry(engine, tables)
    finally:
        if schema is not None:
            with engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@dataclass(frozen=True)
class Place:
    """A region of the small test tree (the shape of sync.contract.regions.Region)."""

    code: str
    name: str
    short_name: str
    parent_code: str | None
    level: str


class SmallTree:
    """A region tree from a handful of rows: province 62, prefectures, counties, townships."""

    def __init__(self, rows: list[tuple[str, str, str, str | None, str]]) -> None:
        self._places = {r[0]: Place(*r) for r in rows}

    def get(self, code: str) -> Place | None:
        return self._places.get(code)

    def children(self, code: str) -> list[Place]:
        return sorted(
            (p for p in self._places.values() if p.parent_code == code), key=lambda p: p.code
        )

    def descendants(self, code: str) -> list[Place]:
        found: list[Place] = []
        for child in self.children(code):
            found.append(child)
            found.extend(self.descendants(child.code))
        return found


SMALL_TREE = SmallTree(
    [
        ("620000", "甘肃省", "甘肃", None, "province"),
        ("620100", "兰州市", "兰州", "620000", "prefecture"),
        ("620102", "城关区", "", "620100", "county"),
        ("620102001", "城关一街道", "", "620102", "township"),
        ("620102002", "城关二街道", "", "620102", "township"),
        ("620103", "七里河区", "", "620100", "county"),
        ("620200", "嘉峪关市", "嘉峪关", "620000", "prefecture"),
        ("620201", "嘉峪关市", "", "620200", "county"),
        ("622900", "临夏回族自治州", "临夏", "620000", "prefecture"),
        ("622901", "临夏市", "", "622900", "county"),
    ]
)


def smallest_pair(rate_text: str, *, at_least: int = 1) -> tuple[int, int]:
    """The smallest (numerator, denominator) whose rounded rate is ``rate_text``."""
    from decimal import Decimal

    from sync.contract.indicators import rate

    wanted = Decimal(rate_text)
    for denominator in itertools.count(1):
        guess = round(denominator * float(wanted) / 100)
        for numerator in (guess - 1, guess, guess + 1):
            if numerator >= at_least and rate(numerator, denominator) == wanted:
                return numerator, denominator
    raise AssertionError("unreachable")


def denominator_for(numerator: int, rate_text: str) -> int | None:
    """A denominator giving ``rate_text`` with this numerator, if there is one."""
    from decimal import Decimal

    from sync.contract.indicators import rate

    wanted = Decimal(rate_text)
    guess = round(numerator * 100 / float(wanted))
    for denominator in (guess - 1, guess, guess + 1):
        if denominator > 0 and rate(numerator, denominator) == wanted:
            return denominator
    return None
