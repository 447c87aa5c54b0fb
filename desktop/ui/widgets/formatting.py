"""Dates and diary summaries, formatted with the user's locale."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from desktop.content.loader import text
from desktop.domain.diary import DiaryEntry


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def long_day(day: dt.date) -> str:
    return QLocale().toString(qdate(day), "dddd d MMMM yyyy")


def day_words(day: dt.date, today: dt.date) -> tuple[str, str] | None:
    """How the diary's questions name an earlier day: ("yesterday", "yesterday"),
    ("Tuesday", "on Tuesday") within the last week, ("Tuesday 3 March", "on Tuesday 3 March")
    before that; None for today (the questions then say "today" and "right now")."""
    if day >= today:
        return None
    if day == today - dt.timedelta(days=1):
        return text("day_yesterday"), text("day_yesterday")
    name = QLocale().toString(qdate(day), "dddd" if (today - day).days < 7 else "dddd d MMMM")
    return name, text("day_on", day=name)


def short_day(day: dt.date) -> str:
    return QLocale().toString(qdate(day), "ddd d MMM")


def _tr(text: str) -> str:
    return QCoreApplication.translate("DiarySummary", text)


def summary(entry: DiaryEntry) -> str:
    parts = [_tr("pain %1 out of 10").replace("%1", str(entry.pain))]
    if entry.walking_minutes is None:  # not answered: never "no walk"
        from desktop.content.loader import text

        parts.append(text("walking_words_none"))
    else:
        parts.append(_tr("walked %1 min").replace("%1", str(entry.walking_minutes)) if entry.walking_minutes
                     else _tr("no walk"))
    if entry.exercises:
        parts.append(exercises_text(len(entry.exercises)))
    if entry.flare_up:
        parts.append(_tr("flare-up"))
    return ", ".join(parts)


def exercises_text(count: int) -> str:
    if count == 0:
        return _tr("no exercises")
    return _tr("1 exercise") if count == 1 else _tr("%1 exercises").replace("%1", str(count))
