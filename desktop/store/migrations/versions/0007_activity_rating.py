"""Before-and-after pain ratings of a walk or an exercise session (and the pain expected).

Revision ID: 0007_activity_rating
Revises: 0006_walking_optional
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_activity_rating"
down_revision = "0006_walking_optional"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_rating",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("activity", sa.String(20), nullable=False),
        sa.Column("expected_pain", sa.Integer(), nullable=True),
        sa.Column("pain_before", sa.Integer(), nullable=True),
        sa.Column("pain_after", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("day", "activity", name="one_rating_per_activity_and_day"),
        sa.CheckConstraint("activity IN ('walking', 'exercises')", name="rating_activity"),
        sa.CheckConstraint("expected_pain IS NULL OR expected_pain BETWEEN 0 AND 10", name="expected_pain_range"),
        sa.CheckConstraint("pain_before IS NULL OR pain_before BETWEEN 0 AND 10", name="pain_before_range"),
        sa.CheckConstraint("pain_after IS NULL OR pain_after BETWEEN 0 AND 10", name="pain_after_range"),
    )


def downgrade() -> None:
    op.drop_table("activity_rating")
