"""The patient's requests to talk to a physio ("I'd like to talk to a physio").

Revision ID: 0008_call_request
Revises: 0007_activity_rating
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_call_request"
down_revision = "0007_activity_rating"
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
