"""A spot-check draw at the centre, for the tests of checking on the inspector's laptop."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from tests.helpers.central import CentralProcess
from tests.helpers.client import PASSWORD

INSPECTOR = "inspector_jyg"


@dataclass(frozen=True)
class Drawn:
    """The quarter drawn in, how many of the records were surveyed in it, the assignments."""

    quarter: int
    in_quarter: int
    assignments: list[dict[str, Any]]


def draw_busiest_quarter(
    centre: CentralProcess, records: list[dict[str, Any]], minimum: int, seed: int
) -> Drawn:
    """Make 嘉峪关's county staff (INSPECTOR, the only inspector outside 城关区's line of
    the region tree) and draw 10% (at least ``minimum``) of the 2024 quarter most of
    ``records`` were surveyed in, through ``realname-central spot-check draw``."""
    quarters = Counter((date.fromisoformat(r["survey_date"]).month - 1) // 3 + 1 for r in records)
    quarter, in_quarter = quarters.most_common(1)[0]
    centre.create_user(INSPECTOR, "county", "620201", PASSWORD)
    done = centre.command(
        "spot-check", "draw", "--year", "2024", "--quarter", str(quarter),
        "--rate", "0.1", "--min", str(minimum), "--seed", str(seed),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return Drawn(quarter, in_quarter, json.loads(done.stdout)["assignments"])
