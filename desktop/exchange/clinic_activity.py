"""Measured steps (export schema 2's ``measured_activity``) as the clinician's summary mentions
them: how many days the patient imported, and the average a day over the recent window beside
the first days, kept apart from the diary's own walking answers (which the patient wrote)."""

from __future__ import annotations

import datetime as dt
from statistics import mean

from desktop.content.loader import text


def measured_steps_lines(data: dict, today: dt.date, recent_days: int) -> list[str]:
    """Sentences for the summary; none when the export holds no measured steps."""
    days = [d for d in data.get("measured_activity", []) if d["steps"] is not None]
    if not days:
        return []
    days.sort(key=lambda d: d["date"])
    lines = [text("clinic_measured_days", days=len(days), first=days[0]["date"], last=days[-1]["date"])]
    first_recent = (today - dt.timedelta(days=recent_days - 1)).isoformat()
    recent = [d["steps"] for d in days if first_recent <= d["date"] <= today.isoformat()]
    if recent:
        lines.append(text("clinic_measured_recent", steps=f"{round(mean(recent)):,}", days=len(recent),
                          window=recent_days))
    else:
        lines.append(text("clinic_measured_none_recent", window=recent_days))
    earliest = days[:recent_days]
    if len(days) >= 2 * recent_days:
        lines.append(text("clinic_measured_first", steps=f"{round(mean(d['steps'] for d in earliest)):,}",
                          days=len(earliest)))
    return lines
