"""The ``realname-central`` console script: the command line, or a clear word without the extra.

The centre's server stack (FastAPI, uvicorn, Alembic, psycopg, python-docx, prometheus-client)
is the ``central`` extra of the package; a laptop's install leaves it out. Without it a
command would end in a traceback, so this module names the extra before any command runs.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence

EXTRA = "central"
INSTALL_HINT = "pip install 'realname-registry[central]'"
# The modules of the extra's packages (pyproject.toml), as imported by sync/central.
EXTRA_MODULES: tuple[str, ...] = (
    "fastapi",
    "uvicorn",
    "alembic",
    "psycopg",
    "docx",
    "prometheus_client",
)


def missing_module() -> str | None:
    """The first module of the ``central`` extra that cannot be imported here, if any."""
    for name in EXTRA_MODULES:
        if importlib.util.find_spec(name) is None:
            return name
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``realname-central``; exit status 2 with a message when the extra is not installed."""
    missing = missing_module()
    if missing is not None:
        print(
            f"realname-central：缺少中心端依赖 {missing}（属于可选依赖组 “{EXTRA}”）。"
            f"请先安装：{INSTALL_HINT}",
            file=sys.stderr,
        )
        return 2
    from sync.central.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
