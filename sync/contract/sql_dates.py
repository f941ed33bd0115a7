"""Date arithmetic in SQL that runs the same on SQLite and PostgreSQL.

The indicators need a person's age on the survey date, derived from the ID number
(birth date = characters 7-14, gender = parity of character 17, docs/protocol.md).
Both dates are turned into the integer ``YYYYMMDD``; the difference of two such integers,
divided by 10,000, is the age in completed years. With that arithmetic a person born on
29 February turns a year older on 1 March in common years, which is also what
:func:`sync.contract.idcard.age_on` is checked against in the tests.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, case, cast, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

# Completed years as YYYYMMDD differences: 16 years = 160000.
WORKING_AGE_FROM = 16
WORKING_AGE_UNTIL_MALE = 59
WORKING_AGE_UNTIL_FEMALE = 54


class date_digits(FunctionElement[int]):  # noqa: N801 - SQL function names are lower case
    """A DATE column as the integer ``YYYYMMDD``."""

    type = Integer()
    inherit_cache = True
    name = "date_digits"


@compiles(date_digits)
def _date_digits_default(element: date_digits, compiler: SQLCompiler, **kw: Any) -> str:
    arg = compiler.process(element.clauses, **kw)
    return (
        f"(CAST(EXTRACT(YEAR FROM {arg}) AS INTEGER) * 10000"
        f" + CAST(EXTRACT(MONTH FROM {arg}) AS INTEGER) * 100"
        f" + CAST(EXTRACT(DAY FROM {arg}) AS INTEGER))"
    )


@compiles(date_digits, "sqlite")
def _date_digits_sqlite(element: date_digits, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLAlchemy stores SQLite dates as 'YYYY-MM-DD' text.
    arg = compiler.process(element.clauses, **kw)
    return f"CAST(replace({arg}, '-', '') AS INTEGER)"


@compiles(date_digits, "postgresql")
def _date_digits_postgresql(element: date_digits, compiler: SQLCompiler, **kw: Any) -> str:
    arg = compiler.process(element.clauses, **kw)
    return f"CAST(to_char({arg}, 'YYYYMMDD') AS INTEGER)"


class year_of(FunctionElement[int]):  # noqa: N801 - SQL function names are lower case
    """The year of a DATE column as an integer: the survey year of a record
    (:mod:`sync.contract.rounds`). Immutable on both databases, so an index may hold it."""

    type = Integer()
    inherit_cache = True
    name = "year_of"


@compiles(year_of)
def _year_of_default(element: year_of, compiler: SQLCompiler, **kw: Any) -> str:
    arg = compiler.process(element.clauses, **kw)
    return f"CAST(EXTRACT(YEAR FROM {arg}) AS INTEGER)"


@compiles(year_of, "sqlite")
def _year_of_sqlite(element: year_of, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLAlchemy stores SQLite dates as 'YYYY-MM-DD' text.
    arg = compiler.process(element.clauses, **kw)
    return f"CAST(substr({arg}, 1, 4) AS INTEGER)"


class unindexed(FunctionElement[str]):  # noqa: N801 - SQL function names are lower case
    """A column SQLite must not walk by its index (``+column``); the column elsewhere.

    For a GROUP BY over most of the table SQLite otherwise walks the column's index and
    looks every row up in the table (random reads): a full scan and a sort is faster.
    PostgreSQL chooses a hash aggregate by itself.
    """

    inherit_cache = True
    name = "unindexed"


@compiles(unindexed)
def _unindexed_default(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.clauses, **kw)


def birth_digits(id_number: ColumnElement[Any]) -> ColumnElement[int]:
    """The birth date of an 18-character ID number as the integer ``YYYYMMDD``."""
    return cast(func.substr(id_number, 7, 8), Integer)


def is_male(id_number: ColumnElement[Any]) -> ColumnElement[bool]:
    """True where the 17th character of the ID number is odd (GB 11643)."""
    # A text comparison: cheaper per row than a cast and a modulo, on both databases.
    return func.substr(id_number, 17, 1).in_(("1", "3", "5", "7", "9"))


def working_age_on(id_number: ColumnElement[Any], on: ColumnElement[Any]) -> ColumnElement[bool]:
    """True where the person is of working age on the date ``on``.

    Working age is male 16-59 and female 16-54 in completed years (docs/protocol.md).
    """
    span = date_digits(on) - birth_digits(id_number)
    last = case(
        (is_male(id_number), (WORKING_AGE_UNTIL_MALE + 1) * 10000 - 1),
        else_=(WORKING_AGE_UNTIL_FEMALE + 1) * 10000 - 1,
    )
    # BETWEEN evaluates the span once (SQLite codes it into one register): the report's
    # costliest expression, over every record of the year.
    return span.between(WORKING_AGE_FROM * 10000, last)
