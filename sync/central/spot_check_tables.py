"""The centre's spot-check tables (created by migration 0002).

``spot_check_draws`` keeps what is needed to repeat a draw (seed, rate, minimum, region,
inspectors); ``spot_check_assignments`` the drawn records and their inspectors;
``spot_check_results`` the inspector's verdict per field. They share the metadata of
:mod:`sync.central.tables` so that Alembic sees one schema.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from sync.central.tables import metadata

spot_check_draws = Table(
    "spot_check_draws",
    metadata,
    Column("draw_id", String(36), primary_key=True),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    Column("region_code", String(9), nullable=False),
    Column("rate", Float, nullable=False),
    Column("minimum", Integer, nullable=False),
    Column("seed", BigInteger, nullable=False),
    Column("inspectors", Text, nullable=True),  # the names given with --inspectors, JSON
    Column("drawn_by", String(64), nullable=False),
    Column("drawn_at", DateTime(timezone=True), nullable=False),
)

spot_check_assignments = Table(
    "spot_check_assignments",
    metadata,
    Column("assignment_id", String(36), primary_key=True),
    Column("draw_id", String(36), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("region_code", String(9), nullable=False),
    Column("inspector", String(64), nullable=False),
    Column("inspector_region", String(9), nullable=False),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
)
Index("ix_spot_check_assignments_inspector", spot_check_assignments.c.inspector)
Index(
    "ix_spot_check_assignments_year_quarter",
    spot_check_assignments.c.year,
    spot_check_assignments.c.quarter,
)

spot_check_results = Table(
    "spot_check_results",
    metadata,
    Column("assignment_id", String(36), primary_key=True),
    Column("field", String(40), primary_key=True),
    Column("matched", Boolean, nullable=False),
    Column("corrected", Text, nullable=True),  # the value the inspector found, JSON
    Column("checked_by", String(64), nullable=False),
    Column("checked_at", DateTime(timezone=True), nullable=False),
)
