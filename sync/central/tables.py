"""The centre's tables (SQLAlchemy Core): the shared record shape plus the centre's own.

``records`` holds each person's record of each survey year; ``record_versions`` is its
history and the audit trail (who, which device, when, the record before and after every
accepted change); ``ops`` remembers the result of every pushed op by its ``op_id`` (a
primary key, so a replay can never write twice); ``seq_counter`` holds the counters that
number changes (row 1: records; row 2: the roster).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    Text,
    false,
    text,
)

from sync.contract.sql_dates import year_of
from sync.contract.tables import (
    base_population_table,
    new_metadata,
    records_table,
    roster_table,
    targets_table,
    trainings_table,
)

metadata = new_metadata()

records = records_table(
    metadata,
    Column("seq", BigInteger, nullable=True),
    Column("saved_by", String(64), nullable=True),
    Column("device_id", String(64), nullable=True),
    Column("void_reason", String(200), nullable=True),
    Column("rules_version", String(64), nullable=True),
)
Index("ix_records_seq", records.c.seq)
# Progress (sync.central.progress) counts the year's records per region and account from
# this index alone, already in GROUP BY order: without it SQLite sorts every record of the
# year, most of the province's progress time (docs/architecture.md). It is also the index
# of every region filter here (its first column); a second one of region_code alone would
# only cost each pushed record one more insert (migration 0010).
Index(
    "ix_records_region_code_saved_by_survey_date_deleted",
    records.c.region_code,
    records.c.saved_by,
    records.c.survey_date,
    records.c.deleted,
)
# One live record per person and survey year (sync.contract.rounds): a database rule, so
# two concurrent pushes cannot both win. It is also the index of every id_number lookup
# here (its first column), which all ask for live records and must say so as ``NOT
# deleted`` (see sync.central.stored.live) for the planner to use it.
Index(
    "uq_records_live_person_year",
    records.c.id_number,
    year_of(records.c.survey_date),
    unique=True,
    sqlite_where=text("NOT deleted"),
    postgresql_where=text("NOT deleted"),
)

record_trainings = trainings_table(metadata)
base_population = base_population_table(metadata)
targets = targets_table(metadata)

# The roster (调查底册) of each year, as `import-reference roster` loaded it. Every change
# of an entry (new, changed, taken off) takes the next number of the roster's own counter
# (ROSTER_COUNTER in seq_counter): GET /sync/roster pages by it. ``left_region_code`` is
# the region an entry's last change moved it out of, so that the accounts of that region
# learn it is gone (sync.central.roster_pull).
roster = roster_table(
    metadata,
    Column("seq", BigInteger, nullable=False),
    Column("left_region_code", String(9), nullable=True),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)
Index("ix_roster_year_seq", roster.c.year, roster.c.seq)

record_versions = Table(
    "record_versions",
    metadata,
    Column("record_id", String(36), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("action", String(10), nullable=False),  # create | update | void | import
    Column("op_id", String(64), nullable=True),
    Column("saved_by", String(64), nullable=False),
    Column("device_id", String(64), nullable=True),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("rules_version", String(64), nullable=True),
    Column("before", Text, nullable=True),  # canonical JSON, NULL on create
    Column("after", Text, nullable=True),  # canonical JSON, NULL on void
)

ops = Table(
    "ops",
    metadata,
    Column("op_id", String(64), primary_key=True),
    Column("record_id", String(36), nullable=False),
    Column("username", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("status", String(10), nullable=False),
    Column("result", Text, nullable=False),  # the PushResult as JSON, returned on replay
)

seq_counter = Table(
    "seq_counter",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("value", BigInteger, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("password_hash", String(300), nullable=False),
    Column("role", String(10), nullable=False),
    Column("region_code", String(9), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False, server_default=false()),
    Column("display_name", String(64), nullable=True),
    Column("phone", String(20), nullable=True),
    # A one-time password (import-users, reset-password): login refuses until it is changed.
    Column("must_change_password", Boolean, nullable=False, default=False, server_default=false()),
)

tokens = Table(
    "tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("username", String(64), nullable=False, index=True),
    Column("device_id", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

# Each (device, account) the centre has issued a token to: when it was last seen (token use,
# at most every few minutes), its program version, and whether it is revoked (and told to
# erase that account's local data). A revoked device's tokens stop working at once.
devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("username", String(64), primary_key=True),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("app_version", String(40), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    Column("revoked_by", String(64), nullable=True),
    Column("wipe", Boolean, nullable=False, default=False, server_default=false()),
)
Index("ix_devices_username", devices.c.username)

# The audit trail of account administration: who did what to which account or device.
account_events = Table(
    "account_events",
    metadata,
    Column("event_id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(64), nullable=False),  # an account, or "(command line)"
    Column("action", String(20), nullable=False),
    Column("target", String(64), nullable=False),  # an account or a device id
    Column("detail", String(200), nullable=True),
)
Index("ix_account_events_target", account_events.c.target)

# Failed logins (sync.central.login_throttle): one row per "pair:ADDRESS|USERNAME" and per
# "addr:ADDRESS", forgotten a window after its last failure.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("key", String(120), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("first_failed_at", DateTime(timezone=True), nullable=False),
    Column("last_failed_at", DateTime(timezone=True), nullable=False, index=True),
)
