"""Walking not answered is not 0: diary_day.walking_minutes may be NULL.

SQLite cannot drop NOT NULL in place, so diary_day is rebuilt (batch mode) from the table
written out below, every row kept with its id. Dropping the old table would cascade to
diary_exercise (foreign keys are on, and cannot be turned off inside the migration's
transaction), so those rows are set aside first and put back after.

Revision ID: 0006_walking_optional
Revises: 0005_deleted_row
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_walking_optional"
down_revision = "0005_deleted_row"
branch_labels = None
depends_on = None

_KEEP = "_diary_exercise_kept"


def _walking_check(nullable: bool) -> str:
    return "walking_minutes IS NULL OR walking_minutes BETWEEN 0 AND 1440" if nullable else \
        "walking_minutes BETWEEN 0 AND 1440"


def _diary_day(walking_nullable: bool) -> sa.Table:
    """diary_day as it stands before the change (batch mode copies from this, not from reflection,
    which would lose the named CHECK constraints)."""
    return sa.Table(
        "diary_day", sa.MetaData(),
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("day", sa.Date(), nullable=False, unique=True),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.Column("walking_minutes", sa.Integer(), nullable=walking_nullable),
        sa.Column("limitation", sa.Integer(), nullable=False),
        sa.Column("flare_up", sa.Boolean(), nullable=False),
        sa.Column("sleep", sa.Integer(), nullable=True),
        sa.Column("mood", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("pain BETWEEN 0 AND 10", name="pain_range"),
        sa.CheckConstraint("limitation BETWEEN 0 AND 10", name="limitation_range"),
        sa.CheckConstraint(_walking_check(walking_nullable), name="walking_range"),
        sa.CheckConstraint("sleep IS NULL OR sleep BETWEEN 0 AND 10", name="sleep_range"),
        sa.CheckConstraint("mood IS NULL OR mood BETWEEN 0 AND 10", name="mood_range"),
    )


def _rebuild(walking_nullable: bool) -> None:
    op.execute(f"CREATE TEMP TABLE {_KEEP} AS SELECT diary_day_id, exercise_key FROM diary_exercise")
    with op.batch_alter_table("diary_day", copy_from=_diary_day(not walking_nullable), recreate="always") as batch:
        batch.alter_column("walking_minutes", existing_type=sa.Integer(), nullable=walking_nullable)
        batch.drop_constraint("walking_range", type_="check")
        batch.create_check_constraint("walking_range", _walking_check(walking_nullable))
    op.execute(f"INSERT OR IGNORE INTO diary_exercise (diary_day_id, exercise_key)"
               f" SELECT diary_day_id, exercise_key FROM {_KEEP}")
    op.execute(f"DROP TABLE {_KEEP}")


def upgrade() -> None:
    _rebuild(walking_nullable=True)


def downgrade() -> None:
    op.execute("UPDATE diary_day SET walking_minutes = 0 WHERE walking_minutes IS NULL")
    _rebuild(walking_nullable=False)
