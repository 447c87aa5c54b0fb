"""Usage events for researchers: what the patient did and when.

Revision ID: 0003_usage_event
Revises: 0002_app_setting
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_usage_event"
down_revision = "0002_app_setting"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "usage_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_usage_event_kind", "usage_event", ["kind"])


def downgrade() -> None:
    op.drop_index("ix_usage_event_kind", "usage_event")
    op.drop_table("usage_event")
