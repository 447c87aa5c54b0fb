"""Diary operations: each public function is one user action in one short transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from desktop.content.loader import ExerciseCatalogue
from desktop.domain.clock import Clock
from desktop.domain.diary import DiaryEntry, validate_entry
from desktop.store.database import Database
from desktop.store.models import DiaryDay, DiaryExercise, utc_now


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int


class DiaryService:
    def __init__(self, database: Database, catalogue: ExerciseCatalogue, clock: Clock):
        self.database = database
        self.catalogue = catalogue
        self.clock = clock

    # Reading
    def get(self, day: dt.date) -> DiaryEntry | None:
        with self.database.reading() as session:
            row = session.scalar(select(DiaryDay).where(DiaryDay.day == day))
            return _to_entry(row) if row else None

    def between(self, first: dt.date | None = None, last: dt.date | None = None) -> list[DiaryEntry]:
        query = select(DiaryDay).order_by(DiaryDay.day)
        if first is not None:
            query = query.where(DiaryDay.day >= first)
        if last is not None:
            query = query.where(DiaryDay.day <= last)
        with self.database.reading() as session:
            return [_to_entry(row) for row in session.scalars(query)]

    def count(self) -> int:
        with self.database.reading() as session:
            return session.scalar(select(func.count()).select_from(DiaryDay)) or 0

    # Writing
    def validate(self, entry: DiaryEntry) -> None:
        validate_entry(entry, self.clock.today(), self.catalogue.keys)

    def save(self, entry: DiaryEntry) -> bool:
        """Save a day, replacing what was there; True if the day is new. Durable on return."""
        self.validate(entry)
        with self.database.writing() as session:
            return _upsert(session, entry) == "added"

    def delete(self, day: dt.date) -> DiaryEntry | None:
        """Delete a day; returns what was deleted so the caller can offer Undo."""
        with self.database.writing() as session:
            row = session.scalar(select(DiaryDay).where(DiaryDay.day == day))
            if row is None:
                return None
            entry = _to_entry(row)
            session.execute(delete(DiaryDay).where(DiaryDay.id == row.id))
            return entry

    def import_entries(
        self, entries: Iterable[DiaryEntry], progress: Callable[[int, int], None] | None = None
    ) -> ImportResult:
        """Save many days all-or-nothing; saving the same days again changes nothing."""
        entries = list(entries)
        for entry in entries:
            self.validate(entry)
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        with self.database.writing() as session:
            for done, entry in enumerate(entries, start=1):
                counts[_upsert(session, entry)] += 1
                if progress and (done % 500 == 0 or done == len(entries)):
                    session.flush()
                    progress(done, len(entries))
        return ImportResult(**counts)

    def replace_all(self, entries: Iterable[DiaryEntry]) -> None:
        """Make the diary hold exactly these days (used for the demo profile)."""
        entries = list(entries)
        for entry in entries:
            self.validate(entry)
        with self.database.writing() as session:
            session.execute(delete(DiaryDay))
            for entry in entries:
                _upsert(session, entry)


def _upsert(session, entry: DiaryEntry) -> str:
    row = session.scalar(select(DiaryDay).where(DiaryDay.day == entry.day))
    if row is not None and _to_entry(row) == entry:
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


def _to_entry(row: DiaryDay) -> DiaryEntry:
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
