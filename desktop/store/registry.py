"""The records of one account on this laptop: save, read, list, queue and conflicts.

One Registry per account database. Every write is one transaction; a save validates with
the shared rules engine first, so what is queued is what the centre will accept.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import ColumnElement, Connection, Engine, func, literal_column, select, true

from desktop.store.database import write_transaction
from desktop.store.errors import RecordNotFoundError, StoreError
from desktop.store.listing import (
    Order,
    count_query,
    findings_of,
    ids_query,
    local_record,
    page_query,
    with_doc,
)
from desktop.store.model import (
    CORRECTION_ON_ITS_WAY,
    STATES,
    ListStart,
    LocalRecord,
    QueueEntry,
    RecordFilter,
    RecordRow,
    SaveResult,
    State,
    review_mark,
)
from desktop.store.reviews import REVIEW_COLUMNS, review_applies, review_from
from desktop.store.saving import check, current_rows, prepared, save_checked
from desktop.store.schema import outbox, record_docs, record_reviews, records
from desktop.store.settings import Settings
from desktop.store.survey_years import (
    PersonYearTakenError,
    earlier_than,
    holder_of_year,
    latest_of,
)
from desktop.store.writes import dequeue, set_state, utc_now
from sync.contract import RuleSet, default_rules
from sync.contract.merge import resolve
from sync.contract.rounds import survey_year

if TYPE_CHECKING:
    from desktop.store.spotchecks import SpotChecks

log = logging.getLogger(__name__)

# States where the laptop holds changes the centre has not acknowledged.
UNSYNCED: tuple[State, ...] = ("draft", "pending", "rejected", "conflict")


class ConflictOpenError(StoreError):
    """A record in conflict is saved through resolve_conflict, which names the chosen side."""

    user_message = "该记录与中心数据冲突，请先逐项选择保留的值。(Resolve the conflict first.)"


class Registry:
    """Records of one account: the store API for the UI and the CLI (no Qt)."""

    def __init__(
        self, engine: Engine, *, username: str, device_id: str, reviewer: bool = False
    ) -> None:
        self.engine = engine
        self.username = username
        self.device_id = device_id
        # A county, city or province account: it holds its region's records and returns
        # workers' records itself (审核); its returns to correct are only its own records.
        self.reviewer = reviewer
        self.settings = Settings(engine)
        self._rules_lock = threading.Lock()
        self._rules = self._load_rules()

    def _load_rules(self) -> RuleSet:
        stored = self.settings.get("rules")
        if stored:
            try:
                return RuleSet.from_json(orjson.loads(stored))
            except ValueError:  # orjson's and the rules' errors both are ValueErrors
                # A damaged copy: use the shipped rules until the next sync fetches the
                # centre's again (forgetting the ETag makes sure it does).
                log.warning("the stored rules are unreadable; using the shipped ones")
                self.settings.set("reference_etag", None)
        return default_rules()

    @property
    def rules(self) -> RuleSet:
        """The newest rules this laptop has (from the centre, else the shipped ones)."""
        with self._rules_lock:
            return self._rules

    def use_rules(self, rules: RuleSet) -> None:
        """Switch to ``rules`` (already stored by the caller)."""
        with self._rules_lock:
            self._rules = rules

    # ---- saving -------------------------------------------------------------------------

    def save_record(
        self, record: Mapping[str, Any], *, complete: bool = True, today: date | None = None
    ) -> SaveResult:
        """Validate and save; queue it when ``complete`` and no rule error; else a draft.

        Nothing typed is ever dropped: a record with errors is kept as a draft and the
        findings say what to correct. Warnings are the caller's to confirm before saving.
        A record to be queued for a person who already has another live record of its
        survey year raises PersonYearTakenError (the centre would answer ``conflict``).
        """
        item = check(prepared(record), self.rules, complete=complete, today=today)
        with write_transaction(self.engine) as conn:
            current = current_rows(conn, [item.record_id])
            known = current.get(item.record_id)
            if known is not None and known.state == "conflict":
                raise ConflictOpenError(item.record_id)
            self._check_person_year(conn, item.doc, item.state)
            save_checked(
                conn,
                [item],
                current,
                saved_by=self.username,
                now=utc_now(),
                needs_correction=False,
            )
        return item.result()

    @staticmethod
    def _check_person_year(conn: Connection, doc: Mapping[str, Any], state: State) -> None:
        year, number = survey_year(doc), doc.get("id_number")
        if state != "pending" or year is None or not isinstance(number, str):
            return
        holder = holder_of_year(conn, number, year, other_than=str(doc["record_id"]))
        if holder is not None:
            raise PersonYearTakenError(holder, year)

    def save_many(
        self, many: Iterable[Mapping[str, Any]], *, today: date | None = None
    ) -> list[SaveResult]:
        """Save many complete records in one transaction (import, tests): as save_record each.

        A record in conflict is left alone and reported with state ``conflict``.
        """
        by_id: dict[str, dict[str, Any]] = {}
        for record in many:
            doc = prepared(record)
            by_id[str(doc["record_id"])] = doc  # the same record twice: the last one wins
        items = [check(doc, self.rules, today=today) for doc in by_id.values()]
        with write_transaction(self.engine) as conn:
            current = current_rows(conn, by_id)
            in_conflict = {r for r, row in current.items() if row.state == "conflict"}
            save_checked(
                conn,
                [item for item in items if item.record_id not in in_conflict],
                current,
                saved_by=self.username,
                now=utc_now(),
                needs_correction=False,
            )
        return [
            SaveResult(item.record_id, "conflict", item.findings)
            if item.record_id in in_conflict
            else item.result()
            for item in items
        ]

    def save_draft(self, record: Mapping[str, Any]) -> SaveResult:
        """Autosave an incomplete record: kept, never queued."""
        return self.save_record(record, complete=False)

    def resolve_conflict(self, record_id: str, chosen_fields: Mapping[str, str]) -> SaveResult:
        """Take the chosen side (``local``/``remote``) of each conflicting field and queue it."""
        local = self.get(record_id)
        if local.state != "conflict":
            raise StoreError(f"{record_id}: not in conflict")
        try:
            merged = resolve(local.record, local.conflicts, chosen_fields)
        except ValueError as exc:
            raise StoreError(str(exc)) from exc
        item = check(merged, self.rules)
        with write_transaction(self.engine) as conn:
            save_checked(
                conn,
                [item],
                current_rows(conn, [record_id]),
                saved_by=self.username,
                now=utc_now(),
                conflict_doc=None,
            )
        return item.result()

    # ---- reading ------------------------------------------------------------------------

    def get(self, record_id: str) -> LocalRecord:
        """The record with this id; RecordNotFoundError if this laptop has none."""
        with self.engine.connect() as conn:
            row = conn.execute(with_doc().where(records.c.record_id == record_id)).first()
        if row is None:
            raise RecordNotFoundError(record_id)
        return local_record(row._mapping)

    def find_by_id_number(self, id_number: str, year: int | None = None) -> LocalRecord | None:
        """The person's live record of survey year ``year`` (None: the latest), if any."""
        wanted = id_number.strip().upper()
        with self.engine.connect() as conn:
            if year is None:
                record_id = latest_of(conn, wanted)
            else:
                record_id = holder_of_year(conn, wanted, year)
            if record_id is None:
                return None
            row = conn.execute(with_doc().where(records.c.record_id == record_id)).one()
        return local_record(row._mapping)

    def earlier_record(self, id_number: str, year: int) -> LocalRecord | None:
        """The person's latest live record surveyed before ``year``, if any."""
        with self.engine.connect() as conn:
            record_id = earlier_than(conn, id_number.strip().upper(), year)
            if record_id is None:
                return None
            row = conn.execute(with_doc().where(records.c.record_id == record_id)).one()
        return local_record(row._mapping)

    def count(self, filters: RecordFilter | None = None) -> int:
        """How many records match ``filters`` (a scan of a narrow index, not of the table)."""
        with self.engine.connect() as conn:
            return int(conn.execute(count_query(filters)).scalar_one())

    def ids(
        self,
        filters: RecordFilter | None = None,
        order: Order = "updated_desc",
        *,
        limit: int | None = None,
        offset: int = 0,
        from_end: bool = False,
    ) -> list[str]:
        """The ids of matching records in ``order``; ``limit`` and ``offset`` take a page.

        With ``from_end`` the offset counts from the last match (the page still comes in
        ``order``): SQLite reads the order's index backwards, so a page near the end of a
        long list skips as few index entries as one near the start.
        """
        query = ids_query(filters, order, limit=limit, offset=offset, reverse=from_end)
        with self.engine.connect() as conn:
            found = list(conn.execute(query).scalars())
        if from_end:
            found.reverse()
        return found

    def list_start(
        self,
        filters: RecordFilter | None = None,
        order: Order = "updated_desc",
        *,
        page_size: int = 200,
        whole_below: int = 2_000,
    ) -> ListStart:
        """The count and first ids of a list: every id when fewer than ``whole_below`` match.

        A search or a narrow filter (a prefix, drafts) is answered fastest by its own index
        and a sort of its few matches; paging it with LIMIT would make SQLite walk the
        order's index past hundreds of thousands of non-matches to fill each page. A broad
        list is read a page at a time along the order's index.
        """
        total = self.count(filters)
        if total == 0:
            return ListStart(0, [], True)
        if total < whole_below:
            return ListStart(total, self.ids(filters, order), True)
        return ListStart(total, self.ids(filters, order, limit=page_size), False)

    def page(self, ids: Sequence[str]) -> list[RecordRow]:
        """The list rows of ``ids``, in the order given (missing ids are left out)."""
        if not ids:
            return []
        with self.engine.connect() as conn:
            found = {r.record_id: r for r in conn.execute(page_query(ids))}
        rows = []
        for record_id in ids:
            r = found.get(record_id)
            if r is None:
                continue
            survey = r.survey_date.isoformat() if isinstance(r.survey_date, date) else None
            rows.append(
                RecordRow(
                    r.record_id,
                    r.name,
                    r.id_number,
                    r.region_code,
                    survey,
                    r.state,
                    bool(r.needs_correction),
                    r.surveyor,
                    review_mark(r.review_state, r.state),
                )
            )
        return rows

    def surveyors(self, limit: int = 500) -> list[str]:
        """The surveyors (调查人) named by the records here, in order, for the list's filter."""
        query = (
            select(records.c.surveyor)
            .where(records.c.surveyor.is_not(None), records.c.deleted.is_(False))
            .distinct()
            .order_by(records.c.surveyor)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [str(v) for v in conn.execute(query).scalars()]

    def conflicts(self) -> list[LocalRecord]:
        """Records where the worker must choose between the laptop's and the centre's values."""
        with self.engine.connect() as conn:
            rows = conn.execute(with_doc().where(records.c.state == "conflict")).all()
        return [local_record(r._mapping) for r in rows]

    def queue(self) -> list[QueueEntry]:
        """What waits for the worker or the centre: first the records the centre's review
        returned (oldest return first) until their correction is accepted, then the records
        not yet acknowledged (oldest first), each with the reasons it was refused."""
        columns = (
            records.c.record_id,
            records.c.name,
            records.c.state,
            records.c.findings_doc,
            *REVIEW_COLUMNS,
        )
        returned = (
            select(*columns)
            .join(record_reviews, review_applies())
            .where(
                record_reviews.c.state == "returned",
                records.c.deleted.is_(False),
                self._mine(),
            )
            .order_by(record_reviews.c.reviewed_at, records.c.record_id)
        )
        queued = (
            select(*columns)
            .join(outbox, outbox.c.record_id == records.c.record_id)
            .outerjoin(record_reviews, review_applies())
            .order_by(outbox.c.queued_seq)
        )
        with self.engine.connect() as conn:
            rows = list(conn.execute(returned))
            listed = {r.record_id for r in rows}
            rows += [r for r in conn.execute(queued) if r.record_id not in listed]
        return [
            QueueEntry(
                r.record_id,
                r.name,
                r.state,
                findings_of(r.findings_doc),
                review_from(r._mapping),
            )
            for r in rows
        ]

    def _mine(self) -> ColumnElement[bool]:
        """The records whose returns this account corrects: on a reviewer's laptop those it
        saved itself (the rest are its workers' to correct), on a worker's every one."""
        return records.c.saved_by == self.username if self.reviewer else true()

    def returned_count(self) -> int:
        """How many records the centre's review returned that still wait for a correction."""
        query = (
            select(func.count())
            .select_from(records)
            .join(record_reviews, review_applies())
            .where(
                record_reviews.c.state == "returned",
                records.c.deleted.is_(False),
                records.c.state.not_in(CORRECTION_ON_ITS_WAY),
                self._mine(),
            )
        )
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def status_counts(self) -> dict[str, int]:
        """A count for every state (zeros included), those to correct under newer rules, and
        those returned by review still to correct: the ``status`` command's JSON."""
        query = select(records.c.state, func.count()).group_by(records.c.state)
        # Syncing: pending, with the op on its way (outbox.sending; no row holds the state).
        sending = (
            select(func.count())
            .select_from(outbox.join(records, records.c.record_id == outbox.c.record_id))
            .where(outbox.c.sending == literal_column("1"), records.c.state == "pending")
        )
        with self.engine.connect() as conn:
            counts: dict[str, int] = {str(s): int(n) for s, n in conn.execute(query)}
            counts["syncing"] = int(conn.execute(sending).scalar_one())
        counts["pending"] = counts.get("pending", 0) - counts["syncing"]
        result: dict[str, int] = {state: int(counts.get(state, 0)) for state in STATES}
        result["needs_correction"] = self.count(RecordFilter(needs_correction=True))
        result["returned"] = self.returned_count()
        return result

    def all_records(self, *, include_deleted: bool = False) -> Iterable[dict[str, Any]]:
        """Every record's JSON form, in id order (export)."""
        query = (
            select(record_docs.c.doc)
            .join(records, records.c.record_id == record_docs.c.record_id)
            .order_by(records.c.record_id)
        )
        if not include_deleted:
            query = query.where(records.c.deleted.is_(False))
        with self.engine.connect() as conn:
            for (doc,) in conn.execute(query):
                yield orjson.loads(doc)

    def void(self, record_id: str) -> None:
        """Drop a draft that never reached the centre; anything the centre has stays."""
        local = self.get(record_id)
        if local.state != "draft" or local.version is not None:
            raise StoreError(f"{record_id}: only a draft never synced can be discarded")
        with write_transaction(self.engine) as conn:
            set_state(conn, record_id, "draft", deleted=True)
            dequeue(conn, record_id)

    def spot_checks(self) -> SpotChecks:
        """This account's spot-check assignments and verdicts (loaded on first use: the
        module brings the HTTP client, which the program's start does not need)."""
        from desktop.store.spotchecks import SpotChecks

        return SpotChecks(self.engine)

    def cipher_version(self) -> str:
        """The SQLCipher version under this database (the about box shows it)."""
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA cipher_version").scalar())
