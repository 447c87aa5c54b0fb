"""Typed content: a content file decoded into msgspec Structs, or a ContentError naming the
file and the key.

Each language's file is laid over English first (languages.merge); the merged object is then
converted in one pass, so a translation cannot slip past the checks English gets. Unknown keys
are refused (a misspelt key is a fault, not something to ignore).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, TypeVar

import msgspec

from desktop.content.errors import ContentError

T = TypeVar("T")

# Text a person reads: at least one visible character.
Text = Annotated[str, msgspec.Meta(pattern=r"\S")]
# Paragraphs and the like: at least one, each non-empty.
Texts = Annotated[tuple[Text, ...], msgspec.Meta(min_length=1)]

_PLACEHOLDER = re.compile(r"{(\w*)}")
_INDEX = re.compile(r"\[\d+\]")


class Content(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Base of every content Struct: read-only, unknown keys refused."""


_KINDS = {"array": "a list", "object": "an object", "str": "text", "int": "a whole number", "float": "a number",
          "bool": "true or false", "null": "nothing (null)"}


def _plain(message: str) -> str:
    """msgspec's message in words a content editor reads: "Expected text, got a whole number
    (at 'sessions.review.title')"."""
    message = re.sub(r"Expected `str` matching regex '[^']*'", "Expected non-empty text", message)
    message = message.replace("Expected `array` of length >= 1", "Expected a non-empty list")
    message = re.sub(r"Object missing required field `(\w+)`", r"'\1' is missing", message)
    message = re.sub(r"Object contains unknown field `(\w+)`", r"unknown key '\1'", message)
    message = message.replace("got `float`", "got a decimal number")
    message = re.sub(r"`(array|object|str|int|float|bool|null)`", lambda m: _KINDS[m.group(1)], message)
    return re.sub(r" - at `\$\.?([^`]*)`", lambda m: f" (at '{m.group(1)}')" if m.group(1) else "", message)


def decode(path: Path | str, data: dict, kind: type[T]) -> T:
    """The (merged) JSON object ``data`` from ``path`` as ``kind``, or ContentError."""
    try:
        return msgspec.convert(data, kind)
    except msgspec.ValidationError as exc:
        raise ContentError(f"{path}: {_plain(str(exc))}") from None


def _with_braces(value: Any, where: str, found: list[tuple[str, str]]) -> None:
    """Collect every text holding a "{" with where it is: ``("review.intro", "...")``."""
    if isinstance(value, str):
        if "{" in value:
            found.append((where, value))
    elif isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            _with_braces(getattr(value, name), f"{where}.{name}" if where else name, found)
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            _with_braces(item, f"{where}[{index}]", found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _with_braces(item, f"{where}.{key}" if where else str(key), found)


def check_placeholders(path: Path | str, value: Any, allowed: dict[str, tuple[str, ...]]) -> None:
    """Every ``{name}`` in the texts must be one the app fills in at that key (``allowed``,
    keyed by the place without list indexes: ``"review.intro"``, ``"met_better"``)."""
    found: list[tuple[str, str]] = []
    _with_braces(value, "", found)
    for where, text in found:
        unknown = set(_PLACEHOLDER.findall(text)) - set(allowed.get(_INDEX.sub("", where), ()))
        if unknown:
            names = ", ".join("{" + name + "}" for name in sorted(unknown))
            raise ContentError(f"{path}: '{where}' uses unknown placeholder(s): {names}")
