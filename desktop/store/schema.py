"""The local database's tables and the ordered migrations that build them.

Migrations are frozen SQL keyed by ``PRAGMA user_version``: step N takes a database from
version N-1 to N and is never edited once shipped, so a laptop that skipped releases opens
its old database and climbs the steps in order. The Table objects below describe the result
for queries; a test checks that the two agree, so a contract column added without a
migration fails the build rather than a worker's laptop.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text

from sync.contract.tables import new_metadata, records_table, roster_table, trainings_table

metadata = new_metadata()

records = records_table(
    metadata,
    # draft | pending | synced | rejected | conflict. A pending record whose op is on its
    # way (outbox.sending) is reported as syncing; no row holds that state (schema v11).
    Column("state", String(10), nullable=False, server_default="draft"),
    # Fields both sides changed: {field: {local, remote}}, while state is conflict.
    Column("conflict_doc", Text, nullable=True),
    # Why the centre refused it, or what newer rules say is wrong: [Finding.to_dict()].
    Column("findings_doc", Text, nullable=True),
    Column("needs_correction", Boolean, nullable=False, server_default="0"),
    Column("saved_by", String(64), nullable=True),
)
# The laptop's own: the entry form's "this person is already registered" lookup, the
# statistics screen's periods, and the lists' township filter. The centre has none of
# them: its one-live-record-per-id_number index serves every id_number lookup it makes,
# its survey-date ranges (quarters, years) read too much of the table for an index to
# pay, and its progress index (led by region_code) serves its region filters.
Index("ix_records_id_number", records.c.id_number)
Index("ix_records_region_code", records.c.region_code)
Index("ix_records_survey_date", records.c.survey_date)
# One person's record of one survey year (schema v7): the save's check of one live record
# per (id_number, survey year), a new year's visit finding the latest record, and the visit
# list asking, for each roster person, whether a record of the year exists. Schema v12
# took ``state`` out of it (v7 had it): every lookup through it reads the
# record's row anyway (for ``deleted``), and a state in an index keyed by person and date
# made each push answer rewrite entries scattered over the whole index.
Index("ix_records_person_year", records.c.id_number, records.c.survey_date)
record_trainings = trainings_table(metadata)

# The record's JSON apart from its row (schema v3): the sync marks a thousand states at a
# time, and a narrow row rewrites in a sixth of the time of one carrying the JSON.
record_docs = Table(
    "record_docs",
    metadata,
    Column(
        "record_id",
        String(36),
        ForeignKey("records.record_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    # The record as last saved (canonical JSON): what get() returns and push sends. The
    # business columns of ``records`` are a best-effort copy for lists, search and
    # indicators, since a draft may hold values no column type accepts.
    Column("doc", Text, nullable=False),
    # The centre's copy at ``version``: the base of a three-way merge. On a synced record
    # the base is ``doc`` itself, whatever this holds.
    Column("base_doc", Text, nullable=True),
)

# One op per record waiting for the centre; what it sends is the record's ``doc``. Found
# by its record: since schema v12 no index is keyed by op_id (a random id, so a batch's
# thousand entries dirtied most pages of that index as they were queued and answered).
outbox = Table(
    "outbox",
    metadata,
    Column("record_id", String(36), primary_key=True),
    # A new op_id for every new content: a replay of the same content is answered, not redone.
    Column("op_id", String(64), nullable=False),
    Column("base_version", Integer, nullable=True),
    Column("queued_seq", Integer, nullable=False),
    # The bytes of the record's JSON as queued (schema v6): the push's progress total,
    # summed from this narrow table rather than from every queued record's JSON.
    Column("size", Integer, nullable=False, server_default="0"),
    # On its way to the centre in a request of this push (schema v11). The mark lives here,
    # not in the record's state: marking a thousand narrow queue rows rewrites a few pages,
    # where the records' state sits in three of their indexes (two keyed by person and
    # date, so a batch dirtied most of their pages), twice per record sent.
    Column("sending", Boolean, nullable=False, server_default="0"),
)
# The few ops marked sending, found without reading the queue (clearing the marks as an
# account opens, the status count of those syncing); unmarked ops have no entry.
Index("ix_outbox_sending", outbox.c.sending, sqlite_where=outbox.c.sending == 1)

settings = Table(
    "sync_settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=True),
)

# Spot checks (双随机, schema v4): the records drawn for this account to inspect, as
# read-only copies kept apart from ``records`` (never edited, never pushed), and the verdict
# per field until the centre has it (``sent``).
spot_check_assignments = Table(
    "spot_check_assignments",
    metadata,
    Column("assignment_id", String(36), primary_key=True),
    Column("draw_id", String(36), nullable=False),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("region_code", String(9), nullable=False),
    Column("record_doc", Text, nullable=True),  # NULL: voided at the centre since the draw
    Column("version", Integer, nullable=True),
)
spot_check_results = Table(
    "spot_check_results",
    metadata,
    Column("assignment_id", String(36), primary_key=True),
    Column("field", String(40), primary_key=True),
    Column("matched", Boolean, nullable=False),
    Column("corrected_doc", Text, nullable=True),
    Column("sent", Boolean, nullable=False, server_default="0"),
)

# The centre's review of a record (schema v8), as the last pull brought it: approved, or
# returned with comments; no row while it is unreviewed. ``version`` is the record version
# judged. Kept apart from ``records`` so that a review, which changes no field, writes no
# record row (desktop/store/reviews.py).
record_reviews = Table(
    "record_reviews",
    metadata,
    Column("record_id", String(36), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("state", String(10), nullable=False),  # approved | returned
    Column("comment", Text, nullable=True),
    Column("field_comments", Text, nullable=True),  # JSON object FIELD -> text
    Column("reviewed_by", String(64), nullable=True),
    Column("reviewed_at", String(40), nullable=True),  # ISO time as the centre sent it
)

# Reviews this account made that the centre has not answered yet (schema v9): one POST
# /reviews each, replayed by op_id after a cut (desktop/store/review_queue.py). While a
# review waits here the laptop shows its decision rather than the ``record_reviews`` one;
# the centre's answer, then the next pull's review, replace it. ``state``: queued, or
# sending while a request holding it is on its way.
review_outbox = Table(
    "review_outbox",
    metadata,
    Column("op_id", String(64), primary_key=True),
    Column("record_id", String(36), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("decision", String(10), nullable=False),  # approve | return
    Column("comment", Text, nullable=True),
    Column("field_comments", Text, nullable=True),  # JSON object FIELD -> text
    Column("queued_at", String(40), nullable=False),  # ISO time, microseconds: the order
    Column("state", String(10), nullable=False, server_default="queued"),
)

# The roster (调查底册, schema v7): the persons of this account's region the centre expects
# visited in the survey year, pulled with a cursor (desktop/store/roster.py). Only the
# current year's roster is kept; it is reference data, never edited here nor pushed.
# Its ``deleted`` stays 0 here: a person taken off the roster leaves the table. ``surveyed``
# is the laptop's own: the person has a live record of the year past its draft. Triggers of
# schema v7 keep it, and the counts of ``roster_progress``, true at every write of a record
# or of the roster, so that the visit list of a county of 60,000 persons reads a few hundred
# village rows and one index page instead of probing the records once per person.
roster = roster_table(metadata, Column("surveyed", Boolean, nullable=False, server_default="0"))
roster_progress = Table(
    "roster_progress",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("region_code", String(9), primary_key=True),  # "" when the roster names none
    Column("village", String(100), primary_key=True),  # "" when the roster names none
    Column("on_roster", Integer, nullable=False, server_default="0"),
    Column("surveyed", Integer, nullable=False, server_default="0"),
)

_V1 = """
CREATE TABLE records (
    record_id VARCHAR(36) NOT NULL,
    name VARCHAR(30),
    id_number VARCHAR(18),
    disability_cert_number VARCHAR(22),
    disability_category SMALLINT,
    disability_level SMALLINT,
    hukou_type SMALLINT,
    region_code VARCHAR(9),
    village VARCHAR(100),
    address VARCHAR(200),
    phone VARCHAR(20),
    education SMALLINT,
    poverty_registered BOOLEAN,
    employment_status SMALLINT,
    employment_form SMALLINT,
    employment_date DATE,
    employer VARCHAR(100),
    unemployment_reason SMALLINT,
    employment_intention BOOLEAN,
    training_need BOOLEAN,
    graduate BOOLEAN,
    graduation_year INTEGER,
    graduate_school VARCHAR(100),
    graduate_major VARCHAR(100),
    graduate_degree SMALLINT,
    graduate_status SMALLINT,
    survey_date DATE,
    surveyor VARCHAR(30),
    created_at DATETIME,
    updated_at DATETIME,
    received_at DATETIME,
    version INTEGER,
    deleted BOOLEAN DEFAULT '0' NOT NULL,
    state VARCHAR(10) DEFAULT 'draft' NOT NULL,
    doc TEXT NOT NULL,
    base_doc TEXT,
    conflict_doc TEXT,
    findings_doc TEXT,
    needs_correction BOOLEAN DEFAULT '0' NOT NULL,
    saved_by VARCHAR(64),
    CONSTRAINT pk_records PRIMARY KEY (record_id)
);
CREATE INDEX ix_records_region_code ON records (region_code);
CREATE INDEX ix_records_survey_date ON records (survey_date);
CREATE INDEX ix_records_id_number ON records (id_number);
CREATE TABLE record_trainings (
    record_id VARCHAR(36) NOT NULL,
    position SMALLINT NOT NULL,
    year INTEGER,
    type SMALLINT,
    period SMALLINT,
    provider VARCHAR(100),
    CONSTRAINT pk_record_trainings PRIMARY KEY (record_id, position),
    CONSTRAINT fk_record_trainings_record_id_records FOREIGN KEY(record_id)
        REFERENCES records (record_id) ON DELETE CASCADE
);
CREATE INDEX ix_record_trainings_year ON record_trainings (year);
CREATE TABLE outbox (
    record_id VARCHAR(36) NOT NULL,
    op_id VARCHAR(64) NOT NULL,
    base_version INTEGER,
    queued_seq INTEGER NOT NULL,
    CONSTRAINT pk_outbox PRIMARY KEY (record_id),
    CONSTRAINT uq_outbox_op_id UNIQUE (op_id)
);
CREATE TABLE sync_settings (
    key VARCHAR(64) NOT NULL,
    value TEXT,
    CONSTRAINT pk_sync_settings PRIMARY KEY (key)
);
"""

# v2: what the record list needs: a filter by state and a prefix search by name
# (a NOCASE index is what SQLite can use for LIKE 'abc%').
_V2 = """
CREATE INDEX ix_records_state ON records (state);
CREATE INDEX ix_records_name_nocase ON records (name COLLATE NOCASE);
CREATE INDEX ix_outbox_queued_seq ON outbox (queued_seq);
"""

# v3: the JSON moves out of the records row (see record_docs).
_V3 = """
CREATE TABLE record_docs (
    record_id VARCHAR(36) NOT NULL,
    doc TEXT NOT NULL,
    base_doc TEXT,
    CONSTRAINT pk_record_docs PRIMARY KEY (record_id),
    CONSTRAINT fk_record_docs_record_id_records FOREIGN KEY(record_id)
        REFERENCES records (record_id) ON DELETE CASCADE
);
INSERT INTO record_docs (record_id, doc, base_doc) SELECT record_id, doc, base_doc FROM records;
ALTER TABLE records DROP COLUMN doc;
ALTER TABLE records DROP COLUMN base_doc;
"""

# v4: spot checks (see spot_check_assignments).
_V4 = """
CREATE TABLE spot_check_assignments (
    assignment_id VARCHAR(36) NOT NULL,
    draw_id VARCHAR(36) NOT NULL,
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL,
    record_id VARCHAR(36) NOT NULL,
    region_code VARCHAR(9) NOT NULL,
    record_doc TEXT,
    version INTEGER,
    CONSTRAINT pk_spot_check_assignments PRIMARY KEY (assignment_id)
);
CREATE TABLE spot_check_results (
    assignment_id VARCHAR(36) NOT NULL,
    field VARCHAR(40) NOT NULL,
    matched BOOLEAN NOT NULL,
    corrected_doc TEXT,
    sent BOOLEAN DEFAULT '0' NOT NULL,
    CONSTRAINT pk_spot_check_results PRIMARY KEY (assignment_id, field)
);
"""

# v5: the record list reads a page at a time (LIMIT/OFFSET), so each order it offers needs
# an index that yields the rows already in that order: no sort of 500,000 rows before the
# first page. ``deleted`` leads because every list query fixes it; the columns after it are
# the order's keys (see listing.order_by). The name index is NOCASE, so it serves the name
# order and a prefix LIKE; it and the ID number's carry every sort key, so a search sorts
# its matches from the index alone, never reading (and decrypting) a table page per match.
# The employment status gets an index for its filter; the planner's statistics (PRAGMA
# optimize on open) tell it which index a filter wants.
_V5 = """
CREATE INDEX ix_records_list_updated ON records (deleted, updated_at DESC, record_id);
CREATE INDEX ix_records_list_name
    ON records (deleted, name COLLATE NOCASE, updated_at DESC, record_id, survey_date);
CREATE INDEX ix_records_list_survey ON records (deleted, survey_date DESC, record_id);
CREATE INDEX ix_records_list_id_number
    ON records (deleted, id_number, updated_at DESC, record_id, survey_date, name);
CREATE INDEX ix_records_employment_status ON records (employment_status);
"""

# v6: each op's size (see outbox).
_V6 = """
ALTER TABLE outbox ADD COLUMN size INTEGER DEFAULT '0' NOT NULL;
UPDATE outbox SET size = coalesce(
    (SELECT length(CAST(d.doc AS BLOB)) FROM record_docs d WHERE d.record_id = outbox.record_id),
    0
);
"""

# v7: annual rounds: a record per person and survey year (see ix_records_person_year), the
# roster and its progress, kept by triggers (see roster). No row moves: every record, queue
# entry and op_id stays as it was; the roster is empty until the next sync fills it.
_V7 = """
CREATE INDEX ix_records_person_year ON records (id_number, survey_date, state);
CREATE TABLE roster (
    year INTEGER NOT NULL,
    id_number VARCHAR(18) NOT NULL,
    name VARCHAR(30),
    disability_cert_number VARCHAR(22),
    disability_category SMALLINT,
    disability_level SMALLINT,
    hukou_type SMALLINT,
    region_code VARCHAR(9),
    village VARCHAR(100),
    address VARCHAR(200),
    phone VARCHAR(20),
    deleted BOOLEAN DEFAULT '0' NOT NULL,
    surveyed BOOLEAN DEFAULT '0' NOT NULL,
    CONSTRAINT pk_roster PRIMARY KEY (year, id_number)
);
CREATE INDEX ix_roster_to_visit ON roster (year, surveyed, region_code, village, name, id_number);
CREATE INDEX ix_roster_name ON roster (year, name COLLATE NOCASE);
CREATE TABLE roster_progress (
    year INTEGER NOT NULL,
    region_code VARCHAR(9) NOT NULL,
    village VARCHAR(100) NOT NULL,
    on_roster INTEGER DEFAULT '0' NOT NULL,
    surveyed INTEGER DEFAULT '0' NOT NULL,
    CONSTRAINT pk_roster_progress PRIMARY KEY (year, region_code, village)
);
CREATE TRIGGER tr_roster_added AFTER INSERT ON roster BEGIN
    INSERT INTO roster_progress (year, region_code, village, on_roster, surveyed)
    VALUES (NEW.year, coalesce(NEW.region_code, ''), coalesce(NEW.village, ''), 1, NEW.surveyed)
    ON CONFLICT (year, region_code, village) DO UPDATE
    SET on_roster = on_roster + 1, surveyed = surveyed + excluded.surveyed;
END;
CREATE TRIGGER tr_roster_removed AFTER DELETE ON roster BEGIN
    UPDATE roster_progress
    SET on_roster = on_roster - 1, surveyed = surveyed - OLD.surveyed
    WHERE year = OLD.year AND region_code = coalesce(OLD.region_code, '')
        AND village = coalesce(OLD.village, '');
END;
CREATE TRIGGER tr_roster_surveyed AFTER UPDATE OF surveyed ON roster
WHEN OLD.surveyed != NEW.surveyed BEGIN
    UPDATE roster_progress SET surveyed = surveyed + NEW.surveyed - OLD.surveyed
    WHERE year = NEW.year AND region_code = coalesce(NEW.region_code, '')
        AND village = coalesce(NEW.village, '');
END;
CREATE TRIGGER tr_records_added AFTER INSERT ON records
WHEN NEW.id_number IS NOT NULL AND NEW.survey_date IS NOT NULL BEGIN
    UPDATE roster SET surveyed = EXISTS (
        SELECT 1 FROM records x WHERE x.id_number = roster.id_number
        AND x.survey_date >= printf('%04d-01-01', roster.year)
        AND x.survey_date < printf('%04d-01-01', roster.year + 1)
        AND x.deleted = 0 AND x.state != 'draft')
    WHERE year = CAST(substr(NEW.survey_date, 1, 4) AS INTEGER) AND id_number = NEW.id_number;
END;
CREATE TRIGGER tr_records_changed AFTER UPDATE OF id_number, survey_date, deleted, state ON records
WHEN OLD.id_number IS NOT NEW.id_number OR OLD.survey_date IS NOT NEW.survey_date
    OR OLD.deleted IS NOT NEW.deleted OR (OLD.state = 'draft') != (NEW.state = 'draft') BEGIN
    UPDATE roster SET surveyed = EXISTS (
        SELECT 1 FROM records x WHERE x.id_number = roster.id_number
        AND x.survey_date >= printf('%04d-01-01', roster.year)
        AND x.survey_date < printf('%04d-01-01', roster.year + 1)
        AND x.deleted = 0 AND x.state != 'draft')
    WHERE (year = CAST(substr(OLD.survey_date, 1, 4) AS INTEGER) AND id_number = OLD.id_number)
        OR (year = CAST(substr(NEW.survey_date, 1, 4) AS INTEGER) AND id_number = NEW.id_number);
END;
CREATE TRIGGER tr_records_removed AFTER DELETE ON records
WHEN OLD.id_number IS NOT NULL AND OLD.survey_date IS NOT NULL BEGIN
    UPDATE roster SET surveyed = EXISTS (
        SELECT 1 FROM records x WHERE x.id_number = roster.id_number
        AND x.survey_date >= printf('%04d-01-01', roster.year)
        AND x.survey_date < printf('%04d-01-01', roster.year + 1)
        AND x.deleted = 0 AND x.state != 'draft')
    WHERE year = CAST(substr(OLD.survey_date, 1, 4) AS INTEGER) AND id_number = OLD.id_number;
END;
"""

# v8: the centre's review (审核) of each record, as pull brought it (desktop/store/reviews.py).
_V8 = """
CREATE TABLE record_reviews (
    record_id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    state VARCHAR(10) NOT NULL,
    comment TEXT,
    field_comments TEXT,
    reviewed_by VARCHAR(64),
    reviewed_at VARCHAR(40),
    CONSTRAINT pk_record_reviews PRIMARY KEY (record_id)
);
"""

# v9: the reviews made here and not yet answered by the centre (see review_outbox).
_V9 = """
CREATE TABLE review_outbox (
    op_id VARCHAR(64) NOT NULL,
    record_id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    decision VARCHAR(10) NOT NULL,
    comment TEXT,
    field_comments TEXT,
    queued_at VARCHAR(40) NOT NULL,
    state VARCHAR(10) DEFAULT 'queued' NOT NULL,
    CONSTRAINT pk_review_outbox PRIMARY KEY (op_id)
);
CREATE INDEX ix_review_outbox_record_id ON review_outbox (record_id);
"""

# v10: the year's lists (this year's records by default, 审核 and its batch approval) count
# and filter by state, review and township along the survey-date index alone: it carries each
# record's state, version and region, so that counting a year of 100,000 records among
# 500,000 reads no table page (2.5 s -> 60 ms), with or without the planner's statistics.
# It still yields the survey-date order, as the index it replaces did.
_V10 = """
DROP INDEX ix_records_list_survey;
CREATE INDEX ix_records_list_survey
    ON records (deleted, survey_date DESC, record_id, state, version, region_code);
"""

# v11: the in-flight mark moves from the record's state to its op (see outbox.sending). A
# batch an older program left ``syncing`` is on no request's way once this one opens it.
_V11 = """
ALTER TABLE outbox ADD COLUMN sending BOOLEAN DEFAULT '0' NOT NULL;
CREATE INDEX ix_outbox_sending ON outbox (sending) WHERE sending = 1;
UPDATE records SET state = 'pending' WHERE state = 'syncing';
"""

# v12: a push's answer (pending -> synced, the new version, the op off the queue) writes
# fewer index entries: no index keyed by op_id (the outbox is rebuilt without its unique
# constraint: the ops are marked by record), no state in the person-year index, and the
# roster's trigger no longer runs for an update that names ``state`` without the person's
# id_number (the push's accept, the rules' re-check, neither a change of draft-ness; a
# state change that may be one names id_number too: writes.set_state, write_record).
_V12 = """
CREATE TABLE outbox_v12 (
    record_id VARCHAR(36) NOT NULL,
    op_id VARCHAR(64) NOT NULL,
    base_version INTEGER,
    queued_seq INTEGER NOT NULL,
    size INTEGER DEFAULT '0' NOT NULL,
    sending BOOLEAN DEFAULT '0' NOT NULL,
    CONSTRAINT pk_outbox PRIMARY KEY (record_id)
);
INSERT INTO outbox_v12 (record_id, op_id, base_version, queued_seq, size, sending)
SELECT record_id, op_id, base_version, queued_seq, size, sending FROM outbox
ORDER BY queued_seq;
DROP TABLE outbox;
ALTER TABLE outbox_v12 RENAME TO outbox;
CREATE INDEX ix_outbox_queued_seq ON outbox (queued_seq);
CREATE INDEX ix_outbox_sending ON outbox (sending) WHERE sending = 1;
DROP INDEX ix_records_person_year;
CREATE INDEX ix_records_person_year ON records (id_number, survey_date);
DROP TRIGGER tr_records_changed;
CREATE TRIGGER tr_records_changed AFTER UPDATE OF id_number, survey_date, deleted ON records
WHEN OLD.id_number IS NOT NEW.id_number OR OLD.survey_date IS NOT NEW.survey_date
    OR OLD.deleted IS NOT NEW.deleted OR (OLD.state = 'draft') != (NEW.state = 'draft') BEGIN
    UPDATE roster SET surveyed = EXISTS (
        SELECT 1 FROM records x WHERE x.id_number = roster.id_number
        AND x.survey_date >= printf('%04d-01-01', roster.year)
        AND x.survey_date < printf('%04d-01-01', roster.year + 1)
        AND x.deleted = 0 AND x.state != 'draft')
    WHERE (year = CAST(substr(OLD.survey_date, 1, 4) AS INTEGER) AND id_number = OLD.id_number)
        OR (year = CAST(substr(NEW.survey_date, 1, 4) AS INTEGER) AND id_number = NEW.id_number);
END;
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10, _V11, _V12)
SCHEMA_VERSION = len(MIGRATIONS)
