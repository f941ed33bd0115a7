"""The central endpoint: FastAPI app, storage (SQLAlchemy), accounts, sync services, CLI.

Map: ``app`` builds the FastAPI app from ``settings``; ``routers/`` hold the HTTP routes by
domain, ``deps`` their dependencies; ``push``, ``pull``, ``reference``, ``voiding`` and
``accounts`` are the services; ``tables``, ``db``, ``stored``, ``bulk`` and ``sequence`` the
storage (``sequence`` explains why a pull never skips a late commit); ``importer``,
``import_rows``, ``import_chunk`` and ``exporter`` the record files; ``cli`` and
``commands/`` the ``realname-central`` command line; ``migrations/`` the Alembic scripts.
"""
