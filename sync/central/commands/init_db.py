"""``init-db``: create or upgrade the database schema."""

from __future__ import annotations

import argparse
from typing import Any

from sync.central.db import make_engine, migrate
from sync.central.private_files import private_dir
from sync.central.settings import Settings


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "init-db", help="create or upgrade the database"
    )
    return parser


def run(_args: argparse.Namespace, settings: Settings) -> int:
    """Apply every migration."""
    private_dir(settings.data_dir)
    engine = make_engine(settings.database_url)
    migrate(engine)
    engine.dispose()
    print("database ready")
    return 0
