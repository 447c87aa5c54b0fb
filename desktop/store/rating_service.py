"""Before-and-after pain ratings: one user action, one short transaction, announced after commit.

One row per day and activity (walking or exercises). Saving a rating with every number
empty deletes the row, leaving a tombstone for exports (section ``activity_ratings``), as
deleting any exported row does. Reads use plain SQL; writes use the ORM.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.domain.clock import Clock
from desktop.domain.expectations import ActivityRating, validate_rating
from desktop.store.changes import RatingsChanged
from desktop.store.database import Database
from desktop.store.usage_service import add_event

SECTION = "activity_ratings"
_COLUMNS = "day, activity, expected_pain, pain_before, pain_after"


def read_ratings(connection: sqlite3.Connection, first: dt.date | None = None,
                 last: dt.date | None = None) -> list[ActivityRating]:
    params = (first.isoformat() if first else "0000-00-00", last.isoformat() if last else "9999-99-99")
    rows = connection.execute(f"SELECT {_COLUMNS} FROM activity_rating WHERE day BETWEEN ? AND ?"
                              " ORDER BY day, activity", params).fetchall()
    return [ActivityRating(dt.date.fromisoformat(day), activity, expected, before, after)
            for day, activity, expected, before, after in rows]


class RatingService:
    def __init__(self, database: Database, clock: Clock):
        self.database = database
        self.clock = clock

    def between(self, first: dt.date | None = None, last: dt.date | None = None) -> list[ActivityRating]:
        with self.database.reading() as connection:
            return read_ratings(connection, first, last)

    def get(self, day: dt.date, activity: str) -> ActivityRating | None:
        return next((r for r in self.between(day, day) if r.activity == activity), None)

    def save(self, rating: ActivityRating) -> str:
        """Save (or, with every number empty, delete) the day's rating of that activity:
        'added', 'updated', 'deleted' or 'unchanged'."""
        from sqlalchemy import select

        from desktop.store import tombstones
        from desktop.store.models import ActivityRating as Row
        from desktop.store.models import utc_now

        validate_rating(rating, self.clock.today())
        with self.database.writing(RatingsChanged((rating.day,))) as session:
            row = session.scalar(select(Row).where(Row.day == rating.day, Row.activity == rating.activity))
            if row is None and rating.empty:
                return "unchanged"
            if row is not None and rating.empty:
                tombstones.delete_rows(session, Row, SECTION, [row.id])
                add_event(session, "rating_deleted", day=rating.day.isoformat(), activity=rating.activity)
                return "deleted"
            if row is not None and (row.expected_pain, row.pain_before, row.pain_after) == (
                    rating.expected_pain, rating.pain_before, rating.pain_after):
                return "unchanged"
            outcome = "updated" if row is not None else "added"
            if row is None:
                row = Row(day=rating.day, activity=rating.activity)
                session.add(row)
            row.expected_pain, row.pain_before, row.pain_after = (
                rating.expected_pain, rating.pain_before, rating.pain_after)
            row.updated_at = utc_now()
            # No numbers in the event: only that a rating was given (researchers read the rows).
            add_event(session, "rating_saved", day=rating.day.isoformat(), activity=rating.activity)
            return outcome
