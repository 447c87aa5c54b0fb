"""The patient's requests to talk to a physio ("I'd like to talk to a physio").

Revision ID: 0009_call_request
Revises: 0008_measured_day
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_call_request"
down_revision = "0008_measured_day"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "call_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("call_request")
