"""What an export must hold beyond its JSON Schema, checked the same way on both ways of reading
it (export_reader: the fast way and the generic one, which ``clinic open`` uses too), on
``data`` decoded as fast_decode's typed structs.

- Every date and time is on the calendar and within the bounds of desktop/domain/dates.py:
  no day before EARLIEST_DAY or after the day the export was made, no time before
  EARLIEST_DAY, and the export not made after the reader's today (give or take a day for time
  zones). A reminder time is a real time of day.
- Exercises (diary days, goals) are keys of the exercise catalogue.
- Whole numbers in event details are within +/-(2**53 - 1) (strict_json.SAFE_INTEGER).

Each check gives a reason for a report, or None; reasons never quote free text.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from desktop.domain import dates
from desktop.exchange.bulk_calendar import DATE_WIDTH, TIME_WIDTH, real_dates, real_times
from desktop.exchange.fast_decode import gatherer
from desktop.exchange.strict_json import whole_numbers_safe

OFF_CALENDAR = "the export holds a date or time that is not on the calendar (such as 2026-02-30 or 24:00:00)"
_EXERCISES = (gatherer(("diary", "[]", "exercises", "[]")), gatherer(("goals", "[]", "exercises", "[]")))
_DETAILS = gatherer(("events", "[]", "detail", "{}"))


@lru_cache(maxsize=1)
def known_exercises() -> frozenset[str]:
    from desktop.content.loader import exercise_catalogue

    return exercise_catalogue().keys


def problem(decoder, data, exported_on: str, exported_at: str, today: dt.date,
            extremes: dict[int, tuple[str, str]] | None = None) -> str | None:
    """Why ``data`` (typed structs from ``decoder``, already schema-valid) breaks a rule above,
    or None. ``extremes``: the fast way's first and last dates and times, whose calendar it has
    checked; without them both are checked here."""
    if not (real_dates([exported_on]) and real_times([exported_at])):
        return OFF_CALENDAR
    made = dates.read_day(exported_on)
    if made < dates.EARLIEST_DAY or exported_at < dates.EARLIEST_TEXT:
        return f"the export says it was made on {exported_on}, before {dates.EARLIEST_TEXT}: check the device's date"
    if made > dates.latest_export_day(today):
        return (f"the export says it was made on {exported_on}, after today ({today.isoformat()}): "
                "check the device's date")
    if extremes is None:
        if not decoder.on_calendar(data):
            return OFF_CALENDAR
        extremes = decoder.extremes(data)
    first_day, last_day = extremes.get(DATE_WIDTH, (exported_on, exported_on))
    if first_day < dates.EARLIEST_TEXT:
        return f"the export holds the day {first_day}, before {dates.EARLIEST_TEXT}, the earliest day SupportBack keeps"
    if last_day > exported_on:
        return f"the export holds the day {last_day}, after the day it was made ({exported_on})"
    first_time = extremes.get(TIME_WIDTH, (exported_at, exported_at))[0]
    if first_time < dates.EARLIEST_TEXT:
        return f"the export holds the time {first_time}, before {dates.EARLIEST_TEXT}"
    return _other_problem(data)


def _other_problem(data) -> str | None:
    reminder = data.programme.reminder_time if data.programme is not None else None
    if reminder is not None:
        try:
            dates.read_clock_time(reminder)
        except dates.DateRuleError:
            return f"the export's reminder time {reminder} is not a time of day"
    known = known_exercises()
    for gather in _EXERCISES:
        unknown = set(gather(data)) - known
        if unknown:
            shown = min(unknown)
            name = repr(shown) if len(shown) <= 40 and shown.isprintable() else "one"
            return f"the export names an exercise SupportBack does not know ({name})"
    if not whole_numbers_safe(_DETAILS(data)):
        return ("the export holds a whole number too large to be read the same everywhere (beyond 2**53 - 1) "
                "in an event's detail")
    return None

