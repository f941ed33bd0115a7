"""Annual rounds: a record is one person's survey in one year (docs/record-life.md).

The survey year of a record is the year of its ``survey_date``. At most one live record
holds an id_number in a survey year: the centre's unique index says so
(``uq_records_live_person_year``, over :class:`sync.contract.sql_dates.year_of`), and both
ends key a person's record of a year by :func:`person_year`. Records of other years are
other records, each with its own record_id. A year's reports read the records of that
survey year alone (:func:`in_survey_year`), so they never change when a later year is
surveyed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import and_
from sqlalchemy.sql import ColumnElement


def survey_year(record: Mapping[str, Any]) -> int | None:
    """The year of the record's ``survey_date`` (ISO text or a date); None without one."""
    value = record.get("survey_date")
    if isinstance(value, date):
        return value.year
    if isinstance(value, str) and len(value) >= 4 and value[:4].isascii() and value[:4].isdigit():
        return int(value[:4])
    return None


def person_year(record: Mapping[str, Any]) -> tuple[str, int] | None:
    """``(id_number, survey year)``: what one live record per person and year is keyed by;
    None when the record has no id_number or no survey date."""
    number = record.get("id_number")
    year = survey_year(record)
    if not isinstance(number, str) or year is None:
        return None
    return number, year


def in_survey_year(survey_date: ColumnElement[Any], year: int) -> ColumnElement[bool]:
    """SQL: the record's survey date lies in ``year`` (a range the planners can use)."""
    return and_(survey_date >= date(year, 1, 1), survey_date <= date(year, 12, 31))
