"""The diary CSV format.

Header: date,pain,walking_minutes,exercises,limitation,flare_up,sleep,mood,note
- date: YYYY-MM-DD (ASCII digits, a real calendar day), from 2000-01-01 to today
  (desktop/domain/dates.py has the rule every path shares)
- numbers: ASCII digits only (spaces around them are ignored), not 1_0 or full-width digits
- pain, limitation: whole numbers 0-10 (required)
- walking_minutes: whole number of minutes, 0-1440; 0 for no walk, empty for not answered
  (an empty cell is never read as 0)
- exercises: names from the exercise catalogue separated by ';' (any case), may be empty
- flare_up: yes/no (also true/false, 1/0); empty means no
- sleep, mood: whole numbers 0-10, or empty
- note: free text, may be empty, kept exactly as written (spaces too); no control characters
  other than tabs and line breaks. A note that a spreadsheet would take for a formula
  (beginning with =, +, -, @, a tab or a carriage return) is written with a ' in front,
  which import removes again (desktop/exchange/csv_cells.py has the exact rule).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from pathlib import Path

from desktop.content.loader import ExerciseCatalogue
from desktop.domain.dates import DateRuleError, read_day
from desktop.domain.diary import DiaryEntry, DiaryValidationError, validate_entry
from desktop.exchange.csv_cells import CsvWriter, from_spreadsheet_safe, spreadsheet_safe

HEADER = ["date", "pain", "walking_minutes", "exercises", "limitation", "flare_up", "sleep", "mood", "note"]
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0", ""}
MAX_FILE_BYTES = 50 * 1024 * 1024
_WHOLE_NUMBER = re.compile(r"-?[0-9]+")  # ASCII digits only (int() also takes "1_0" and full-width digits)


class CsvFormatError(ValueError):
    """A problem in a CSV file, naming the line; nothing was imported."""

    def __init__(self, line: int | None, message: str):
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


def read_diary_csv(path: Path, catalogue: ExerciseCatalogue, today: dt.date) -> list[DiaryEntry]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CsvFormatError(None, "the file is too large to be a diary (over 50 MB).")
        raw = path.read_bytes()
    except OSError as exc:
        raise CsvFormatError(None, f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise CsvFormatError(line, "this line is not UTF-8 text; save the file as UTF-8 (in a spreadsheet: "
                                   "CSV UTF-8) and import it again.") from None
    return parse_diary_csv(content, catalogue, today)


def parse_diary_csv(content: str, catalogue: ExerciseCatalogue, today: dt.date) -> list[DiaryEntry]:
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise CsvFormatError(None, "the file is empty; the first line must be: " + ",".join(HEADER))
        header = [h.strip().lower() for h in header]
        if header != HEADER:
            raise CsvFormatError(1, "the header must be exactly: " + ",".join(HEADER))
        entries: list[DiaryEntry] = []
        seen: dict[dt.date, int] = {}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(HEADER):
                raise CsvFormatError(line, f"expected {len(HEADER)} columns, found {len(row)}.")
            entry = _parse_row(dict(zip(HEADER, row)), line, catalogue)
            try:
                validate_entry(entry, today, catalogue.keys)
            except DiaryValidationError as exc:
                raise CsvFormatError(line, str(exc)) from None
            if entry.day in seen:
                raise CsvFormatError(line, f"{entry.day.isoformat()} already appears on line {seen[entry.day]}.")
            seen[entry.day] = line
            entries.append(entry)
    except csv.Error as exc:
        raise CsvFormatError(reader.line_num, f"not valid CSV ({exc}).") from None
    return entries


def _parse_row(cells: dict[str, str], line: int, catalogue: ExerciseCatalogue) -> DiaryEntry:
    try:
        day = read_day(cells["date"].strip())
    except DateRuleError as exc:
        raise CsvFormatError(line, str(exc)) from None
    exercises = set()
    for name in cells["exercises"].split(";"):
        if not name.strip():
            continue
        exercise = catalogue.match_name(name)
        if exercise is None:
            known = ", ".join(e.name for e in catalogue.exercises)
            raise CsvFormatError(line, f"unknown exercise {name.strip()!r} (known: {known}).")
        exercises.add(exercise.key)
    flare = cells["flare_up"].strip().lower()
    if flare not in _TRUE | _FALSE:
        raise CsvFormatError(line, f"flare_up must be yes or no, not {cells['flare_up']!r}.")
    return DiaryEntry(
        day=day,
        pain=_number(cells, "pain", line, required=True),
        walking_minutes=_number(cells, "walking_minutes", line, required=False),
        limitation=_number(cells, "limitation", line, required=True),
        flare_up=flare in _TRUE,
        exercises=frozenset(exercises),
        sleep=_number(cells, "sleep", line, required=False),
        mood=_number(cells, "mood", line, required=False),
        note=from_spreadsheet_safe(cells["note"]),
    )


def _number(cells: dict[str, str], name: str, line: int, required: bool) -> int | None:
    value = cells[name].strip()
    if not value:
        if required:
            raise CsvFormatError(line, f"{name} is empty; it needs a whole number.")
        return None
    if not _WHOLE_NUMBER.fullmatch(value):
        raise CsvFormatError(line, f"{name} must be a whole number written with the digits 0-9, not {value!r}.")
    return int(value)


def format_diary_csv(entries: Iterable[DiaryEntry], catalogue: ExerciseCatalogue) -> str:
    out = io.StringIO(newline="")
    writer = CsvWriter(out)
    writer.writerow(HEADER)
    order = {e.key: i for i, e in enumerate(catalogue.exercises)}
    for entry in sorted(entries, key=lambda e: e.day):
        names = [catalogue.by_key(k).name for k in sorted(entry.exercises, key=lambda k: order.get(k, 99))]
        writer.writerow([
            entry.day.isoformat(),
            entry.pain,
            "" if entry.walking_minutes is None else entry.walking_minutes,
            ";".join(names),
            entry.limitation,
            "yes" if entry.flare_up else "no",
            "" if entry.sleep is None else entry.sleep,
            "" if entry.mood is None else entry.mood,
            spreadsheet_safe(entry.note),
        ])
    return out.getvalue()
