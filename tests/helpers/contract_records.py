"""A valid record for rule tests, and ways to build ID and certificate numbers."""

from __future__ import annotations

from datetime import date
from typing import Any

from sync.contract.idcard import check_digit

TODAY = date(2024, 12, 31)


def id_number(born: date, sequence: int = 123, area: str = "620102") -> str:
    """A valid ID number (odd sequence: a man)."""
    body = f"{area}{born:%Y%m%d}{sequence:03d}"
    return body + check_digit(body)


def valid_record() -> dict[str, Any]:
    """A record that breaks no rule and that every conditional rule applies to."""
    person = id_number(date(1998, 5, 20))
    return {
        "record_id": "0f8fad5b-d9cb-469f-a165-70867728950e",
        "name": "马小军",
        "id_number": person,
        "disability_cert_number": person + "42",
        "disability_category": 4,
        "disability_level": 2,
        "hukou_type": 2,
        "region_code": "620102001",
        "village": "五里铺社区",
        "address": "城关区某路1号",
        "phone": "13912345678",
        "education": 6,
        "poverty_registered": False,
        "employment_status": 1,
        "employment_form": 3,
        "employment_date": "2022-07-01",
        "employer": "个体经营",
        "unemployment_reason": None,
        "employment_intention": None,
        "training_need": True,
        "trainings": [{"year": 2023, "type": 1, "period": 3, "provider": "县残联"}],
        "graduate": True,
        "graduation_year": 2021,
        "graduate_school": "兰州大学",
        "graduate_major": "会计",
        "graduate_degree": 2,
        "graduate_status": 1,
        "survey_date": "2024-03-05",
        "surveyor": "李四",
    }
