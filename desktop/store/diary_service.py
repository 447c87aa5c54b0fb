"""Diary operations: each public function is one user action in one short transaction.

Reads use plain SQL (diary_reader); writes use the ORM (diary_writer), imported on the first
write so that opening the app does not pay for SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.content.loader import ExerciseCatalogue
from desktop.domain.clock import Clock
from desktop.domain.diary import DiaryEntry, validate_entry
from desktop.store import diary_reader
from desktop.store.changes import DiaryChanged
from desktop.store.database import Database
from desktop.store.usage_service import add_event


@dataclass(frozen=True)
class DeletedDay:
    """A day just deleted, kept by whoever offers Undo so `restore` can bring back the same row."""

    entry: DiaryEntry
    uuid: str
    created_at: dt.datetime

    @property
    def day(self) -> dt.date:
        return self.entry.day


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
        found = self.between(day, day)
        return found[0] if found else None

    def between(self, first: dt.date | None = None, last: dt.date | None = None) -> list[DiaryEntry]:
        with self.database.reading() as connection:
            return diary_reader.read_days(connection, first, last)

    def first_day(self) -> dt.date | None:
        """The earliest day in the diary, or None while it is empty."""
        with self.database.reading() as connection:
            return diary_reader.first_day(connection)

    def count(self) -> int:
        with self.database.reading() as connection:
            return diary_reader.count_days(connection)

    # Writing
    def validate(self, entry: DiaryEntry) -> None:
        validate_entry(entry, self.clock.today(), self.catalogue.keys)

    def save(self, entry: DiaryEntry) -> bool:
        """Save a day, replacing what was there; True if the day is new. Durable on return."""
        from desktop.store import diary_writer

        self.validate(entry)
        with self.database.writing(DiaryChanged((entry.day,))) as session:
            outcome = diary_writer.upsert(session, entry)
            if outcome != "unchanged":
                add_event(session, "diary_saved", day=entry.day.isoformat(), new=outcome == "added")
            return outcome == "added"

    def delete(self, day: dt.date) -> DeletedDay | None:
        """Delete a day, leaving a tombstone for exports; returns what was deleted, for Undo."""
        from desktop.store import diary_writer

        with self.database.writing(DiaryChanged((day,), deleted=True)) as session:
            removed = diary_writer.remove(session, day)
            if removed is None:
                return None
            add_event(session, "diary_deleted", day=day.isoformat())
        return DeletedDay(*removed)

    def restore(self, deleted: DeletedDay) -> bool:
        """Undo a delete: the same row (same uuid) comes back and its tombstone goes.

        If the day has been filled in again since, that newer entry is kept and nothing
        changes (returns False).
        """
        from desktop.store import diary_writer

        self.validate(deleted.entry)
        with self.database.writing(DiaryChanged((deleted.day,))) as session:
            restored = diary_writer.restore(session, deleted.entry, deleted.uuid, deleted.created_at)
            if restored:
                add_event(session, "diary_delete_undone", day=deleted.day.isoformat())
            return restored

    def import_entries(
        self, entries: Iterable[DiaryEntry], progress: Callable[[int, int], None] | None = None
    ) -> ImportResult:
        """Save many days all-or-nothing; saving the same days again changes nothing."""
        from desktop.store import diary_writer

        entries = list(entries)
        for entry in entries:
            self.validate(entry)
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        with self.database.writing(DiaryChanged()) as session:
            for done, entry in enumerate(entries, start=1):
                counts[diary_writer.upsert(session, entry)] += 1
                if progress and (done % 500 == 0 or done == len(entries)):
                    session.flush()
                    progress(done, len(entries))
            add_event(session, "diary_imported", **counts)
        return ImportResult(**counts)

    def replace_all(self, entries: Iterable[DiaryEntry]) -> None:
        """Make the diary hold exactly these days (used for the demo profile).

        Days that stay keep their uuid; days that go leave tombstones, as any deletion does.
        """
        from desktop.store import diary_writer

        entries = list(entries)
        for entry in entries:
            self.validate(entry)
        with self.database.writing(DiaryChanged()) as session:
            diary_writer.remove_days_except(session, {entry.day for entry in entries})
            for entry in entries:
                diary_writer.upsert(session, entry)
