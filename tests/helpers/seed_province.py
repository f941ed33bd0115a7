"""A small province data set from which the seed report's rates follow (2020, 甘肃).

The seed counts 334,101 of 451,257 entries, too many rows for a unit test, so each region's
numerator and denominator are the smallest pair that rounds to the seed's rate, and the
province's own reference rows make its totals round to the seed's provincial rates. Each
indicator gets its own records: records for the other indicators belong to persons past
working age (born 1950), so that they never count as entries.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sync.contract.regions import default_tree
from tests.helpers.indicator_data import (
    Registry,
    denominator_for,
    id_number,
    smallest_pair,
)

YEAR = 2020
PROVINCE = "620000"
FILLER = "兰州"  # absorbs what the provincial totals need; always at or above its threshold
SHORT: dict[str, str] = {}  # short name -> prefecture code, filled on first use

ENTRY = {"嘉峪关": "77.63", "庆阳": "76.26", "临夏": "73.92", "甘南": "66.94", "天水": "62.95",
         "平凉": "60.47", "陇南": "57.33"}  # fmt: skip
URBAN = {"临夏": "93.26"}
RURAL = {"临夏": "80"}
TRAINING = {"庆阳": "99.6", "临夏": "34.12"}
SURVEY = {"天水": "95.58", "甘南": "83.33", "临夏": "61.43"}
JOBS = {"天水": "78.26", "陇南": "70.91", "庆阳": "61.36", "嘉峪关": "0", "临夏": "0"}
TOTALS = {
    "entry_rate": "74.04",
    "urban_new_employment": "116.38",
    "rural_new_employment": "138.89",
    "new_training": "133.03",
    "graduate_survey": "95.53",
    "graduate_employment": "48.01",
}


def prefectures() -> dict[str, str]:
    """Short name -> code of the 14 prefectures."""
    if not SHORT:
        tree = default_tree()
        SHORT.update({r.short_name: r.code for r in tree.children(PROVINCE)})
    return SHORT


def _county(prefecture: str) -> str:
    return default_tree().children(prefecture)[0].code


def _pairs(named: dict[str, str], total: str) -> tuple[dict[str, tuple[int, int]], int]:
    """Per prefecture (numerator, denominator) and the province's own denominator."""
    pairs = {short: smallest_pair(rate) for short, rate in named.items()}
    for short in prefectures():
        pairs.setdefault(short, (1, 1))
    while True:
        province = denominator_for(sum(n for n, _ in pairs.values()), total)
        if province is not None:
            return pairs, province
        n, _ = pairs[FILLER]
        pairs[FILLER] = (n + 1, n + 1)


def _graduate_jobs() -> dict[str, tuple[int, int]]:
    """(employed, due) per prefecture so that the province rounds to 48.01%."""
    jobs = {short: smallest_pair(rate) if rate != "0" else (0, 1) for short, rate in JOBS.items()}
    for short in prefectures():
        jobs.setdefault(short, (1, 2))
    del jobs[FILLER]
    employed, due = (sum(v[i] for v in jobs.values()) for i in (0, 1))
    for b in range(1, 1000):
        for a in range(1, b):
            if 5 * a < 3 * b and denominator_for(employed + a, TOTALS["graduate_employment"]) == (
                due + b
            ):
                jobs[FILLER] = (a, b)
                return jobs
    raise AssertionError("no filler for graduate employment")


def _row(code: str, **fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "record_id": str(uuid.uuid4()),
        "name": "测试",
        "id_number": id_number(date(1950, 1, 1), male=True),
        "region_code": _county(code),
        "hukou_type": 1,
        "employment_status": 2,
        "survey_date": date(YEAR, 5, 1),
        "deleted": False,
        "graduate": False,
        "poverty_registered": False,
    }
    row.update(fields)
    return row


def build(reg: Registry) -> None:
    """Insert the records and reference rows of the seed's province into ``reg``."""
    codes = prefectures()
    records: list[dict[str, Any]] = []
    trainings: list[dict[str, Any]] = []
    base: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []

    entry, province_base = _pairs(ENTRY, TOTALS["entry_rate"])
    for short, (n, d) in entry.items():
        young = id_number(date(1980, 1, 1), male=False)
        records += [_row(codes[short], id_number=young) for _ in range(n)]
        base.append({"region_code": codes[short], "year": YEAR, "working_age_disabled": d})
    base.append({"region_code": PROVINCE, "year": YEAR, "working_age_disabled": province_base})

    def target(code: str, indicator: str, value: int) -> None:
        targets.append({"region_code": code, "year": YEAR, "indicator": indicator, "target": value})

    employed = {"employment_status": 1, "employment_date": date(YEAR, 3, 1)}
    for indicator, named, hukou in (
        ("urban_new_employment", URBAN, 1),
        ("rural_new_employment", RURAL, 2),
    ):
        pairs, province = _pairs(named, TOTALS[indicator])
        for short, (n, d) in pairs.items():
            records += [_row(codes[short], hukou_type=hukou, **employed) for _ in range(n)]
            target(codes[short], indicator, d)
        target(PROVINCE, indicator, province)

    pairs, province = _pairs(TRAINING, TOTALS["new_training"])
    for short, (n, d) in pairs.items():
        for _ in range(n):
            row = _row(codes[short])
            records.append(row)
            trainings.append({"record_id": row["record_id"], "position": 0, "year": YEAR})
        target(codes[short], "new_training", d)
    target(PROVINCE, "new_training", province)

    jobs = _graduate_jobs()
    survey = {s: smallest_pair(r, at_least=jobs[s][1]) for s, r in SURVEY.items()}
    for short in codes:
        survey.setdefault(short, (max(jobs[short][1], 1),) * 2)  # type: ignore[arg-type]
    while (province := denominator_for(sum(n for n, _ in survey.values()), "95.53")) is None:
        n, _ = survey[FILLER]
        survey[FILLER] = (n + 1, n + 1)
    for short, (n, d) in survey.items():
        a, b = jobs[short]
        statuses = [1] * a + [2] * (b - a) + [3] * (n - b)
        graduate = {"graduate": True, "graduation_year": YEAR}
        records += [_row(codes[short], graduate_status=s, **graduate) for s in statuses]
        target(codes[short], "graduate_survey", d)
    target(PROVINCE, "graduate_survey", province)

    # One executemany takes its columns from the first row: give every row every key.
    keys = {key for row in records for key in row}
    records = [{key: row.get(key) for key in keys} for row in records]
    with reg.engine.begin() as conn:
        conn.execute(reg.tables.records.insert(), records)
        conn.execute(reg.tables.trainings.insert(), trainings)
        conn.execute(reg.tables.base_population.insert(), base)
        conn.execute(reg.tables.targets.insert(), targets)
