"""The rule for free text (diary notes, plans, anything an export carries as text).

Text may hold any printable character, tabs and line breaks (LF, and CR as in Windows line
endings). It may not hold other control characters (NUL and the rest of U+0000-U+001F, DEL),
which CSV readers and spreadsheets truncate or mangle, nor lone surrogates (half of a UTF-16
pair), which cannot be written as UTF-8 at all. Plain Python, no Qt.
"""

from __future__ import annotations

import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def forbidden_character(text: str) -> str | None:
    """The first forbidden character in ``text`` as ``U+0000``, or None when the text is fine."""
    found = _FORBIDDEN.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"

