"""The centre's review and device tables, and an index for progress (migration 0007).

``reviews`` holds each record's latest review: the version it judged, the decision, the
comments, who and when. A record whose version has moved past the reviewed one is
``unreviewed`` again; nothing has to reset it for the review state. For the review rates
(:mod:`sync.central.review_rates`) ``superseded_at`` says when the judged version stopped
being the record's (NULL while it is): the database sets it itself when any writer adds a
version of the record to ``record_versions`` (a trigger, migration 0009, which says what a
later rebuild of either table on SQLite must do; from 0011 it runs for a second version or
later only, as a first version is a new record, never reviewed), so no writer has to know
of reviews; and
``returned_at`` keeps when the record was first returned.
``review_ops`` is the audit trail and the replay memory of ``POST /reviews``: every review
sent, by ``op_id`` (a primary key, so a replay can never apply twice), with its outcome.
``device_syncs`` keeps, per account and device, what the last sync request said of the
laptop (its program version, its queue) and when it came.
``ix_roster_year_region_code_deleted`` lets progress count a year's roster per region
from an index alone (the roster is written once a year, so an index more costs nothing
that matters). They share the metadata of :mod:`sync.central.tables` so that Alembic sees
one schema.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from sync.central.tables import metadata, roster

reviews = Table(
    "reviews",
    metadata,
    Column("record_id", String(36), primary_key=True),
    Column("version", Integer, nullable=False),  # the record version judged
    Column("state", String(10), nullable=False),  # approved | returned
    Column("comment", Text, nullable=True),
    Column("field_comments", Text, nullable=True),  # JSON object FIELD -> text
    Column("reviewed_by", String(64), nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    Column("seq", BigInteger, nullable=False),  # the record's seq while this is current
    # The version's region and survey date, for progress (sync.central.progress).
    Column("region_code", String(9), nullable=True),
    Column("survey_date", Date, nullable=True),
    # When the version judged stopped being the record's (NULL while it is): cleared by
    # POST /reviews, set by the database to the time the next version of the record was
    # accepted (the trigger of migration 0009 on record_versions), for the review rates.
    Column("superseded_at", DateTime(timezone=True), nullable=True),
    # When the record was first returned (an accepted return), for the return rate.
    Column("returned_at", DateTime(timezone=True), nullable=True),
)
# The review rates and progress read the current reviews (superseded_at NULL) per region
# from the first index alone, and the rates the others, by the review time, from the second
# (migration 0009).
Index(
    "ix_reviews_superseded_at_region_code",
    reviews.c.superseded_at,
    reviews.c.region_code,
    reviews.c.state,
    reviews.c.survey_date,
    reviews.c.reviewed_at,
    reviews.c.returned_at,
)
Index(
    "ix_reviews_reviewed_at_superseded_at",
    reviews.c.reviewed_at,
    reviews.c.superseded_at,
    reviews.c.returned_at,
    reviews.c.record_id,
)

review_ops = Table(
    "review_ops",
    metadata,
    Column("op_id", String(64), primary_key=True),
    Column("record_id", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("decision", String(10), nullable=False),  # approve | return
    Column("comment", Text, nullable=True),
    Column("field_comments", Text, nullable=True),
    Column("username", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("status", String(10), nullable=False),  # accepted | stale | forbidden
    Column("seq", BigInteger, nullable=True),  # the change number of an accepted review
    Column("result", Text, nullable=False),  # the answer as JSON, returned on replay
)
Index("ix_review_ops_record_id", review_ops.c.record_id)

device_syncs = Table(
    "device_syncs",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("device_id", String(64), primary_key=True),
    Column("last_sync_at", DateTime(timezone=True), nullable=False),
    Column("app_version", String(40), nullable=True),
    Column("queue_length", Integer, nullable=True),
)

Index("ix_roster_year_region_code_deleted", roster.c.year, roster.c.region_code, roster.c.deleted)
