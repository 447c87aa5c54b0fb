"""Text cells that spreadsheets will not run as formulas, and back.

A spreadsheet treats a cell starting with =, +, -, @, a tab or a carriage return as a
formula. spreadsheet_safe() puts an apostrophe in front of such text (and of text that
already starts with an apostrophe, so the rule can be undone exactly);
from_spreadsheet_safe() removes it again. Numbers and dates never pass through here.
"""

from __future__ import annotations

TRIGGERS = frozenset("=+-@\t\r")
_MARK = "'"


def spreadsheet_safe(text: str) -> str:
    if text and (text[0] in TRIGGERS or text[0] == _MARK):
        return _MARK + text
    return text


def from_spreadsheet_safe(text: str) -> str:
    return text[1:] if text.startswith(_MARK) else text
