"""Dates and diary summaries, formatted with the user's locale."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from desktop.domain.diary import DiaryEntry


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def long_day(day: dt.date) -> str:
    return QLocale().toString(qdate(day), "dddd d MMMM yyyy")


def short_day(day: dt.date) -> str:
    return QLocale().toString(qdate(day), "ddd d MMM")


def _tr(text: str) -> str:
    return QCoreApplication.translate("DiarySummary", text)


def summary(entry: DiaryEntry) -> str:
    parts = [_tr("pain %1 out of 10").replace("%1", str(entry.pain))]
    parts.append(_tr("walked %1 min").replace("%1", str(entry.walking_minutes)) if entry.walking_minutes else _tr("no walk"))
    if entry.exercises:
        parts.append(exercises_text(len(entry.exercises)))
    if entry.flare_up:
        parts.append(_tr("flare-up"))
    return ", ".join(parts)


def exercises_text(count: int) -> str:
    if count == 0:
        return _tr("no exercises")
    return _tr("1 exercise") if count == 1 else _tr("%1 exercises").replace("%1", str(count))
