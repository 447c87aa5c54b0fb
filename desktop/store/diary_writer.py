"""Writing diary days through the typed ORM models, inside the caller's transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.domain.diary import DiaryEntry
from desktop.store.models import DiaryDay, DiaryExercise, utc_now


def upsert(session: Session, entry: DiaryEntry) -> str:
    """Save one day, keeping its UUID if it exists: 'added', 'updated' or 'unchanged'."""
    row = session.scalar(select(DiaryDay).where(DiaryDay.day == entry.day))
    if row is not None and to_entry(row) == entry:
        return "unchanged"
    outcome = "updated" if row is not None else "added"
    if row is None:
        row = DiaryDay(day=entry.day)
        session.add(row)
    row.pain = entry.pain
    row.walking_minutes = entry.walking_minutes
    row.limitation = entry.limitation
    row.flare_up = entry.flare_up
    row.sleep = entry.sleep
    row.mood = entry.mood
    row.note = entry.note
    row.updated_at = utc_now()
    wanted = set(entry.exercises)
    row.exercises = [e for e in row.exercises if e.exercise_key in wanted] + [
        DiaryExercise(exercise_key=key)
        for key in sorted(wanted - {e.exercise_key for e in row.exercises})
    ]
    return outcome


def remove(session: Session, day: dt.date) -> DiaryEntry | None:
    row = session.scalar(select(DiaryDay).where(DiaryDay.day == day))
    if row is None:
        return None
    entry = to_entry(row)
    session.execute(delete(DiaryDay).where(DiaryDay.id == row.id))
    return entry


def remove_all(session: Session) -> None:
    session.execute(delete(DiaryDay))


def to_entry(row: DiaryDay) -> DiaryEntry:
    return DiaryEntry(
        day=row.day,
        pain=row.pain,
        walking_minutes=row.walking_minutes,
        limitation=row.limitation,
        flare_up=row.flare_up,
        exercises=frozenset(e.exercise_key for e in row.exercises),
        sleep=row.sleep,
        mood=row.mood,
        note=row.note,
    )
