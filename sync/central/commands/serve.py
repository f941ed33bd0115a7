"""``serve [--host 127.0.0.1] [--port 8700]``: migrate, then run the HTTP service."""

from __future__ import annotations

import argparse
from typing import Any

from sync.central.settings import Settings
from sync.collections_gc import collect_rarely


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser("serve", help="run the sync endpoint")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8700)
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Migrate the database and serve until interrupted."""
    # Imported here so that the other commands start without the web stack.
    import uvicorn

    from sync.central.app import create_app
    from sync.central.db import make_engine, migrate

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    migrate(engine)
    engine.dispose()
    app = create_app(settings)
    collect_rarely()  # the start-up objects are never garbage (see sync.collections_gc)
    # proxy_headers=False: uvicorn would otherwise take X-Forwarded-For from 127.0.0.1 (or
    # $FORWARDED_ALLOW_IPS) as the client; the centre's trusted_proxies setting decides that.
    # log_config=None: uvicorn's own records go through the centre's log set-up (text or JSON
    # lines, sync.central.log_format) instead of a format of its own.
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_config=None,
        log_level="warning",
        access_log=False,
        proxy_headers=False,
    )
    return 0
