"""The central endpoint: FastAPI app, storage (SQLAlchemy), accounts, sync services, CLI."""
