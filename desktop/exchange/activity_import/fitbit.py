"""Fitbit's account export (Google Takeout for Fitbit, or fitbit.com's "Export Your Account
Archive"): the steps JSON files in ``Global Export Data/`` (older archives: ``Physical Activity/``).

Shape: one file per month, named ``steps-2026-03-01.json`` (the date its entries start), holding
a JSON list of ``{"dateTime": "03/01/26 08:01:00", "value": "12"}``: the steps of each minute
with any, the time written month/day/two-digit-year.

- Local days: the minute times in these files are in UTC (unlike the Fitbit app, which shows
  local time), so each minute is turned into the patient's time zone (the computer's, with its
  daylight-saving rules for that date) before it is added to its day.
- One source (the Fitbit account), so the minutes of a day are simply added up.
- These files hold no walks, so walking minutes are left empty.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable

from desktop.exchange.activity_import.common import (
    ActivityFormatError,
    ActivityImport,
    DailyTotals,
    decode_text,
    finish,
    read_number,
)

FORMAT_NAME = "Fitbit"
STEPS_FILE = re.compile(r"(?:^|/)steps-[0-9]{4}-[0-9]{2}-[0-9]{2}\.json$")
_TIME = re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})")
_WHAT = "Fitbit steps file"


def read_steps_files(files: Iterable[tuple[str, bytes]], today: dt.date, zone: dt.tzinfo | None) -> ActivityImport:
    """``files``: (name, bytes) of steps JSON files. ``zone``: the patient's time zone (None: the
    computer's own)."""
    totals = DailyTotals()
    for name, raw in files:
        try:
            entries = json.loads(decode_text(raw, _WHAT))
        except json.JSONDecodeError as exc:
            raise ActivityFormatError(f"{_base(name)} is not complete JSON ({exc.msg} at line {exc.lineno}); "
                                      "the file may be cut off. Export it again.") from None
        if not isinstance(entries, list):
            raise ActivityFormatError(f"{_base(name)} is not a Fitbit steps file (expected a list of "
                                      '{"dateTime": ..., "value": ...} entries).')
        for number, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict) or "dateTime" not in entry or "value" not in entry:
                raise ActivityFormatError(f"{_base(name)}, entry {number}: expected "
                                          '{"dateTime": "03/01/26 08:01:00", "value": "12"}.')
            moment = _utc(entry["dateTime"], name, number)
            steps = read_number(str(entry["value"]), f"{_base(name)}, entry {number}")
            totals.add_steps(moment.astimezone(zone).date(), FORMAT_NAME, steps)
    return finish(FORMAT_NAME, totals.days(FORMAT_NAME), today, _WHAT)


def _utc(text: object, name: str, number: int) -> dt.datetime:
    match = _TIME.fullmatch(text) if isinstance(text, str) else None
    try:
        if match is None:
            raise ValueError
        month, day, year, hour, minute, second = (int(part) for part in match.groups())
        return dt.datetime(2000 + year, month, day, hour, minute, second, tzinfo=dt.UTC)
    except ValueError:
        shown = repr(text) if isinstance(text, str) and len(text) <= 30 else "(not shown)"
        raise ActivityFormatError(f"{_base(name)}, entry {number}: the time {shown} is not a time like "
                                  "03/01/26 08:01:00 (month/day/year).") from None


def _base(name: str) -> str:
    return name.rsplit("/", 1)[-1]
