"""What the review rates need of ``reviews``, kept there so they read it alone.

``superseded_at``: when the version a record's latest review judged stopped being the
record's, NULL while it is. A review clears it; the database sets it to the time of the
next version when any writer (push, import, void) adds one to ``record_versions``, by a
trigger, so no writer has to know of reviews. ``returned_at``: when the record was first
returned. Two indexes hold every column the review rates read of ``reviews``: one of the
current reviews by region (with the state, for progress too), one of the others by review
time. An upgrade fills both
columns from what the database holds: superseded at the time the next version of the
record was accepted (none while the review is current), first returned at the earliest
accepted return of the audit.

A later migration that rebuilds ``reviews`` or ``record_versions`` on SQLite (batch mode
copies the table, drops it and renames the copy) must drop the trigger first and make it
again after: SQLite refuses to rename while the trigger names a missing ``reviews``, and
dropping ``record_versions`` drops the trigger with it
(tests/central/test_upgrade_review_rates.py checks the trigger at the newest revision).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 16:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_TRIGGER = "tr_record_versions_review_superseded"
_FUNCTION = "review_superseded"

_SQLITE_TRIGGER = f"""
CREATE TRIGGER {_TRIGGER} AFTER INSERT ON record_versions FOR EACH ROW
BEGIN
    UPDATE reviews SET superseded_at = NEW.saved_at
    WHERE record_id = NEW.record_id AND superseded_at IS NULL;
END
"""

_POSTGRES_FUNCTION = f"""
CREATE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reviews SET superseded_at = NEW.saved_at
    WHERE record_id = NEW.record_id AND superseded_at IS NULL;
    RETURN NULL;
END
$$
"""

_POSTGRES_TRIGGER = f"""
CREATE TRIGGER {_TRIGGER} AFTER INSERT ON record_versions
FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}()
"""

_FILL_SUPERSEDED = """
UPDATE reviews SET superseded_at = (
    SELECT record_versions.saved_at FROM record_versions
    WHERE record_versions.record_id = reviews.record_id
      AND record_versions.version = reviews.version + 1
)
"""

_FILL_RETURNED = """
UPDATE reviews SET returned_at = (
    SELECT min(review_ops.received_at) FROM review_ops
    WHERE review_ops.record_id = reviews.record_id
      AND review_ops.decision = 'return' AND review_ops.status = 'accepted'
)
"""


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_reviews_superseded_at_region_code",
            [
                "superseded_at",
                "region_code",
                "state",
                "survey_date",
                "reviewed_at",
                "returned_at",
            ],
            unique=False,
        )
        batch_op.create_index(
            "ix_reviews_reviewed_at_superseded_at",
            ["reviewed_at", "superseded_at", "returned_at", "record_id"],
            unique=False,
        )
    op.execute(_FILL_SUPERSEDED)
    op.execute(_FILL_RETURNED)
    # After the batch: SQLite's batch mode may copy ``reviews`` to a new table.
    if _postgres():
        op.execute(_POSTGRES_FUNCTION)
        op.execute(_POSTGRES_TRIGGER)
    else:
        op.execute(_SQLITE_TRIGGER)


def downgrade() -> None:
    """Revert this migration."""
    op.execute(f"DROP TRIGGER {_TRIGGER}" + (" ON record_versions" if _postgres() else ""))
    if _postgres():
        op.execute(f"DROP FUNCTION {_FUNCTION}()")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_reviews_reviewed_at_superseded_at")
        batch_op.drop_index("ix_reviews_superseded_at_region_code")
        batch_op.drop_column("returned_at")
        batch_op.drop_column("superseded_at")


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"
