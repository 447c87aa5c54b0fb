"""Typed SQLAlchemy models. Every row that may leave the machine has a UUID and updated_at."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def new_uuid() -> str:
    return str(uuid.uuid4())


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class DiaryDay(Base):
    __tablename__ = "diary_day"
    __table_args__ = (
        CheckConstraint("pain BETWEEN 0 AND 10", name="pain_range"),
        CheckConstraint("limitation BETWEEN 0 AND 10", name="limitation_range"),
        CheckConstraint("walking_minutes BETWEEN 0 AND 1440", name="walking_range"),
        CheckConstraint("sleep IS NULL OR sleep BETWEEN 0 AND 10", name="sleep_range"),
        CheckConstraint("mood IS NULL OR mood BETWEEN 0 AND 10", name="mood_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    pain: Mapped[int]
    walking_minutes: Mapped[int]
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
