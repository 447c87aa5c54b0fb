"""Reading a decrypted export as strict JSON, so that every JSON reader sees the same values.

An export is refused when its JSON could mean different things to different readers:

- it is not UTF-8, or starts with a byte-order mark (UTF-16 and UTF-32 included);
- an object names the same key twice (one reader keeps the first value, another the last);
- a number is NaN or Infinity, is written with more than MAX_NUMBER_CHARS characters, or is an
  integer beyond +/-(2**53 - 1), which readers using doubles (JavaScript, R, spreadsheets)
  round; where the schema wants an integer it must be written as one (2, not 2.0): the
  schema check sees to that;
- text holds a control character other than tab and line breaks, or half of a surrogate pair
  (desktop/domain/plain_text.py: the same rule as diary notes).

These are the rules of I-JSON (RFC 7493) plus the control-character rule. Plain standard library.
"""

from __future__ import annotations

import codecs
import json
import math
import re

MAX_NUMBER_CHARS = 32
SAFE_INTEGER = 2 ** 53 - 1


class StrictJsonError(ValueError):
    """JSON that breaks one of the rules above; the message says which (never quoting long content)."""


def loads(document: bytes) -> object:
    """The JSON value in ``document``; StrictJsonError for a rule above, ValueError (or
    RecursionError) for text that is not JSON at all."""
    if document.startswith(codecs.BOM_UTF8):
        raise StrictJsonError("the decrypted export starts with a byte-order mark; exports are UTF-8 JSON without one")
    try:
        text = document.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text[:4]:  # (ASCII JSON in UTF-16 or UTF-32 is valid UTF-8, with NULs)
        wide = document[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or 0 in document[:4]
        raise StrictJsonError("the decrypted export is not UTF-8 text" + (" (it looks like UTF-16 or UTF-32)"
                                                                           if wide else ""))
    return json.loads(text, object_pairs_hook=_object, parse_int=_integer, parse_float=_number,
                      parse_constant=_constant)


def _object(pairs: list) -> dict:
    value = dict(pairs)
    if len(value) != len(pairs):
        seen: set = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))
        shown = repr(key) if len(key) <= 40 and key.isprintable() else "a key"
        raise StrictJsonError(f"the export's JSON names {shown} twice in one object; each key may appear once")
    return value


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise StrictJsonError(f"the export holds a number written with more than {MAX_NUMBER_CHARS} characters")
    value = int(text)
    if not -SAFE_INTEGER <= value <= SAFE_INTEGER:
        raise StrictJsonError("the export holds a whole number too large to be read the same everywhere "
                              "(beyond 2**53 - 1)")
    return value


def _number(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise StrictJsonError(f"the export holds a number written with more than {MAX_NUMBER_CHARS} characters")
    value = float(text)
    if not math.isfinite(value):
        raise StrictJsonError("the export holds a number too large to be read (beyond a double's range)")
    return value


def _constant(text: str) -> float:
    raise StrictJsonError(f"the export holds {text}, which is not a JSON number")


def whole_numbers_safe(values) -> bool:
    """Whether every integer among ``values`` (other values are skipped) is within +/-SAFE_INTEGER."""
    integers = [v for v in values if type(v) is int]
    return not integers or (max(integers) <= SAFE_INTEGER and min(integers) >= -SAFE_INTEGER)


# Control characters in JSON text as written --------------------------------------------------
# A forbidden character inside a JSON string is written as an escape (\u0000-\u001f except tab,
# LF and CR, \b, \f, \u007f, or half a surrogate pair \ud800-\udfff) or, for DEL, as itself;
# raw bytes below 0x20 are not JSON at all.
_FORBIDDEN_ESCAPE = re.compile(rb"[bf]|u000[0-8bBcCeEfF]|u001[0-9a-fA-F]|u007[fF]|u[dD][89a-fA-F]")


def control_in_json(encoded: bytes) -> bool:
    """Whether JSON text holds a string with a character plain_text forbids (the same answer as
    plain_text.forbidden_character on every decoded string, for valid JSON in UTF-8). Two byte
    searches when the text has no escapes; otherwise each escape is looked at."""
    if b"\x7f" in encoded:
        return True
    if b"\\" not in encoded:
        return False
    pieces = encoded.split(b"\\")  # each piece after the first starts with what a backslash escapes
    index = 1
    while index < len(pieces):
        if not pieces[index]:  # an escaped backslash: the piece after it is plain text
            index += 2
            continue
        if _FORBIDDEN_ESCAPE.match(pieces[index]):
            return True
        index += 1
    return False
