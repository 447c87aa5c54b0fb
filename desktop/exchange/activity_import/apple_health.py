"""Apple Health's ``export.xml`` (alone, or inside the ``export.zip`` the Health app makes).

Shape (Health app, "Export All Health Data"): a ``<HealthData>`` root holding, among much else,
``<Record type="HKQuantityTypeIdentifierStepCount" sourceName="..." unit="count"
startDate="2026-03-01 08:50:00 +0100" endDate="..." value="523"/>`` and
``<Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="32.5" durationUnit="min"
sourceName="..." startDate="..." endDate="...">`` (with child elements).

- Streamed: the file can be gigabytes. ElementTree's iterparse reads it piece by piece, every
  finished element is cleared and dropped from the root, and from a zip the XML is read
  straight out of the archive, never extracted to disk.
- Local days: every time in the export is written in the local time of the device when it was
  recorded (the ``+0100`` part), so the day is the date as written. Daylight-saving changes
  and travel are therefore already in the times. A record that runs over midnight counts on the
  day it started.
- Phone and watch: records of each source are added up per day, and the day keeps the larger
  source total (common.DailyTotals): the same walk is never counted twice. Walking workouts
  follow the same rule for walking minutes.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from typing import IO
from xml.etree.ElementTree import ParseError, iterparse

from desktop.exchange.activity_import.common import ActivityFormatError, ActivityImport, DailyTotals, finish

FORMAT_NAME = "Apple Health"
STEPS = "HKQuantityTypeIdentifierStepCount"
WALKING = "HKWorkoutActivityTypeWalking"
_STAMP = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2}) [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}")
_MINUTES_PER = {"min": 1.0, "s": 1 / 60, "sec": 1 / 60, "h": 60.0, "hr": 60.0}
_WHAT = "Apple Health export"
# expat's "no element found", "unclosed token" and "partial character": the input stopped mid-way.
_CUT_OFF = {3, 5, 6}


def read_apple_xml(stream: IO[bytes], today: dt.date) -> ActivityImport:
    """Daily steps and walking minutes from an export.xml stream (ActivityFormatError otherwise)."""
    totals = DailyTotals()
    days = _DayCache()
    root = None
    try:
        for event, element in iterparse(stream, events=("start", "end")):
            if root is None:
                root = element
                if element.tag != "HealthData":
                    raise ActivityFormatError(f"This XML file is not an Apple Health export (it starts with "
                                              f"<{element.tag[:30]}>, an export.xml starts with <HealthData>).")
                continue
            if event != "end":
                continue
            tag = element.tag
            if tag == "Record":
                if element.get("type") == STEPS:
                    attrs = element.attrib
                    totals.add_steps(days.day(attrs.get("startDate")), attrs.get("sourceName") or FORMAT_NAME,
                                     _value(attrs.get("value")))
            elif tag == "Workout":
                if element.get("workoutActivityType") == WALKING:
                    _add_walk(totals, days, element.attrib)
            else:
                continue
            element.clear()
            root.clear()  # drop the finished elements, or a large file would fill the memory
    except ParseError as exc:
        if exc.code in _CUT_OFF:
            raise ActivityFormatError("This Apple Health export ends too early: the file is incomplete "
                                      "(cut off while copying or downloading). Export it again.") from None
        raise ActivityFormatError(f"This Apple Health export is damaged ({exc}). Export it again.") from None
    except (zlib.error, EOFError) as exc:
        raise ActivityFormatError(f"The zip file is damaged ({exc}). Export it again.") from None
    return finish(FORMAT_NAME, totals.days(FORMAT_NAME), today, _WHAT)


def _value(text: str | None) -> float:
    try:
        value = float(text or "")
    except ValueError:
        raise ActivityFormatError(f"A step count record in this Apple Health export has the value "
                                  f"{_shown(text)}, which is not a number.") from None
    if not value >= 0 or value == float("inf"):
        raise ActivityFormatError(f"A step count record in this Apple Health export has the value {_shown(text)}.")
    return value


def _add_walk(totals: DailyTotals, days: _DayCache, attrs) -> None:
    day = days.day(attrs.get("startDate"))
    source = attrs.get("sourceName") or FORMAT_NAME
    duration, unit = attrs.get("duration"), attrs.get("durationUnit", "min")
    if duration is not None and unit in _MINUTES_PER:
        minutes = _value(duration) * _MINUTES_PER[unit]
    else:  # newer exports may leave the duration out: the time between start and end
        start, end = _moment(attrs.get("startDate")), _moment(attrs.get("endDate"))
        minutes = max((end - start).total_seconds() / 60, 0.0)
    totals.add_walk(day, source, minutes)


def _moment(text: str | None) -> dt.datetime:
    if text is None or not _STAMP.fullmatch(text):
        raise ActivityFormatError(f"A workout in this Apple Health export has the time {_shown(text)}, "
                                  "not a time like 2026-03-01 08:50:00 +0100.")
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S %z")


class _DayCache:
    """The local day of a time as written; the day text is checked once and then looked up."""

    def __init__(self) -> None:
        self._days: dict[str, dt.date] = {}

    def day(self, text: str | None) -> dt.date:
        key = text[:10] if text else ""
        found = self._days.get(key)
        if found is None or not text or len(text) != 25:
            if text is None or not _STAMP.fullmatch(text):
                raise ActivityFormatError(f"A record in this Apple Health export has the time {_shown(text)}, "
                                          "not a time like 2026-03-01 08:50:00 +0100.")
            try:
                found = dt.date.fromisoformat(key)
            except ValueError:
                raise ActivityFormatError(f"A record in this Apple Health export has the time {text!r}, "
                                          "which is not a day on the calendar.") from None
            self._days[key] = found
        return found


def _shown(text: str | None) -> str:
    if text is None:
        return "(missing)"
    return repr(text) if len(text) <= 40 and text.isprintable() else "(not shown)"
