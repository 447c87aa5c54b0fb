"""The programme: state, completed sessions, goals and questionnaire answers.

Revision ID: 0004_programme
Revises: 0003_usage_event
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_programme"
down_revision = "0003_usage_event"
branch_labels = None
depends_on = None


def _common():
    return [sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("uuid", sa.String(36), nullable=False, unique=True)]


def upgrade() -> None:
    op.create_table(
        "programme_state", *_common(),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("activity_choice", sa.String(20), nullable=False),
        sa.Column("safety_outcome", sa.String(20), nullable=False),
        sa.Column("paused_for_safety", sa.Boolean(), nullable=False),
        sa.Column("indicators", sa.Text(), nullable=False),
        sa.Column("reminder_time", sa.String(5), nullable=True),
        sa.Column("clinic_code", sa.String(64), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "session_record", *_common(),
        sa.Column("number", sa.Integer(), nullable=False, unique=True),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("limitation", sa.Integer(), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("days_met", sa.Integer(), nullable=True),
        sa.Column("days_planned", sa.Integer(), nullable=True),
        sa.Column("feedback_key", sa.String(20), nullable=True),
        sa.Column("obstacle", sa.String(20), nullable=True),
        sa.Column("goal_choice", sa.String(20), nullable=True),
        sa.Column("module_id", sa.String(40), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "goal", *_common(),
        sa.Column("session_number", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(20), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("days_per_week", sa.Integer(), nullable=False),
        sa.Column("minutes_per_day", sa.Integer(), nullable=False),
        sa.Column("exercise_count", sa.Integer(), nullable=False),
        sa.Column("repetitions", sa.Integer(), nullable=False),
        sa.Column("times_per_day", sa.Integer(), nullable=False),
        sa.Column("exercises", sa.Text(), nullable=False),
        sa.Column("plan_when", sa.Text(), nullable=False),
        sa.Column("plan_where", sa.Text(), nullable=False),
        sa.Column("set_on", sa.Date(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_goal_session_number", "goal", ["session_number"])
    op.create_table(
        "questionnaire_response", *_common(),
        sa.Column("questionnaire", sa.String(20), nullable=False),
        sa.Column("occasion", sa.String(20), nullable=False),
        sa.Column("item_id", sa.String(40), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("questionnaire", "occasion", "item_id", name="one_answer_per_item"),
    )


def downgrade() -> None:
    op.drop_table("questionnaire_response")
    op.drop_index("ix_goal_session_number", "goal")
    op.drop_table("goal")
    op.drop_table("session_record")
    op.drop_table("programme_state")
