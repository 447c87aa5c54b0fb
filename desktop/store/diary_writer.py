"""Writing diary days through the typed ORM models, inside the caller's transaction.

Deleting a day leaves a tombstone (store/tombstones.py) in the same transaction, so the
deletion reaches researchers through the next export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.diary import DiaryEntry
from desktop.store import tombstones
from desktop.store.models import DiaryDay, DiaryExercise, utc_now

SECTION = "diary"


def upsert(session: Session, entry: DiaryEntry) -> str:
    """Save one day, keeping its UUID if it exists: 'added', 'updated' or 'unchanged'."""
    row = session.scalar(select(DiaryDay).where(DiaryDay.day == entry.day))
    if row is not None and to_entry(row) == entry:
        return "unchanged"
    outcome = "updated" if row is not None else "added"
    if row is None:
        row = DiaryDay(day=entry.day)
        session.add(row)
    _fill(row, entry)
    row.updated_at = utc_now()
    return outcome


def remove(session: Session, day: dt.date) -> tuple[DiaryEntry, str, dt.datetime] | None:
    """Delete a day and record its tombstone: (what it held, its uuid, when it was created)."""
    row = session.scalar(select(DiaryDay).where(DiaryDay.day == day))
    if row is None:
        return None
    removed = (to_entry(row), row.uuid, row.created_at)
    tombstones.delete_rows(session, DiaryDay, SECTION, [row.id])
    return removed


def restore(session: Session, entry: DiaryEntry, uuid: str, created_at: dt.datetime) -> bool:
    """Bring a deleted day back as the same row (same uuid); False if the day was filled in again.

    The tombstone goes, and the row's updated_at is later than the tombstone's deleted_at,
    so a collector that already saw the deletion takes the row back ("newest wins").
    """
    taken = session.scalar(select(DiaryDay.id).where((DiaryDay.day == entry.day) | (DiaryDay.uuid == uuid)))
    if taken is not None:
        return False
    deleted_at = tombstones.forget(session, uuid)
    row = DiaryDay(uuid=uuid, day=entry.day, created_at=created_at)
    session.add(row)
    _fill(row, entry)
    row.updated_at = tombstones.later_than(deleted_at)
    return True


def remove_days_except(session: Session, keep: Iterable[dt.date]) -> int:
    """Delete (with tombstones) every day not in `keep`; returns how many went."""
    keep = set(keep)
    ids = [row_id for row_id, day in session.execute(select(DiaryDay.id, DiaryDay.day)) if day not in keep]
    return tombstones.delete_rows(session, DiaryDay, SECTION, ids)


def _fill(row: DiaryDay, entry: DiaryEntry) -> None:
    row.pain = entry.pain
    row.walking_minutes = entry.walking_minutes
    row.limitation = entry.limitation
    row.flare_up = entry.flare_up
    row.sleep = entry.sleep
    row.mood = entry.mood
    row.note = entry.note
    wanted = set(entry.exercises)
    row.exercises = [e for e in row.exercises if e.exercise_key in wanted] + [
        DiaryExercise(exercise_key=key)
        for key in sorted(wanted - {e.exercise_key for e in row.exercises})
    ]


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
