"""Generated valid records, for tests, benchmarks and the demo data of ``make run``."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sync.contract.certificate import certificate_number
from sync.contract.idcard import anniversary, check_digit
from sync.contract.ids import uuid7
from sync.contract.regions import default_tree

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文建国红梅志斌海燕春生福"
_PROVIDERS = ("县残联职业培训中心", "市职业技术学校", "乡镇农技站", "县就业服务中心")
_SCHOOLS = ("兰州大学", "西北师范大学", "甘肃农业大学", "兰州职业技术学院", "陇东学院")
_MAJORS = ("计算机应用", "会计", "康复治疗", "汉语言文学", "农学")


def _region_codes(region_codes: Sequence[str] | None) -> list[str]:
    tree = default_tree()
    if region_codes is not None:
        codes = list(region_codes)
        for code in codes:
            region = tree.get(code)
            if region is None or region.level not in ("county", "township"):
                raise ValueError(f"sample region {code!r} is not a county or township")
        return codes
    return [r.code for r in tree.all() if r.level in ("county", "township")]


def _id_number(rng: random.Random, area: str, born: date, male: bool) -> str:
    sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)
    body = f"{area}{born:%Y%m%d}{sequence:03d}"
    return body + check_digit(body)


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.8:
        return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
    return f"09{rng.randrange(31, 44)}-{rng.randrange(2_000_000, 9_999_999)}"


def sample_records(
    n: int,
    *,
    seed: int = 0,
    region_codes: Sequence[str] | None = None,
    survey_year: int = 2024,
) -> list[dict[str, Any]]:
    """``n`` valid records in canonical JSON form, the same for the same arguments.

    Region codes are counties and townships of the tree (or those given); about nine in ten
    persons are of working age on their survey date (the rest raise only a warning); about
    half are employed, one in ten is a graduate, one in three has trainings.
    """
    rng = random.Random(seed)
    codes = _region_codes(region_codes)
    today = date.today()
    first_day = date(survey_year, 1, 1)
    last_day = min(date(survey_year, 12, 31), today)
    span = max((last_day - first_day).days, 0)
    # Ids as a laptop makes them (sync.contract.ids): later records, later ids, a minute
    # apart from the start of the survey year.
    start_ms = int(datetime(survey_year, 1, 1, tzinfo=UTC).timestamp() * 1000)
    return [
        _record(rng, codes, survey_year, first_day, span, start_ms + i * 60_000) for i in range(n)
    ]


def _record(
    rng: random.Random, codes: list[str], year: int, first_day: date, span: int, made_ms: int
) -> dict[str, Any]:
    region = rng.choice(codes)
    survey = first_day + timedelta(days=rng.randint(0, span))
    male = rng.random() < 0.55
    age = rng.randint(17, 53) if rng.random() < 0.9 else rng.randint(56, 75)
    born = survey - timedelta(days=age * 365 + rng.randint(10, 350))
    id_number = _id_number(rng, region[:6], born, male)
    category, level = rng.randint(1, 7), rng.randint(1, 4)
    suffix = "B1" if rng.random() < 0.05 else ""
    employed = rng.random() < 0.5
    record: dict[str, Any] = {
        "record_id": uuid7(made_ms, rng.getrandbits(128)),
        "name": rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.randint(1, 2))),
        "id_number": id_number,
        "disability_cert_number": certificate_number(id_number, category, level, suffix),
        "disability_category": category,
        "disability_level": level,
        "hukou_type": rng.randint(1, 2),
        "region_code": region,
        "village": f"第{rng.randint(1, 12)}村民小组",
        "address": f"{rng.randint(1, 200)}号",
        "phone": _phone(rng) if rng.random() < 0.85 else None,
        "education": rng.randint(1, 7),
        "poverty_registered": rng.random() < 0.2,
        "employment_status": 1 if employed else 2,
        "employment_form": None,
        "employment_date": None,
        "employer": None,
        "unemployment_reason": None,
        "employment_intention": None if employed else rng.random() < 0.4,
        "training_need": rng.random() < 0.3,
        "trainings": [],
        "graduate": False,
        "graduation_year": None,
        "graduate_school": None,
        "graduate_major": None,
        "graduate_degree": None,
        "graduate_status": None,
        "survey_date": survey.isoformat(),
        "surveyor": rng.choice(_SURNAMES) + rng.choice(_GIVEN),
    }
    if employed:
        earliest = anniversary(born, 16)
        days = max((survey - earliest).days, 0)
        # Most started recently, so the new-employment indicators have something to count.
        back = rng.randint(0, min(days, 400)) if rng.random() < 0.6 else rng.randint(0, days)
        record["employment_form"] = rng.randint(1, 7)
        record["employment_date"] = (survey - timedelta(days=back)).isoformat()
        record["employer"] = rng.choice(("县福利厂", "个体经营", "乡镇公益岗", None))
    else:
        record["unemployment_reason"] = rng.randint(1, 7)
    if rng.random() < 0.33:
        record["trainings"] = [
            {
                "year": rng.randint(max(year - 3, born.year + 16, 1980), year),
                "type": rng.randint(1, 4),
                "period": rng.choice((1, 2, 3, None)),
                "provider": rng.choice(_PROVIDERS),
            }
            for _ in range(rng.randint(1, 2))
        ]
    if 21 <= age <= 35 and rng.random() < 0.25:
        record["graduate"] = True
        record["graduation_year"] = rng.randint(max(born.year + 19, year - 5), year)
        record["graduate_school"] = rng.choice(_SCHOOLS)
        record["graduate_major"] = rng.choice(_MAJORS)
        record["graduate_degree"] = rng.randint(1, 3)
        record["graduate_status"] = rng.randint(1, 4)
    return record
