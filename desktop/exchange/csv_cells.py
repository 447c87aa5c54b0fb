"""Free-text CSV cells that a spreadsheet will not run as a formula, and back.

Excel, LibreOffice and Google Sheets treat a cell that begins with ``=``, ``+``, ``-`` or
``@`` as a formula (and skip a leading tab or carriage return before deciding), so a note
typed as ``=HYPERLINK(...)`` could run when a CSV is opened ("CSV injection"). Before
writing a free-text cell, pass it through ``spreadsheet_safe``; it puts a single quote in
front, which spreadsheets show as text. Only free text needs this: dates and numbers we
write ourselves are never changed (a negative number must stay a number).

The rule is lossless, so a program reading our CSV gets back exactly what was written:

- text is *escaped* when it begins with any number of single quotes (zero or more)
  followed by one of ``= + - @ \\t \\r``;
- an escaped text gets one more ``'`` in front; anything else is written as it is.

So ``=1+1`` becomes ``'=1+1``, and a note that really begins ``'=1+1`` becomes ``''=1+1``;
``'hello`` (a quote not followed by a trigger) is left alone. ``from_spreadsheet_safe``
removes the one quote again, and only where ``spreadsheet_safe`` added it:
``from_spreadsheet_safe(spreadsheet_safe(s)) == s`` for every string ``s``.

``CsvWriter`` writes rows ending in ``\n`` and quotes every field holding a ``\r`` or ``\n``
(``csv.writer(..., lineterminator="\n")`` leaves a lone ``\r`` unquoted, which readers then
take for the end of the row).

Plain standard library, no other dependency: the research tables use it too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TextIO

FORMULA_STARTS = frozenset("=+-@\t\r")
QUOTE = "'"


def needs_quote(text: str) -> bool:
    """True if a spreadsheet could read `text` as a formula, or it already looks escaped."""
    rest = text.lstrip(QUOTE)
    return bool(rest) and rest[0] in FORMULA_STARTS


def spreadsheet_safe(text: str) -> str:
    """`text` ready for a free-text CSV cell: one ``'`` in front when it needs one."""
    return QUOTE + text if needs_quote(text) else text


def from_spreadsheet_safe(text: str) -> str:
    """The text ``spreadsheet_safe`` was given (the exact inverse for cells it wrote).

    A cell typed by hand is read as it is unless it looks exactly like an escaped cell,
    for example ``'=A1`` reads as ``=A1``.
    """
    if text.startswith(QUOTE) and needs_quote(text[1:]):
        return text[1:]
    return text


class CsvWriter:
    """Like ``csv.writer(stream, lineterminator="\n")``, but a field with ``\r`` is quoted too.

    Only the quoting changes: cells are written as given (apply ``spreadsheet_safe`` to
    free-text cells first).
    """

    def __init__(self, stream: TextIO):
        self._stream = stream
        self._buffer = io.StringIO()
        # "\r\n" as terminator makes csv quote fields holding either character; each row's
        # own terminator is then swapped for "\n".
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")

    def writerow(self, cells: Iterable[object]) -> None:
        self._writer.writerow(cells)
        line = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        self._stream.write(line[:-2] + "\n")

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)
