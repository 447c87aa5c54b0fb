"""When each weekly session opens, and when follow-up questionnaires are due.

Everything works on calendar dates, so daylight-saving changes cannot shift a session. A
clock that goes backwards never undoes a completed session; the next one simply stays
locked until its date comes round.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum


class SessionState(Enum):
    DONE = "done"
    OPEN = "open"  # may be done now (also when it is late: it simply waits)
    LOCKED = "locked"


@dataclass(frozen=True)
class SessionStatus:
    number: int
    state: SessionState
    opens_on: dt.date | None  # for a locked session whose date is known
    completed_on: dt.date | None = None


def session_statuses(completed: list[dt.date], today: dt.date, sessions: int, unlock_days: int,
                     onboarded: bool = True) -> list[SessionStatus]:
    """The state of sessions 1..N given the dates sessions 1..k were completed (in order)."""
    statuses: list[SessionStatus] = []
    for number in range(1, sessions + 1):
        if number <= len(completed):
            statuses.append(SessionStatus(number, SessionState.DONE, None, completed[number - 1]))
            continue
        if number == len(completed) + 1:
            if number == 1:
                opens = None
                state = SessionState.OPEN if onboarded else SessionState.LOCKED
            else:
                opens = completed[-1] + dt.timedelta(days=unlock_days)
                state = SessionState.OPEN if today >= opens else SessionState.LOCKED
            statuses.append(SessionStatus(number, state, opens))
        else:
            statuses.append(SessionStatus(number, SessionState.LOCKED, None))
    return statuses


def current_session(statuses: list[SessionStatus]) -> SessionStatus | None:
    """The first session not yet done (open or locked), or None once all are done."""
    for status in statuses:
        if status.state != SessionState.DONE:
            return status
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    import calendar  # only needed once follow-ups come near

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_ups_due(start: dt.date, today: dt.date, months: tuple[int, ...], done: set[str]) -> list[str]:
    """The follow-up questionnaire due now ('month3', ...), as a list of none or one.

    Only the latest one whose date has come: a 3-month questionnaire not answered by the time
    the 6-month one is due is skipped (the patient sees one questionnaire, not two alike), and
    none once that latest one is answered.
    """
    come = [m for m in months if today >= add_months(start, m)]
    if not come or f"month{max(come)}" in done:
        return []
    return [f"month{max(come)}"]
