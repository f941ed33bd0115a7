"""Migrations build exactly the tables the code declares; the OpenAPI document is the contract."""

from __future__ import annotations

import warnings
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection

from sync.central.app import create_app
from sync.central.db import make_engine, migrate
from sync.central.settings import Settings
from sync.central.tables import metadata
from sync.contract.protocol import API_PREFIX


def test_migrations_match_the_tables_and_run_twice(central_db_url: str) -> None:
    engine = make_engine(central_db_url)
    try:
        migrate(engine)
        migrate(engine)  # a second run finds nothing to do
        with engine.connect() as conn, warnings.catch_warnings():
            # Neither SQLAlchemy nor Alembic compares an expression index on SQLite: the
            # index the migration made is compared below as the database holds it.
            warnings.filterwarnings("ignore", ".*expression-based index")
            context = MigrationContext.configure(conn)
            differences = compare_metadata(context, metadata)
            person_year = _person_year_index(conn)
    finally:
        engine.dispose()
    assert differences == []
    if engine.dialect.name == "sqlite":
        assert person_year == (
            "CREATE UNIQUE INDEX uq_records_live_person_year ON records "
            "(id_number, CAST(substr(survey_date, 1, 4) AS INTEGER)) WHERE NOT deleted"
        )
    else:
        assert person_year == (
            "CREATE UNIQUE INDEX uq_records_live_person_year ON public.records USING btree "
            "(id_number, ((EXTRACT(year FROM survey_date))::integer)) WHERE (NOT deleted)"
        )


def _person_year_index(conn: Connection) -> str:
    """The definition of the index of one live record per person and survey year."""
    if conn.dialect.name == "sqlite":
        query = "SELECT sql FROM sqlite_master WHERE name = 'uq_records_live_person_year'"
    else:
        query = "SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_records_live_person_year'"
    return str(conn.exec_driver_sql(query).scalar_one())


def test_openapi_describes_the_sync_contract(tmp_path: Path) -> None:
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path}/x.sqlite3"))
    document = app.openapi()
    paths = document["paths"]
    for path in (
        "/auth/login",
        "/auth/logout",
        "/sync/push",
        "/sync/pull",
        "/reference",
        "/health",
        "/records/{record_id}/void",
        "/reviews",
    ):
        assert API_PREFIX + path in paths, path
    push = paths[f"{API_PREFIX}/sync/push"]["post"]
    body = push["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/PushRequest"}
    schemas = document["components"]["schemas"]
    assert set(schemas["PushRequest"]["required"]) == {"device_id", "ops"}
    assert schemas["PushOp"]["additionalProperties"] is False
    response = push["responses"]["200"]["content"]["application/json"]["schema"]
    assert response == {"$ref": "#/components/schemas/PushResponse"}
    pull = paths[f"{API_PREFIX}/sync/pull"]["get"]
    assert {p["name"] for p in pull["parameters"] if p["in"] == "query"} == {
        "since",
        "limit",
        "saved_by",
    }
    # Every sync request may say what the laptop runs and holds (docs/protocol.md).
    for method, path in (("post", "/sync/push"), ("get", "/sync/pull"), ("post", "/reviews")):
        parameters = paths[API_PREFIX + path][method]["parameters"]
        headers = {p["name"] for p in parameters if p["in"] == "header"}
        assert headers == {"X-App-Version", "X-Queue-Length"}, path
    change = schemas["Change"]["properties"]
    assert {"record_id", "version", "seq", "record", "deleted", "review"} <= set(change)
