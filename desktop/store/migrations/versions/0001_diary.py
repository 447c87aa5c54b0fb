"""The diary: one row a day, and the back exercises done that day.

Revision ID: 0001_diary
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_diary"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "diary_day",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("day", sa.Date(), nullable=False, unique=True),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.Column("walking_minutes", sa.Integer(), nullable=False),
        sa.Column("limitation", sa.Integer(), nullable=False),
        sa.Column("flare_up", sa.Boolean(), nullable=False),
        sa.Column("sleep", sa.Integer(), nullable=True),
        sa.Column("mood", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("pain BETWEEN 0 AND 10", name="pain_range"),
        sa.CheckConstraint("limitation BETWEEN 0 AND 10", name="limitation_range"),
        sa.CheckConstraint("walking_minutes BETWEEN 0 AND 1440", name="walking_range"),
        sa.CheckConstraint("sleep IS NULL OR sleep BETWEEN 0 AND 10", name="sleep_range"),
        sa.CheckConstraint("mood IS NULL OR mood BETWEEN 0 AND 10", name="mood_range"),
    )
    op.create_table(
        "diary_exercise",
        sa.Column(
            "diary_day_id",
            sa.Integer(),
            sa.ForeignKey("diary_day.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("exercise_key", sa.String(40), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("diary_exercise")
    op.drop_table("diary_day")
