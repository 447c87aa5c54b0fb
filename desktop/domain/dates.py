"""The one rule for dates and times, shared by every path that reads one.

The diary form and store, diary CSV import, the ``--today`` option and SUPPORTBACK_TODAY,
and reading an export (``research collect``, both ways, and ``clinic open``) all use it:

- a day is written ``YYYY-MM-DD`` in ASCII digits (not ``20261201``, not ``2025-W01-1``) and is
  a real calendar day (not 2026-02-30, not month 13, not year 0000);
- a time is written ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` and exists (no 24:00:00, no leap second
  23:59:60);
- nothing is earlier than EARLIEST_DAY (SupportBack was not used before then, and charts
  drawn from the year 1 overflowed);
- a diary day is no later than today; a day in an export is no later than the day the
  export was made, and an export is not made after the reader's today (give or take
  EXPORT_CLOCK_SLACK for time zones). Times have no upper bound: a device whose clock was set
  back writes times later than its own "now".

Plain Python, no Qt: the domain layer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

EARLIEST_DAY = dt.date(2000, 1, 1)  # no diary day, export day or time before this one
EXPORT_CLOCK_SLACK = dt.timedelta(days=1)  # an export "made tomorrow": the patient's time zone is ahead
EARLIEST_TEXT = EARLIEST_DAY.isoformat()

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
_CLOCK = re.compile(r"[0-9]{2}:[0-9]{2}")


class DateRuleError(ValueError):
    """A date or time that breaks the rule; the message is plain English fit to show."""


def read_day(text: str, what: str = "date") -> dt.date:
    """The calendar day written in ``text`` (``YYYY-MM-DD``, nothing around it), or DateRuleError.
    Bounds are checked separately (check_day)."""
    if not isinstance(text, str) or not _DAY.fullmatch(text):
        raise DateRuleError(f"{what} {_shown(text)} is not a date like 2026-03-01 (year-month-day).")
    try:
        return dt.date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
    except ValueError:
        raise DateRuleError(f"{what} {text!r} is not a day on the calendar.") from None


def check_day(day: dt.date, latest: dt.date, latest_name: str = "today") -> None:
    """DateRuleError unless EARLIEST_DAY <= day <= latest."""
    if day < EARLIEST_DAY:
        raise DateRuleError(f"{day.isoformat()} is before {EARLIEST_TEXT}, the earliest day SupportBack keeps.")
    if day > latest:
        raise DateRuleError(f"{day.isoformat()} is after {latest_name} ({latest.isoformat()}).")


def read_time(text: str, what: str = "time") -> dt.datetime:
    """The UTC time written in ``text`` (``YYYY-MM-DDTHH:MM:SS.ffffffZ``) if it exists, or
    DateRuleError. The bound is checked separately (check_time)."""
    if not isinstance(text, str) or not _TIME.fullmatch(text):
        raise DateRuleError(f"{what} {_shown(text)} is not a time like 2026-03-01T09:30:00.000000Z.")
    try:
        return dt.datetime(int(text[0:4]), int(text[5:7]), int(text[8:10]), int(text[11:13]), int(text[14:16]),
                           int(text[17:19]), int(text[20:26]))
    except ValueError:
        raise DateRuleError(f"{what} {text!r} is not a time on the calendar.") from None


def check_time(moment: dt.datetime) -> None:
    """DateRuleError if ``moment`` is before EARLIEST_DAY (times have no upper bound)."""
    if moment.date() < EARLIEST_DAY:
        raise DateRuleError(f"{moment.isoformat()} is before {EARLIEST_TEXT}, the earliest day SupportBack keeps.")


def read_clock_time(text: str, what: str = "time of day") -> dt.time:
    """``HH:MM`` of a real time of day (00:00 to 23:59), or DateRuleError."""
    if isinstance(text, str) and _CLOCK.fullmatch(text) and int(text[:2]) < 24 and int(text[3:]) < 60:
        return dt.time(int(text[:2]), int(text[3:]))
    raise DateRuleError(f"{what} {_shown(text)} is not a time of day like 09:30.")


def latest_export_day(today: dt.date) -> dt.date:
    """The last day an export read on ``today`` may say it was made."""
    return today + EXPORT_CLOCK_SLACK


def days_within(values: Iterable[str], latest: dt.date) -> bool:
    """Whether every day in ``values`` (already checked by read_day, or in bulk to be real days
    of that exact shape, so text order is date order) lies from EARLIEST_DAY to ``latest``."""
    values = list(values)
    return not values or (min(values) >= EARLIEST_TEXT and max(values) <= latest.isoformat())


def times_within(values: Iterable[str]) -> bool:
    """Whether no time in ``values`` (already of read_time's exact shape) is before EARLIEST_DAY."""
    values = list(values)
    return not values or min(values) >= EARLIEST_TEXT


def _shown(value: object) -> str:
    if isinstance(value, str) and len(value) <= 40 and value.isprintable():
        return repr(value)
    return "(not shown: too long or not plain text)" if isinstance(value, str) else "(missing or not text)"
