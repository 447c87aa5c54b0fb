"""Measured activity: daily steps and walking minutes imported from a phone or wearable.

Revision ID: 0008_measured_day
Revises: 0007_activity_rating
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_measured_day"
down_revision = "0007_activity_rating"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "measured_day",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("day", sa.Date(), nullable=False, unique=True),
        sa.Column("steps", sa.Integer(), nullable=True),
        sa.Column("walking_minutes", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("steps IS NULL OR steps BETWEEN 0 AND 200000", name="measured_steps_range"),
        sa.CheckConstraint("walking_minutes IS NULL OR walking_minutes BETWEEN 0 AND 1440",
                           name="measured_walking_range"),
    )


def downgrade() -> None:
    op.drop_table("measured_day")
