"""The patient's requests to talk to a physio: one user action, one short transaction,
announced after commit (CallRequestChanged), exported in the ``call_requests`` section.

At most one request is open. Asking again while one is open changes its reason (the day it
was asked stays); withdrawing marks it withdrawn, so the clinic's copy learns of it too.
Reads use plain SQL; writes use the ORM.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.domain.call_request import CallRequest, clean_reason, open_request
from desktop.domain.clock import Clock
from desktop.store.changes import CallRequestChanged
from desktop.store.database import Database
from desktop.store.usage_service import add_event

SECTION = "call_requests"


def read_requests(connection: sqlite3.Connection) -> list[CallRequest]:
    rows = connection.execute("SELECT uuid, requested_on, reason, withdrawn, updated_at FROM call_request"
                              " ORDER BY requested_on, id").fetchall()
    return [CallRequest(uuid, dt.date.fromisoformat(day), reason, bool(withdrawn), str(updated))
            for uuid, day, reason, withdrawn, updated in rows]


class CallRequestService:
    def __init__(self, database: Database, clock: Clock):
        self.database = database
        self.clock = clock

    def all(self) -> list[CallRequest]:
        with self.database.reading() as connection:
            return read_requests(connection)

    def current(self) -> CallRequest | None:
        """The open request, or None."""
        return open_request(self.all())

    def request(self, reason: str = "") -> CallRequest:
        """Record that the patient would like a call (ReasonNotAccepted for a reason that cannot
        be kept: nothing is saved then)."""
        from sqlalchemy import select

        from desktop.store.models import CallRequest as Row
        from desktop.store.models import utc_now

        reason = clean_reason(reason)
        with self.database.writing(CallRequestChanged()) as session:
            row = session.scalar(select(Row).where(Row.withdrawn.is_(False)).order_by(Row.id.desc()))
            if row is None:
                row = Row(requested_on=self.clock.today(), reason=reason, withdrawn=False)
                session.add(row)
            row.reason = reason
            row.updated_at = utc_now()
            # Whether a reason was given, never the reason itself (it is the patient's words).
            add_event(session, "call_requested", with_reason=bool(reason))
            session.flush()
            saved = CallRequest(row.uuid, row.requested_on, row.reason, False, str(row.updated_at))
        return saved

    def withdraw(self) -> bool:
        """Withdraw the open request; False when there was none."""
        from sqlalchemy import select

        from desktop.store.models import CallRequest as Row
        from desktop.store.models import utc_now

        with self.database.writing(CallRequestChanged()) as session:
            rows = session.scalars(select(Row).where(Row.withdrawn.is_(False))).all()
            for row in rows:
                row.withdrawn = True
                row.updated_at = utc_now()
            if rows:
                add_event(session, "call_request_withdrawn")
            return bool(rows)
