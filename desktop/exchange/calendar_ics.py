"""An iCalendar (.ics) file of the weekly sessions and the daily diary reminder (RFC 5545)."""

from __future__ import annotations

import datetime as dt
import hashlib


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return [line]
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return [parts[0]] + [" " + p for p in parts[1:]]


def _uid(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:24] + "@supportback.invalid"


def reminders_calendar(sessions: list[tuple[int, dt.date]], reminder_time: str | None, first_day: dt.date,
                       session_summary: str, diary_summary: str, diary_description: str,
                       stamp: dt.datetime) -> str:
    """Whole-day events for sessions (summary may use {number}) and a daily repeating diary reminder."""
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//SupportBack Desktop//Reminders//EN", "CALSCALE:GREGORIAN"]
    for number, day in sessions:
        lines += ["BEGIN:VEVENT", f"UID:{_uid('session', number, day)}", f"DTSTAMP:{stamp_text}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_escape(session_summary.format(number=number))}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    if reminder_time:
        hours, minutes = (int(p) for p in reminder_time.split(":"))
        start = dt.datetime.combine(first_day, dt.time(hours, minutes))
        lines += ["BEGIN:VEVENT", f"UID:{_uid('diary', reminder_time, first_day)}", f"DTSTAMP:{stamp_text}",
                  f"DTSTART:{start:%Y%m%dT%H%M%S}", f"DTEND:{start + dt.timedelta(minutes=5):%Y%m%dT%H%M%S}",
                  "RRULE:FREQ=DAILY", f"SUMMARY:{_escape(diary_summary)}",
                  f"DESCRIPTION:{_escape(diary_description)}",
                  "BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_escape(diary_summary)}", "TRIGGER:PT0M",
                  "END:VALARM", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))
