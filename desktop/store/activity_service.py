"""Measured activity: saving a device's daily totals (read by exchange/activity_import), and
reading them back.

One import is one transaction: every day of the file is saved or none is. Importing the same
file again changes nothing; a later file adds new days and corrects days whose totals changed
(a day keeps one row, whichever file it last came from, with that file's source name). Only the
daily totals are kept: the file itself is read once and never stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.domain.activity import ActivityDay, ActivityImport, finish
from desktop.domain.clock import Clock
from desktop.store.changes import ActivityChanged
from desktop.store.database import Database
from desktop.store.usage_service import add_event

_SOURCE_LENGTH = 100


@dataclass(frozen=True)
class MeasuredActivity:
    day: dt.date
    steps: int | None
    walking_minutes: int | None
    source: str


@dataclass(frozen=True)
class ActivityImportResult:
    format_name: str
    days: int
    first: dt.date
    last: dt.date
    added: int
    updated: int
    unchanged: int


class ActivityService:
    def __init__(self, database: Database, clock: Clock):
        self.database = database
        self.clock = clock

    # Reading (plain sqlite3)
    def between(self, first: dt.date | None = None, last: dt.date | None = None) -> list[MeasuredActivity]:
        params = (first.isoformat() if first else "0000-00-00", last.isoformat() if last else "9999-99-99")
        with self.database.reading() as connection:
            rows = connection.execute(
                "SELECT day, steps, walking_minutes, source FROM measured_day WHERE day BETWEEN ? AND ? ORDER BY day",
                params).fetchall()
        return [MeasuredActivity(dt.date.fromisoformat(day), steps, minutes, source)
                for day, steps, minutes, source in rows]

    def get(self, day: dt.date) -> MeasuredActivity | None:
        found = self.between(day, day)
        return found[0] if found else None

    # Writing
    def save(self, imported: ActivityImport) -> ActivityImportResult:
        """Save the days read from a file (exchange/activity_import), all or nothing.

        Raises ActivityFormatError before anything is written if a day breaks the rules.
        """
        # The same checks again against today's date: days come only through them.
        imported = finish(imported.format_name, list(imported.days), self.clock.today(), "file")
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        changed: list[dt.date] = []
        with self.database.writing() as session:
            existing = self._rows(session, imported.first, imported.last)
            for found in imported.days:
                outcome = _upsert(session, existing.get(found.day), found)
                counts[outcome] += 1
                if outcome != "unchanged":
                    changed.append(found.day)
            if changed:
                add_event(session, "activity_imported", format=imported.format_name, **counts)
        if changed:  # (which days changed is known only inside the transaction, hence not writing(...))
            self.database.changes.announce(ActivityChanged(tuple(changed)))
        return ActivityImportResult(imported.format_name, len(imported.days), imported.first, imported.last,
                                    **counts)

    @staticmethod
    def _rows(session, first: dt.date, last: dt.date) -> dict:
        from sqlalchemy import select

        from desktop.store.models import MeasuredDay

        query = select(MeasuredDay).where(MeasuredDay.day.between(first, last))
        return {row.day: row for row in session.scalars(query)}


def _upsert(session, row, found: ActivityDay) -> str:
    from desktop.store.models import MeasuredDay, utc_now

    source = found.source[:_SOURCE_LENGTH]
    if row is None:
        session.add(MeasuredDay(day=found.day, steps=found.steps, walking_minutes=found.walking_minutes,
                                source=source))
        return "added"
    if (row.steps, row.walking_minutes, row.source) == (found.steps, found.walking_minutes, source):
        return "unchanged"
    row.steps, row.walking_minutes, row.source = found.steps, found.walking_minutes, source
    row.updated_at = utc_now()
    return "updated"
