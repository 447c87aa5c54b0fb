"""Which activity format a file is, and reading it with the right module.

Accepted: Apple Health's export.zip or export.xml; a Google Takeout zip (or the files from it)
with Google Fit's "Daily activity metrics" CSV files or Fitbit's steps-YYYY-MM-DD.json files;
a plain CSV file starting ``date,steps``. Anything else is refused with a message naming these.
The file is opened only if it is a regular file, read once, and never copied anywhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from pathlib import Path

from desktop.exchange.activity_import import apple_health, fitbit, google_fit, plain_csv
from desktop.exchange.activity_import.common import MAX_TEXT_FILE_BYTES, ActivityFormatError, ActivityImport
from desktop.exchange.files import open_regular

EXPECTED = ("SupportBack can read: an Apple Health export (export.zip or export.xml), Google Fit's "
            "\"Daily activity metrics\" CSV from Google Takeout, Fitbit's steps-....json files (or the "
            "Takeout zip holding them), or a CSV file whose first line is date,steps.")
_PEEK = 4096


def read_activity_file(path: Path, today: dt.date, zone: dt.tzinfo | None = None) -> ActivityImport:
    """The daily totals in ``path``, all checked; ActivityFormatError (or OSError) otherwise.
    ``zone``: the patient's time zone for formats written in UTC (None: the computer's own)."""
    path = Path(path)
    with os.fdopen(open_regular(path), "rb") as fh:
        fh = _Blocking(fh)
        start = fh.peek()
        if start[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
            return _read_zip(fh, today, zone)
        text_start = start.lstrip(b"\xef\xbb\xbf \t\r\n")
        if text_start.startswith(b"<"):
            return apple_health.read_apple_xml(fh, today)
        if not text_start:
            raise ActivityFormatError(f"This file is empty. {EXPECTED}")
        raw = _read_capped(fh, path.name)
    if text_start.startswith(b"["):
        return fitbit.read_steps_files([(path.name, raw)], today, zone)
    header = _header(raw)
    if google_fit.looks_like_summary(header):
        return google_fit.read_summary(raw, today)
    if google_fit.looks_like_day_file(header):
        return google_fit.read_day_files([(path.name, raw)], today)
    if plain_csv.looks_like_plain(header):
        return plain_csv.read_plain_csv(raw, today)
    raise ActivityFormatError(f"This file is in none of the formats SupportBack knows. {EXPECTED}")


def _read_zip(fh, today: dt.date, zone: dt.tzinfo | None) -> ActivityImport:
    try:
        archive = zipfile.ZipFile(fh.raw)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ActivityFormatError("This zip file is damaged or incomplete (it may have been cut off while "
                                  "downloading). Download or export it again.") from None
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        names = [info.filename for info in members]
        try:
            apple = [n for n in names if n.rsplit("/", 1)[-1] == "export.xml"]
            if apple:
                with archive.open(apple[0]) as stream:
                    return apple_health.read_apple_xml(stream, today)
            summary = [n for n in names if n.rsplit("/", 1)[-1] == google_fit.SUMMARY_NAME]
            if summary:
                return google_fit.read_summary(_member(archive, summary[0]), today)
            fit_days = sorted(n for n in names if "Daily activity metrics/" in n and google_fit.DAY_FILE.search(n))
            if fit_days:
                return google_fit.read_day_files(((n, _member(archive, n)) for n in fit_days), today)
            steps = sorted(n for n in names if fitbit.STEPS_FILE.search(n))
            if steps:
                return fitbit.read_steps_files(((n, _member(archive, n)) for n in steps), today, zone)
        except (zipfile.BadZipFile, EOFError) as exc:
            raise ActivityFormatError(f"This zip file is damaged ({exc}). Download or export it again.") from None
    raise ActivityFormatError(f"This zip file holds no activity data SupportBack knows. {EXPECTED}")


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    if archive.getinfo(name).file_size > MAX_TEXT_FILE_BYTES:
        raise ActivityFormatError(f"{name} in the zip is too large to be an activity file.")
    with archive.open(name) as member:
        data = member.read(MAX_TEXT_FILE_BYTES + 1)
    if len(data) > MAX_TEXT_FILE_BYTES:
        raise ActivityFormatError(f"{name} in the zip is too large to be an activity file.")
    return data


def _read_capped(fh, name: str) -> bytes:
    data = fh.read(MAX_TEXT_FILE_BYTES + 1)
    if len(data) > MAX_TEXT_FILE_BYTES:
        raise ActivityFormatError(f"{name} is too large to be a CSV or JSON activity file (over 100 MB).")
    return data


def _header(raw: bytes) -> list[str]:
    first = raw[:_PEEK * 4].decode("utf-8-sig", errors="replace").splitlines()[:1]
    try:
        return next(csv.reader(io.StringIO(first[0]))) if first else []
    except (csv.Error, StopIteration):
        return []


class _Blocking:
    """The opened file, with a look at its first bytes that leaves the position at the start."""

    def __init__(self, fh) -> None:
        self.raw = fh

    def peek(self) -> bytes:
        start = self.raw.read(_PEEK)
        self.raw.seek(0)
        return start

    def read(self, size: int = -1) -> bytes:
        return self.raw.read(size)
