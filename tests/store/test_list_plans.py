"""The record list's queries use indexes: pages in every order, prefix searches and counts.

Each test asks SQLite for its plan (EXPLAIN QUERY PLAN) of the very query the registry runs,
on a database with a few thousand records and the planner's statistics (as a reopened
laptop database has them), and checks it reads an index instead of sorting or scanning the
table: what keeps the list's first page and a prefix search fast over 500,000 records.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from sqlalchemy import Engine, Select, insert, select, update

from desktop.store.database import open_database
from desktop.store.keys import new_database_key
from desktop.store.listing import Order, count_query, ids_query, page_query
from desktop.store.model import RecordFilter
from desktop.store.registry import Registry
from desktop.store.review_queue import approvals_query
from desktop.store.sample_rows import bulk_insert
from desktop.store.schema import record_reviews, records

ROWS = 3000
# Reviews of the fixture: returned and approved records.
RETURNED, APPROVED = 25, 14
ORDERS: tuple[Order, ...] = ("updated_desc", "name", "survey_date_desc")
ORDER_INDEX = {
    "updated_desc": "ix_records_list_updated",
    "name": "ix_records_list_name",
    "survey_date_desc": "ix_records_list_survey",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A database of ROWS records (a few drafts), reopened so it has the planner's stats."""
    path: Path = tmp_path_factory.mktemp("plans") / "registry.db"
    key = new_database_key()
    first = open_database(path, key)
    bulk_insert(first, ROWS)
    with first.begin() as conn:
        drafts = records.c.record_id.in_(
            conn.execute(ids_query(None, "updated_desc", limit=20)).scalars().all()
        )
        conn.execute(update(records).where(drafts).values(state="draft"))
        reviewed = conn.execute(
            select(records.c.record_id).order_by(records.c.record_id).limit(RETURNED + APPROVED)
        ).scalars()
        rows = [{"record_id": i, "version": 2, "state": "approved"} for i in reviewed]
        for row in rows[:RETURNED]:
            row["state"] = "returned"
        reviewed_ids = [row["record_id"] for row in rows]
        conn.execute(update(records).where(records.c.record_id.in_(reviewed_ids)).values(version=2))
        conn.execute(insert(record_reviews), rows)
    first.dispose()
    reopened = open_database(path, key)
    yield reopened
    reopened.dispose()


def plan(engine: Engine, query: Select[Any]) -> list[str]:
    """SQLite's plan of ``query`` with its parameters, one line per step."""
    compiled = query.compile(dialect=engine.dialect, compile_kwargs={"render_postcompile": True})
    params = tuple(compiled.params[name] for name in compiled.positiontup or ())
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params).all()
    return [str(row[3]) for row in rows]


def test_the_planner_has_statistics_after_a_reopen(engine: Engine) -> None:
    with engine.connect() as conn:
        stats = dict(conn.exec_driver_sql("SELECT idx, stat FROM sqlite_stat1").all())
    assert stats["ix_records_list_updated"].startswith(f"{ROWS} {ROWS} ")


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("from_end", [False, True])
def test_every_list_order_reads_its_index_without_sorting(
    engine: Engine, order: Order, from_end: bool
) -> None:
    query = ids_query(None, order, limit=200, offset=400, reverse=from_end)
    steps = plan(engine, query)
    assert steps == [f"SEARCH records USING COVERING INDEX {ORDER_INDEX[order]} (deleted=?)"]


def test_the_default_count_reads_an_index_not_the_table(engine: Engine) -> None:
    (step,) = plan(engine, count_query(None))
    assert "COVERING INDEX" in step


@pytest.mark.parametrize("order", ORDERS)
def test_a_name_prefix_search_uses_the_nocase_index(engine: Engine, order: Order) -> None:
    search = RecordFilter(name_prefix="王")
    (count_step,) = plan(engine, count_query(search))
    assert "name>? AND name<?" in count_step
    steps = plan(engine, ids_query(search, order, limit=200))
    # The page either walks the order's index or the name range (then sorts the matches).
    assert not any(s.startswith("SCAN") for s in steps), steps
    assert any("INDEX ix_records_list_" in s for s in steps), steps
    # Every match, as a narrow search reads them: sorted from the name index alone.
    every = plan(engine, ids_query(RecordFilter(name_prefix="王伟"), order))
    assert every[0] == (
        "SEARCH records USING COVERING INDEX ix_records_list_name (deleted=? AND name>? AND name<?)"
    )
    if order == "name":
        assert steps == [
            "SEARCH records USING COVERING INDEX ix_records_list_name "
            "(deleted=? AND name>? AND name<?)"
        ]


def test_an_id_number_prefix_is_a_range_on_its_index(engine: Engine) -> None:
    search = RecordFilter(id_number_prefix="62010219900")
    (step,) = plan(engine, count_query(search))
    assert step == (
        "SEARCH records USING COVERING INDEX ix_records_list_id_number "
        "(deleted=? AND id_number>? AND id_number<?)"
    )
    for order in ORDERS:  # the matches sort from the index alone, no table page read
        steps = plan(engine, ids_query(search, order))
        assert steps[0].startswith("SEARCH records USING COVERING INDEX"), steps


def test_filters_use_their_own_index_for_the_count(engine: Engine) -> None:
    by_region = plan(engine, count_query(RecordFilter(region_prefix="620102001")))
    assert by_region == [
        "SEARCH records USING INDEX ix_records_region_code (region_code>? AND region_code<?)"
    ]
    # The state is in the survey-date index (schema v10): a count by state reads that narrow
    # index alone, never a table page per record (the state index would, for ``deleted``).
    by_state = plan(engine, count_query(RecordFilter(states=("draft",))))
    assert by_state == ["SEARCH records USING COVERING INDEX ix_records_list_survey (deleted=?)"]
    (by_status,) = plan(engine, count_query(RecordFilter(employment_status=1)))
    assert "USING INDEX ix_records_employment_status (employment_status=?)" in by_status


@pytest.mark.parametrize("order", ORDERS)
def test_a_review_filter_probes_the_reviews_by_primary_key(engine: Engine, order: Order) -> None:
    # Returned (few): from the reviews, each record found by its key; the matches sorted.
    returned = RecordFilter(review="returned")
    from_reviews = [
        "SCAN record_reviews",
        "SEARCH records USING INDEX sqlite_autoindex_records_1 (record_id=?)",
    ]
    assert plan(engine, count_query(returned)) == from_reviews
    assert plan(engine, ids_query(returned, order)) == [
        *from_reviews,
        "USE TEMP B-TREE FOR ORDER BY",
    ]
    # Approved or unreviewed (most of a round): a page walks the order's covering index and
    # probes each record's review by key; the count walks a covering index alike. Never a
    # read of the wide records rows.
    probe = "SEARCH record_reviews USING {}INDEX sqlite_autoindex_record_reviews_1 (record_id=?) "
    for review, covering in (("approved", ""), ("unreviewed", "COVERING ")):
        wanted = RecordFilter(review=review)
        assert plan(engine, ids_query(wanted, order, limit=200)) == [
            f"SEARCH records USING COVERING INDEX {ORDER_INDEX[order]} (deleted=?)",
            probe.format(covering) + "LEFT-JOIN",
        ]
        count = plan(engine, count_query(wanted))
        assert count[0].startswith("SEARCH records USING COVERING INDEX"), count
        assert count[1:] == [probe.format(covering) + "LEFT-JOIN"]


def test_a_page_reads_its_rows_and_their_reviews_by_primary_key(engine: Engine) -> None:
    ids = Registry(engine, username="u", device_id="d").ids(limit=200)
    assert plan(engine, page_query(ids)) == [
        "SEARCH records USING INDEX sqlite_autoindex_records_1 (record_id=?)",
        "SEARCH record_reviews USING INDEX sqlite_autoindex_record_reviews_1 (record_id=?) "
        "LEFT-JOIN",
    ]


def test_review_filters_count_what_the_list_shows(engine: Engine) -> None:
    registry = Registry(engine, username="u", device_id="d")
    counts = [registry.count(RecordFilter(review=r)) for r in ("returned", "approved")]
    assert counts == [RETURNED, APPROVED]
    unreviewed = RecordFilter(review="unreviewed")
    assert registry.count(unreviewed) == ROWS - RETURNED - APPROVED
    assert len(registry.ids(unreviewed)) == ROWS - RETURNED - APPROVED
    for review in ("returned", "approved"):
        found = registry.ids(RecordFilter(review=review))
        assert {row.review for row in registry.page(found)} == {review}
    assert registry.status_counts()["returned"] == RETURNED


def test_pages_from_either_end_add_up_to_the_whole_list(engine: Engine) -> None:
    registry = Registry(engine, username="u", device_id="d")
    search = RecordFilter(region_prefix="6201020")
    for order in ORDERS:
        everything = registry.ids(search, order)
        assert len(everything) == registry.count(search) > 1000
        forward = [
            i for n in range(0, 900, 300) for i in registry.ids(search, order, limit=300, offset=n)
        ]
        assert forward == everything[:900]
        # The last 300, counted from the end, still in the list's order.
        assert registry.ids(search, order, limit=300, from_end=True) == everything[-300:]
        tail = registry.ids(search, order, limit=300, offset=300, from_end=True)
        assert tail == everything[-600:-300]


def test_prefix_filters_match_exactly_what_starts_with_them(engine: Engine) -> None:
    registry = Registry(engine, username="u", device_id="d")
    rows = registry.page(registry.ids())
    for prefix in ("620102", "6201021990", "62010219"):
        expected = {r.record_id for r in rows if (r.id_number or "").startswith(prefix)}
        assert set(registry.ids(RecordFilter(id_number_prefix=prefix))) == expected
    township = "620102003"
    expected = {r.record_id for r in rows if r.region_code == township}
    assert set(registry.ids(RecordFilter(region_prefix=township))) == expected
    assert registry.count(RecordFilter(region_prefix="62010200")) == ROWS


def test_a_narrow_list_starts_with_every_id_and_a_broad_one_with_a_page(engine: Engine) -> None:
    registry = Registry(engine, username="u", device_id="d")
    drafts = registry.list_start(RecordFilter(states=("draft",)), page_size=5)
    assert drafts.complete
    assert drafts.total == len(drafts.ids) == 20
    assert drafts.ids == registry.ids(RecordFilter(states=("draft",)))
    broad = registry.list_start(None, "name", page_size=5, whole_below=ROWS)
    assert not broad.complete
    assert broad.total == ROWS
    assert broad.ids == registry.ids(order="name")[:5]
    nothing = registry.list_start(RecordFilter(name_prefix="无此人"))
    assert (nothing.total, nothing.ids, nothing.complete) == (0, [], True)


@pytest.mark.slow
def test_a_database_another_program_is_writing_still_opens(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path, key = tmp_path / "busy.db", new_database_key()
    first = open_database(path, key)
    bulk_insert(first, 300)  # no statistics yet: the next open wants to write them
    first.dispose()
    writer = sqlcipher3.connect(str(path), isolation_level=None)
    writer.execute(f"PRAGMA key=\"x'{key.hex()}'\"")
    writer.execute("BEGIN IMMEDIATE")  # e.g. the command line in the middle of a sync
    try:
        with caplog.at_level(logging.INFO, logger="desktop.store.database"):
            engine = open_database(path, key)  # waits out the busy timeout, then goes on
        assert "planner statistics not refreshed" in caplog.text
        assert Registry(engine, username="u", device_id="d").count() == 300
        engine.dispose()
    finally:
        writer.execute("ROLLBACK")
        writer.close()


# The year's lists: counted in the year's two ranges of the survey-date index (its dates,
# then the drafts without one), which carries state, version and region (schema v10).
DATED = (
    "SEARCH records USING COVERING INDEX ix_records_list_survey "
    "(deleted=? AND survey_date>? AND survey_date<?)"
)
UNDATED = "SEARCH records USING COVERING INDEX ix_records_list_survey (deleted=? AND survey_date=?)"
YEAR_COUNT = ["SCAN CONSTANT ROW", "SCALAR SUBQUERY 1", DATED, "SCALAR SUBQUERY 2", UNDATED]


# The review of each record counted: probed by its key, in the reviews' own index.
REVIEW_PROBE = (
    "SEARCH record_reviews USING COVERING INDEX sqlite_autoindex_record_reviews_1 "
    "(record_id=?) LEFT-JOIN"
)
REVIEW_COUNT = [
    "SCAN CONSTANT ROW",
    "SCALAR SUBQUERY 1",
    DATED,
    REVIEW_PROBE,
    "SCALAR SUBQUERY 2",
    UNDATED,
    REVIEW_PROBE,
]
REVIEW_LIST = RecordFilter(
    year=2024,
    states=("pending", "syncing", "synced", "rejected", "conflict"),
    review="unreviewed",
)


@pytest.mark.parametrize("year", [2024, 2025])  # this year's records; a new year's none
def test_a_years_count_reads_two_ranges_of_the_survey_index(engine: Engine, year: int) -> None:
    assert plan(engine, count_query(RecordFilter(year=year))) == YEAR_COUNT
    # The 审核 list's count: state and version from the index, no table page per record.
    assert plan(engine, count_query(replace(REVIEW_LIST, year=year))) == REVIEW_COUNT


@pytest.mark.parametrize("order", ORDERS)
def test_a_years_first_page_reads_its_orders_index(engine: Engine, order: Order) -> None:
    # The year is most of the list: its first page walks the order's index, as without it.
    steps = plan(engine, ids_query(RecordFilter(year=2024), order, limit=200))
    assert len(steps) == 1, steps
    assert steps[0].startswith("SEARCH records USING "), steps
    assert steps[0].endswith(f"INDEX {ORDER_INDEX[order]} (deleted=?)"), steps


def test_a_years_count_counts_its_drafts_without_a_date_once(engine: Engine) -> None:
    registry = Registry(engine, username="u", device_id="d")
    with engine.begin() as conn:
        undated = conn.execute(ids_query(RecordFilter(states=("draft",)), "name", limit=3))
        ids = undated.scalars().all()
        conn.execute(update(records).where(records.c.record_id.in_(ids)).values(survey_date=None))
    try:
        assert registry.count(RecordFilter(year=2024)) == ROWS
        assert registry.count(RecordFilter(year=2025)) == 3  # a new year: the undated drafts
        assert set(registry.ids(RecordFilter(year=2025))) == set(ids)
        assert registry.count(RecordFilter(year=2025, states=("synced",))) == 0
    finally:
        with engine.begin() as conn:
            conn.execute(
                update(records)
                .where(records.c.record_id.in_(ids))
                .values(survey_date=date(2024, 5, 1))
            )


def test_a_batch_approval_reads_no_table_page_per_record_of_the_year(
    engine: Engine, tmp_path: Path
) -> None:
    township = RecordFilter(region_prefix="620102003", year=2024)
    assert plan(engine, approvals_query(township)) == [
        "SEARCH records USING INDEX ix_records_region_code (region_code>? AND region_code<?)"
    ]
    # A county clerk's first session: records just written, no statistics yet. The lists
    # and the batch read the index that carries the region, not a table page per record.
    fresh = open_database(tmp_path / "fresh.db", new_database_key())
    bulk_insert(fresh, 500)
    with fresh.connect() as conn:
        stats = "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
        assert conn.exec_driver_sql(stats).scalar_one() == 0
    assert plan(fresh, approvals_query(township)) == [
        "SEARCH records USING COVERING INDEX ix_records_list_survey (deleted=?)"
    ]
    assert plan(fresh, count_query(REVIEW_LIST)) == REVIEW_COUNT
    fresh.dispose()


# The roster's triggers (schema v7, v12) ask, per record written, whether the person has a
# live record past its draft in a survey year: by person, never a scan of the year's records
# (a list index covering state and the survey date once made every insert read the year).
_SURVEYED = (
    "EXPLAIN QUERY PLAN UPDATE roster SET surveyed = EXISTS ("
    "SELECT 1 FROM records x WHERE x.id_number = roster.id_number "
    "AND x.survey_date >= printf('%04d-01-01', roster.year) "
    "AND x.survey_date < printf('%04d-01-01', roster.year + 1) "
    "AND x.deleted = 0 AND x.state != 'draft') "
    "WHERE year = CAST(substr(?, 1, 4) AS INTEGER) AND id_number = ?"
)


@pytest.mark.parametrize("statistics", [True, False], ids=["statistics", "new database"])
def test_the_roster_trigger_finds_a_persons_records_by_person(
    engine: Engine, tmp_path: Path, statistics: bool
) -> None:
    fresh = None if statistics else open_database(tmp_path / "new.db", new_database_key())
    with (fresh or engine).connect() as conn:
        steps = [str(r[3]) for r in conn.exec_driver_sql(_SURVEYED, ("2026-01-01", "x"))]
    if fresh is not None:
        fresh.dispose()
    assert any(
        s.startswith("SEARCH x USING INDEX ix_records_person_year (id_number=?") for s in steps
    ), steps
