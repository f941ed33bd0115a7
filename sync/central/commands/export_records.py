"""Placeholder."""

from __future__ import annotations

import argparse
from typing import Any

from sync.central.settings import Settings


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register the command."""
    parser: argparse.ArgumentParser = sub.add_parser("export-records")
    return parser


def run(_args: argparse.Namespace, _settings: Settings) -> int:
    """Not yet."""
    return 2
