"""Alembic migrations of the central database (a package so it ships as a resource)."""
