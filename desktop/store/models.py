"""Typed SQLAlchemy models. Every row that may leave the machine has a UUID and updated_at."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def new_uuid() -> str:
    return str(uuid.uuid4())


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class DiaryDay(Base):
    __tablename__ = "diary_day"
    __table_args__ = (
        CheckConstraint("pain BETWEEN 0 AND 10", name="pain_range"),
        CheckConstraint("limitation BETWEEN 0 AND 10", name="limitation_range"),
        CheckConstraint("walking_minutes IS NULL OR walking_minutes BETWEEN 0 AND 1440", name="walking_range"),
        CheckConstraint("sleep IS NULL OR sleep BETWEEN 0 AND 10", name="sleep_range"),
        CheckConstraint("mood IS NULL OR mood BETWEEN 0 AND 10", name="mood_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    pain: Mapped[int]
    walking_minutes: Mapped[int | None]  # NULL: not answered (0 is "no walk")
    limitation: Mapped[int]
    flare_up: Mapped[bool]
    sleep: Mapped[int | None]
    mood: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)

    exercises: Mapped[list[DiaryExercise]] = relationship(
        back_populates="diary_day", cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )


class DiaryExercise(Base):
    """One back exercise done on a diary day."""

    __tablename__ = "diary_exercise"

    diary_day_id: Mapped[int] = mapped_column(
        ForeignKey("diary_day.id", ondelete="CASCADE"), primary_key=True
    )
    exercise_key: Mapped[str] = mapped_column(String(40), primary_key=True)

    diary_day: Mapped[DiaryDay] = relationship(back_populates="exercises")


class AppSetting(Base):
    """A per-profile preference, such as the text size."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UsageEvent(Base):
    """Something the patient did, recorded locally for researchers (session started, video played...)."""

    __tablename__ = "usage_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(64), index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON object
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class ProgrammeState(Base):
    """Where the patient is in the programme (one row)."""

    __tablename__ = "programme_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    started_on: Mapped[dt.date | None] = mapped_column(Date)  # onboarding finished
    activity_choice: Mapped[str] = mapped_column(String(20), default="")  # walking, exercises, both
    safety_outcome: Mapped[str] = mapped_column(String(20), default="")  # clear, same_day, emergency
    paused_for_safety: Mapped[bool] = mapped_column(default=False)
    indicators: Mapped[str] = mapped_column(Text, default="")  # barrier indicators, comma separated
    reminder_time: Mapped[str | None] = mapped_column(String(5))  # HH:MM
    clinic_code: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class SessionRecord(Base):
    """A completed weekly session (1-6; later numbers are weekly reviews in library mode)."""

    __tablename__ = "session_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    number: Mapped[int] = mapped_column(unique=True)
    completed_on: Mapped[dt.date] = mapped_column(Date)
    limitation: Mapped[int | None]
    level: Mapped[int | None]
    days_met: Mapped[int | None]
    days_planned: Mapped[int | None]
    feedback_key: Mapped[str | None] = mapped_column(String(20))
    obstacle: Mapped[str | None] = mapped_column(String(20))
    goal_choice: Mapped[str | None] = mapped_column(String(20))
    module_id: Mapped[str | None] = mapped_column(String(40))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class GoalRecord(Base):
    """A weekly goal as set at a session; the newest session's goals are the current ones."""

    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    session_number: Mapped[int] = mapped_column(index=True)
    activity: Mapped[str] = mapped_column(String(20))
    level: Mapped[int]
    days_per_week: Mapped[int]
    minutes_per_day: Mapped[int] = mapped_column(default=0)
    exercise_count: Mapped[int] = mapped_column(default=0)
    repetitions: Mapped[int] = mapped_column(default=0)
    times_per_day: Mapped[int] = mapped_column(default=0)
    exercises: Mapped[str] = mapped_column(Text, default="")  # exercise keys, ';' separated
    plan_when: Mapped[str] = mapped_column(Text, default="")
    plan_where: Mapped[str] = mapped_column(Text, default="")
    set_on: Mapped[dt.date] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class QuestionnaireResponse(Base):
    """One answer to one item: RMDQ, baseline ratings, safety screen, 'about your back'."""

    __tablename__ = "questionnaire_response"
    __table_args__ = (UniqueConstraint("questionnaire", "occasion", "item_id", name="one_answer_per_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    questionnaire: Mapped[str] = mapped_column(String(20))  # rmdq, baseline, screening, barriers
    occasion: Mapped[str] = mapped_column(String(20))  # onboarding, session2..6, month3, month6, month12
    item_id: Mapped[str] = mapped_column(String(40))
    value: Mapped[int]  # 1/0 for yes/no items, 0-10 for ratings
    answered_on: Mapped[dt.date] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class ActivityRating(Base):
    """Pain expected beforehand, and rated before and after, for one walk or exercise session.

    One row per day and activity; each rating is optional (NULL: not given).
    """

    __tablename__ = "activity_rating"
    __table_args__ = (
        UniqueConstraint("day", "activity", name="one_rating_per_activity_and_day"),
        CheckConstraint("activity IN ('walking', 'exercises')", name="rating_activity"),
        CheckConstraint("expected_pain IS NULL OR expected_pain BETWEEN 0 AND 10", name="expected_pain_range"),
        CheckConstraint("pain_before IS NULL OR pain_before BETWEEN 0 AND 10", name="pain_before_range"),
        CheckConstraint("pain_after IS NULL OR pain_after BETWEEN 0 AND 10", name="pain_after_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    day: Mapped[dt.date] = mapped_column(Date)
    activity: Mapped[str] = mapped_column(String(20))
    expected_pain: Mapped[int | None]
    pain_before: Mapped[int | None]
    pain_after: Mapped[int | None]
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class CallRequest(Base):
    """The patient asked to talk to a physio (an optional short reason); withdrawn stays as a row."""

    __tablename__ = "call_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    requested_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    withdrawn: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class DeletedRow(Base):
    """A tombstone: an exported row that was deleted, so collectors can drop their copy too.

    `section` is the export list the row appeared in (store/tombstones.py SECTIONS).
    """

    __tablename__ = "deleted_row"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    section: Mapped[str] = mapped_column(String(20))
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class MeasuredDay(Base):
    """A day's steps (and walking minutes) measured by a phone or wearable, imported from its
    export file (store/activity_service.py). Only the daily totals; never the file itself."""

    __tablename__ = "measured_day"
    __table_args__ = (
        CheckConstraint("steps IS NULL OR steps BETWEEN 0 AND 200000", name="measured_steps_range"),
        CheckConstraint("walking_minutes IS NULL OR walking_minutes BETWEEN 0 AND 1440",
                        name="measured_walking_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    steps: Mapped[int | None]
    walking_minutes: Mapped[int | None]
    source: Mapped[str] = mapped_column(String(100))  # "Fitbit", or the device in an Apple export
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
