"""A plain CSV file for any other device or a spreadsheet: ``date,steps[,walking_minutes]``.

- A header line first: ``date,steps`` or ``date,steps,walking_minutes`` (any case).
- ``date``: YYYY-MM-DD, the patient's own local day, taken as it is written.
- ``steps``: a whole number of steps; ``walking_minutes``: whole minutes, or empty.
- Each day once; days from 2000-01-01 to today.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from desktop.domain.dates import DateRuleError, read_day
from desktop.exchange.activity_import.common import (
    ActivityDay,
    ActivityFormatError,
    ActivityImport,
    decode_text,
    finish,
)

FORMAT_NAME = "CSV file"
HEADERS = (["date", "steps"], ["date", "steps", "walking_minutes"])
_WHOLE = re.compile(r"[0-9]+")
_WHAT = "CSV file"


def looks_like_plain(header: list[str]) -> bool:
    return [cell.strip().lower() for cell in header] in HEADERS


def read_plain_csv(raw: bytes, today: dt.date) -> ActivityImport:
    try:
        rows = list(csv.reader(io.StringIO(decode_text(raw, _WHAT), newline="")))
    except csv.Error as exc:
        raise ActivityFormatError(f"This CSV file cannot be read ({exc}).") from None
    if not rows or not looks_like_plain(rows[0]):
        raise ActivityFormatError("A steps CSV file starts with the line date,steps (or "
                                  "date,steps,walking_minutes).")
    width = len(rows[0])
    days = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width:
            raise ActivityFormatError(f"line {line}: more cells than the header names.")
        cells = [cell.strip() for cell in row] + [""] * (width - len(row))
        try:
            day = read_day(cells[0], "date")
        except DateRuleError as exc:
            raise ActivityFormatError(f"line {line}: {exc}") from None
        steps = _whole(cells[1], line, "steps", required=True)
        minutes = _whole(cells[2], line, "walking_minutes", required=False) if width == 3 else None
        days.append(ActivityDay(day, steps, minutes, FORMAT_NAME))
    return finish(FORMAT_NAME, days, today, _WHAT)


def _whole(text: str, line: int, column: str, required: bool) -> int | None:
    if not text and not required:
        return None
    if not _WHOLE.fullmatch(text):
        shown = repr(text) if len(text) <= 20 and text.isprintable() else "(not shown)"
        raise ActivityFormatError(f"line {line}: {column} {shown} is not a whole number.")
    return int(text)
