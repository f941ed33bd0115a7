"""The indicator report at the centre: the shared computation over the centre's tables.

The definitions and the queries live in :mod:`sync.contract.indicators`, so the laptop's
numbers are the centre's; this module only binds them to the centre's tables and to the
caller's region.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine

from sync.central.accounts import User
from sync.central.problems import BadInput, Forbidden
from sync.central.review_rates import review_rates
from sync.central.scope import in_scope, regions
from sync.central.spot_checks import field_checks
from sync.central.tables import base_population, record_trainings, records, targets
from sync.contract.indicators import Period, RegionLookup, RegistryTables, compute_indicators
from sync.contract.report import Report, build_report

TABLES = RegistryTables(records, record_trainings, base_population, targets)


def province_code() -> str:
    """The root of the region tree (the province)."""
    roots = regions().roots()
    if not roots:
        raise BadInput("the region list is empty")
    return roots[0].code


def period_of(year: int, quarter: int | None) -> Period:
    """The period, or BadInput naming the bad value."""
    try:
        return Period(year, quarter)
    except ValueError as error:
        raise BadInput(str(error)) from None


def report_region(user: User | None, region: str | None) -> str:
    """The region to report: the one asked for (inside the caller's), else the caller's own.

    Without a user (the command line, run by the administrator) the default is the province.
    """
    code = region or (user.region_code if user is not None else province_code())
    if regions().get(code) is None:
        raise BadInput(f"region: unknown region code {code!r}")
    if user is not None and not in_scope(user, code):
        raise Forbidden(f"region {code} is outside your region {user.region_code}")
    return code


def indicator_report(
    engine: Engine, region_code: str, period: Period, *, details: bool = True
) -> Report:
    """The report of ``region_code``; ``details=False`` for the JSON alone (faster)."""
    with engine.connect() as conn:
        return centre_report(conn, TABLES, regions(), region_code, period, details=details)


def centre_report(
    conn: Connection,
    tables: RegistryTables,
    tree: RegionLookup,
    region_code: str,
    period: Period,
    *,
    details: bool = True,
) -> Report:
    """The report with the centre's spot checks and review rates (``tables``: the centre's,
    or a benchmark's of the same shape)."""
    checks = field_checks(conn, period.year, period.quarter) if period.quarter else []
    # The indicators count the review rates' records in their own pass.
    indicators = compute_indicators(conn, tables, tree, region_code, period)
    reviews = review_rates(conn, tree, region_code, period.year, period.end, indicators)
    return build_report(
        conn,
        tables,
        tree,
        region_code,
        period,
        details=details,
        checks=checks,
        reviews=reviews,
        indicators=indicators,
    )
