"""Per-profile preferences (text size and the like).

Revision ID: 0002_app_setting
Revises: 0001_diary
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_app_setting"
down_revision = "0001_diary"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("app_setting")
