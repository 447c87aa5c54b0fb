"""Helpers the activity formats share; the days and their checks are in domain/activity.py."""

from __future__ import annotations

import re

from desktop.domain.activity import (  # noqa: F401 - the formats import these from here
    MAX_DAILY_STEPS,
    ActivityDay,
    ActivityFormatError,
    ActivityImport,
    DailyTotals,
    finish,
    whole,
)

MAX_TEXT_FILE_BYTES = 100 * 1024 * 1024  # one CSV or JSON file (Apple's XML is streamed instead)
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")


def read_number(text: str, what: str) -> float:
    """A plain non-negative number (``4871`` or ``4871.0``), or ActivityFormatError naming ``what``."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        shown = repr(text) if len(text) <= 20 and text.isprintable() else "(not shown)"
        raise ActivityFormatError(f"{what}: {shown} is not a number of steps or minutes.")
    return float(text)


def decode_text(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ActivityFormatError(f"This {what} is not UTF-8 text; export it again, or save it as "
                                  "CSV UTF-8 from a spreadsheet.") from None
