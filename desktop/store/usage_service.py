"""Usage events: recorded locally, exported only inside the patient's encrypted export.

Kinds in use: diary_saved, diary_deleted, diary_delete_undone, diary_imported, activity_imported (more arrive with
the programme, videos and export; folder_export and folder_export_missed come from folder sync,
exchange/folder_export.py).
Details are small JSON objects; never put free text a patient typed in them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from desktop.store.database import Database


@dataclass(frozen=True)
class UsageRecord:
    kind: str
    detail: dict
    occurred_at: dt.datetime  # UTC, naive


class UsageService:
    def __init__(self, database: Database):
        self.database = database

    def record(self, kind: str, **detail: object) -> None:
        with self.database.writing() as session:
            add_event(session, kind, **detail)

    def recent(self, limit: int = 1000) -> list[UsageRecord]:
        with self.database.reading() as connection:
            rows = connection.execute(
                "SELECT kind, detail, occurred_at FROM usage_event ORDER BY occurred_at DESC, id DESC LIMIT ?",
                (limit,)).fetchall()
        return [UsageRecord(kind, json.loads(detail), dt.datetime.fromisoformat(when)) for kind, detail, when in rows]


def add_event(session, kind: str, /, **detail: object) -> None:
    """Record an event inside a write transaction that is already open."""
    from desktop.store.models import UsageEvent

    session.add(UsageEvent(kind=kind, detail=json.dumps(detail, sort_keys=True, default=str)))
