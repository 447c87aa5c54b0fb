"""Tombstones: the uuid, export section and time of every exported row that was deleted.

Revision ID: 0005_deleted_row
Revises: 0004_programme
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_deleted_row"
down_revision = "0004_programme"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deleted_row",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("section", sa.String(20), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("deleted_row")
