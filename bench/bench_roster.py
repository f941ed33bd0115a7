"""The roster (调查底册): loading a province's roster, and a county's first roster pull.

Figures:

- ``import-reference roster`` of a generated CSV of N persons (default 450,000, a province)
  into a fresh SQLite centre, through the real command line; target <= 30 s. Limit,
  measured in the same run: the same rows read with the csv module and inserted as text by
  raw sqlite3 ``executemany`` into one plain table (no checking, no seqs, no index).
- the same file imported again (it must change nothing), beside the same limit.
- the first ``GET /sync/roster`` of a county of 60,000 persons (all pages, gzip as the
  laptop asks) from the real server: bytes per person on the wire, beside the same
  persons' CSV rows gzipped at level 6 (the most compact plain form of the same facts).

``python -m bench.bench_roster 450000`` measures the full size.
"""

from __future__ import annotations

import csv
import gzip
import io
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.central_command import migrate_only, timed_central
from bench.raw_insert import raw_insert_seconds
from sync.central.roster_import import COLUMNS
from sync.contract.idcard import check_digit
from sync.contract.regions import default_tree
from tests.helpers.central import CentralProcess

FULL = 450_000
COUNTY = "620102"
COUNTY_SHARE = 60_000 / FULL  # a county of 60,000 in a province of 450,000
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"
PASSWORD = "bench-roster-pass-1"


def _townships() -> tuple[list[str], list[str]]:
    """The county's townships, and every other township of the province."""
    tree = default_tree()
    county = [r.code for r in tree.descendants(COUNTY)]
    others = [r.code for r in tree.all() if len(r.code) == 9 and r.code[:6] != COUNTY]
    return county, others


def write_roster(path: Path, n: int, year: int = 2025) -> int:
    """A roster CSV of ``n`` distinct persons, COUNTY_SHARE of them in COUNTY; the number
    of persons in COUNTY."""
    rng = random.Random(15)
    county, others = _townships()
    in_county = round(n * COUNTY_SHARE)
    seen: set[str] = set()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for i in range(n):
            region = rng.choice(county if i < in_county else others)
            while True:
                born = f"{rng.randint(1967, 2008)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
                body = f"{region[:6]}{born}{rng.randrange(1000):03d}"
                number = body + check_digit(body)
                if number not in seen:
                    seen.add(number)
                    break
            category, level = rng.randint(1, 7), rng.randint(1, 4)
            name = rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.randint(1, 2)))
            writer.writerow(
                [
                    year,
                    number,
                    name,
                    f"{number}{category}{level}",
                    category,
                    level,
                    rng.randint(1, 2),
                    region,
                    f"第{rng.randint(1, 12)}村民小组",
                    f"{rng.randint(1, 300)}号",
                    f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
                ]
            )
    return in_county


def _import(db_url: str, source: Path) -> tuple[float, dict[str, Any]]:
    return timed_central(db_url, "import-reference", "roster", str(source))


def _county_csv_gzip(source: Path) -> int:
    """The county's rows of the file as CSV, gzipped: bytes."""
    out = io.StringIO()
    writer = csv.writer(out)
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        writer.writerow(next(reader))
        for row in reader:
            if row[7].startswith(COUNTY):
                writer.writerow(row)
    return len(gzip.compress(out.getvalue().encode("utf-8"), compresslevel=6))


def _pull(server: CentralProcess, year: int) -> tuple[int, int, float]:
    """Every page of the county's roster: (entries, bytes on the wire, seconds)."""
    server.create_user("bench-county", "county", COUNTY, PASSWORD)
    token = server.login("bench-county", PASSWORD)
    headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"}
    entries = wire = 0
    cursor = ""
    started = time.perf_counter()
    with httpx.Client(base_url=f"{server.url}/api/v1", headers=headers, timeout=120) as client:
        while True:
            params: dict[str, Any] = {"year": year, "limit": 5000}
            if cursor:
                params["since"] = cursor
            response = client.get("/sync/roster", params=params)
            response.raise_for_status()
            wire += response.num_bytes_downloaded
            page = response.json()
            entries += len(page["entries"])
            cursor = page["cursor"]
            if not page["more"]:
                break
    return entries, wire, time.perf_counter() - started


def run(n: int = FULL) -> list[dict[str, Any]]:
    """Import a roster of ``n`` persons into a fresh SQLite centre and pull one county."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / "roster.csv"
        in_county = write_roster(source, n)
        db_url = f"sqlite:///{root / 'central.sqlite3'}"
        migrate_only(db_url)
        seconds, first = _import(db_url, source)
        again, second = _import(db_url, source)
        if (first["added"], second["unchanged"], second["changed"]) != (n, n, 0):
            raise RuntimeError(f"unexpected import outcome: {first} then {second}")
        raw = raw_insert_seconds(source, root / "raw.sqlite3")
        compact = _county_csv_gzip(source)
        server = CentralProcess(db_url, root)
        server.start()
        try:
            entries, wire, pull_seconds = _pull(server, 2025)
        finally:
            server.stop()
        if entries != in_county:
            raise RuntimeError(f"the county pulled {entries} entries, not {in_county}")
    return [
        {
            "name": f"import-reference roster, {n:,} persons",
            "figure": seconds,
            "unit": "s",
            "target": f"<= {30 * n / FULL:.1f}",
            "limit": raw,
            "limit_name": "csv reader + raw sqlite3 executemany of the rows",
        },
        {
            "name": f"the same roster imported again (changes nothing), {n:,} persons",
            "figure": again,
            "unit": "s",
            "target": f"<= {30 * n / FULL:.1f}",
            "limit": raw,
            "limit_name": "csv reader + raw sqlite3 executemany of the rows",
        },
        {
            "name": f"first roster pull of a county, {entries:,} persons ({pull_seconds:.1f} s)",
            "figure": wire / entries,
            "unit": "bytes/person",
            "target": "report (wire, gzip)",
            "limit": compact / entries,
            "limit_name": "the same persons' CSV rows, gzip level 6",
        },
    ]


if __name__ == "__main__":
    for row in run(int(sys.argv[1]) if len(sys.argv) > 1 else FULL):
        print(row)
