"""Google Fit from Google Takeout: the "Daily activity metrics" CSV files.

Shape (Takeout/Fit/Daily activity metrics/): ``Daily activity metrics.csv`` has one row a day,
``Date,Move Minutes count,Calories (kcal),Distance (m),Heart Points,...,Step count,...,
Walking duration (ms)``; beside it, one file a day named ``2026-03-01.csv`` with a row every 15
minutes, ``Start time,End time,...,Step count,...,Walking duration (ms)`` and times like
``08:15:00.000+01:00``. Columns without data are left empty.

- Local days: Google Fit already cuts its days at midnight in the phone's time zone, so the
  ``Date`` column (or the per-day file's name) is the local day as it is, daylight saving
  included.
- The summary file is used when present (it is the total Google Fit itself shows); the per-day
  files are added up only when there is no summary.
- Walking minutes come from ``Walking duration (ms)`` (activity Google Fit recognised as walking).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable

from desktop.domain.dates import DateRuleError, read_day
from desktop.exchange.activity_import.common import (
    ActivityDay,
    ActivityFormatError,
    ActivityImport,
    decode_text,
    finish,
    read_number,
    whole,
)

FORMAT_NAME = "Google Fit"
SUMMARY_NAME = "Daily activity metrics.csv"
STEPS_COLUMN = "Step count"
WALKING_COLUMN = "Walking duration (ms)"
DAY_FILE = re.compile(r"(?:^|/)([0-9]{4}-[0-9]{2}-[0-9]{2})\.csv$")
_WHAT = "Google Fit file"


def looks_like_summary(header: list[str]) -> bool:
    return bool(header) and header[0].strip() == "Date" and STEPS_COLUMN in header


def looks_like_day_file(header: list[str]) -> bool:
    return bool(header) and header[0].strip() == "Start time" and STEPS_COLUMN in header


def read_summary(raw: bytes, today: dt.date) -> ActivityImport:
    rows = _rows(raw)
    header = rows[0]
    date_at, steps_at, walk_at = 0, header.index(STEPS_COLUMN), _index(header, WALKING_COLUMN)
    days = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        _whole_row(row, header, line, SUMMARY_NAME)
        try:
            day = read_day(_cell(row, date_at).strip(), "Date")
        except DateRuleError as exc:
            raise ActivityFormatError(f"{SUMMARY_NAME}, line {line}: {exc}") from None
        steps = _number(row, steps_at, line)
        minutes = _number(row, walk_at, line) if walk_at is not None else None
        if steps is None and not minutes:
            continue  # a day Google Fit has a row for but no steps or walks
        days.append(ActivityDay(day, whole(steps), whole(None if minutes is None else minutes / 60000),
                                FORMAT_NAME))
    return finish(FORMAT_NAME, days, today, _WHAT)


def read_day_files(files: Iterable[tuple[str, bytes]], today: dt.date) -> ActivityImport:
    """``files``: (name, bytes) of per-day files named YYYY-MM-DD.csv; each is summed into its day."""
    days = []
    for name, raw in files:
        match = DAY_FILE.search(name)
        try:
            day = read_day(match.group(1) if match else "", "The file name's date")
        except DateRuleError as exc:
            raise ActivityFormatError(f"{name}: {exc}") from None
        rows = _rows(raw)
        header = rows[0]
        if not looks_like_day_file(header):
            raise ActivityFormatError(f"{name} is not a Google Fit day file (expected columns "
                                      f"'Start time' and '{STEPS_COLUMN}').")
        steps_at, walk_at = header.index(STEPS_COLUMN), _index(header, WALKING_COLUMN)
        steps = minutes = None
        for line, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            _whole_row(row, header, line, name)
            found = _number(row, steps_at, line, name)
            if found is not None:
                steps = (steps or 0) + found
            walked = _number(row, walk_at, line, name) if walk_at is not None else None
            if walked is not None:
                minutes = (minutes or 0) + walked
        if steps is not None or minutes:
            days.append(ActivityDay(day, whole(steps), whole(None if minutes is None else minutes / 60000),
                                    FORMAT_NAME))
    return finish(FORMAT_NAME, days, today, _WHAT)


def _rows(raw: bytes) -> list[list[str]]:
    try:
        rows = list(csv.reader(io.StringIO(decode_text(raw, _WHAT), newline="")))
    except csv.Error as exc:
        raise ActivityFormatError(f"This Google Fit file is not a readable CSV file ({exc}).") from None
    if not rows:
        raise ActivityFormatError("This Google Fit file is empty.")
    return rows


def _whole_row(row: list[str], header: list[str], line: int, name: str) -> None:
    """Google writes every column on every line (empty when there is no data): a shorter line is
    a file cut off while copying, whose last day would otherwise come in with too few steps."""
    if len(row) != len(header):
        raise ActivityFormatError(f"{name}, line {line}: {len(row)} columns where the first line names "
                                  f"{len(header)}; the file may be cut off or changed. Export it again.")


def _index(header: list[str], name: str) -> int | None:
    return header.index(name) if name in header else None


def _cell(row: list[str], at: int) -> str:
    return row[at] if at < len(row) else ""


def _number(row: list[str], at: int, line: int, name: str = SUMMARY_NAME) -> float | None:
    text = _cell(row, at).strip()
    if not text:
        return None
    return read_number(text, f"{name}, line {line}")
