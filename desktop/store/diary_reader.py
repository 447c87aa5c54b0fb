"""Reading diary days with plain SQL (no SQLAlchemy import, so start-up stays fast)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.domain.diary import DiaryEntry

_COLUMNS = "id, day, pain, walking_minutes, limitation, flare_up, sleep, mood, note"


def read_days(connection: sqlite3.Connection, first: dt.date | None = None,
              last: dt.date | None = None) -> list[DiaryEntry]:
    """Days between first and last (inclusive, either may be open), oldest first."""
    params = (first.isoformat() if first else "0000-00-00", last.isoformat() if last else "9999-99-99")
    rows = connection.execute(
        f"SELECT {_COLUMNS} FROM diary_day WHERE day BETWEEN ? AND ? ORDER BY day", params).fetchall()
    exercises: dict[int, set[str]] = {}
    for day_id, key in connection.execute(
            "SELECT e.diary_day_id, e.exercise_key FROM diary_exercise e JOIN diary_day d ON d.id = e.diary_day_id"
            " WHERE d.day BETWEEN ? AND ?", params):
        exercises.setdefault(day_id, set()).add(key)
    return [
        DiaryEntry(day=dt.date.fromisoformat(day), pain=pain, walking_minutes=walking, limitation=limitation,
                   flare_up=bool(flare_up), exercises=frozenset(exercises.get(day_id, ())), sleep=sleep, mood=mood,
                   note=note)
        for day_id, day, pain, walking, limitation, flare_up, sleep, mood, note in rows
    ]


def first_day(connection: sqlite3.Connection) -> dt.date | None:
    row = connection.execute("SELECT min(day) FROM diary_day").fetchone()
    return dt.date.fromisoformat(row[0]) if row and row[0] else None


def count_days(connection: sqlite3.Connection) -> int:
    return connection.execute("SELECT count(*) FROM diary_day").fetchone()[0]


def read_setting(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM app_setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None
