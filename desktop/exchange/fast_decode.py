"""The export schema compiled into msgspec types: parse and validate a payload in one pass.

Collecting thousands of exports is bounded by what happens after decryption. msgspec
decodes the JSON straight into typed structs while checking types, ranges, lengths and
unknown keys in C, about ten times faster than parsing and then walking the document.

The JSON Schema in resources/schema/ stays the contract: these types are made from it, and
anything this module cannot express stops compilation (the caller then uses the generic
path). Regular-expression patterns are not checked per value by msgspec (that would cost
more than the rest of the decoding); every value at a pattern's place is gathered after
decoding and checked in bulk - fixed-width patterns such as dates and UUIDs with a few
slices over the joined values, others one value at a time. Dates and times are also checked
to be on the calendar (bulk_calendar). Only a document written exactly as canonical JSON
(msgspec's writing of the decoded value gives the same bytes: no key twice, no spaces, no
needless escapes) with no control character in its text is read this way.

The decoder may only ever be stricter than the generic path (export_reader, strict_json):
any failure here sends the payload there, which gives the authoritative verdict and the
message. tests/unit/test_fast_decode.py checks that
whatever this accepts, the generic path accepts too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import chain
from operator import attrgetter
from typing import Annotated, Literal, Optional, Union

import msgspec
import msgspec.inspect
from msgspec import Meta

from desktop.exchange.bulk_calendar import (
    DATE_WIDTH,
    TIME_WIDTH,
    WIDTHS,
    calendar_tables,
    on_calendar,
    real_dates,
    real_times,
)
from desktop.exchange.strict_json import control_in_json

_IGNORED = {"$schema", "$id", "title", "description"}
_ITEMS, _VALUES, _PRESENT = "[]", "{}", "?"


class Unsupported(ValueError):
    """The schema uses something this compiler cannot express."""


class Miss(ValueError):
    """The payload did not pass the fast checks; use the generic path."""


# Bulk pattern checks --------------------------------------------------------------------
_TOKEN = re.compile(r"\[((?:[^\]\\]|\\.)+)\](?:\{(\d+)\})?|(\\.|[^\[\]{}()|*+?.^$\\])")


def _class_chars(spec: str) -> str | None:
    """The characters of a simple ASCII class like 0-9a-f or A-Za-z0-9+/, or None."""
    chars, i = [], 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            low, high = spec[i], spec[i + 2]
            if not (low.isascii() and high.isascii() and low <= high):
                return None
            chars.extend(chr(c) for c in range(ord(low), ord(high) + 1))
            i += 3
        elif spec[i] == "\\" or not spec[i].isascii() or spec[i] == "^":
            return None
        else:
            chars.append(spec[i])
            i += 1
    return "".join(chars)


def _template(pattern: str) -> tuple[str, list[tuple[int, str]], int] | None:
    """A fixed-width ``^...$`` pattern made of one character class and literals.

    Returns (class characters, [(position, literal)], width) or None for anything else.
    """
    if not (pattern.startswith("^") and pattern.endswith("$")):
        return None
    body, position, klass, literals = pattern[1:-1], 0, None, []
    index = 0
    while index < len(body):
        token = _TOKEN.match(body, index)
        if token is None:
            return None
        spec, count, literal = token.groups()
        if literal is not None:
            char = literal[-1] if literal.startswith("\\") else literal
            literals.append((position, char))
            position += 1
        else:
            chars = _class_chars(spec)
            if chars is None or (klass is not None and chars != klass):
                return None
            klass = chars
            position += int(count) if count else 1
        index = token.end()
    if klass is None or any(char in klass for _, char in literals):
        return None
    return klass, literals, position


def _joined_check(pattern: str) -> Callable[[list[str]], bytes | None]:
    """A function giving, when every value in a list matches the pattern, the values joined by
    line breaks as ASCII (b"" for a pattern that is not fixed-width), and None otherwise."""
    shape = _template(pattern)
    if shape is None or "\n" in shape[0] or any(char == "\n" for _, char in shape[1]):
        search = re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern).search
        return lambda values: b"" if all(map(search, values)) else None
    klass, literals, width = shape
    # Every class character becomes the class's first one; the values joined by line breaks
    # must then read exactly as the skeleton repeated. A value of the wrong length moves a
    # line break, and a line break inside a value adds one, so both show as a difference.
    placeholder = klass[0].encode("ascii")
    table = bytes.maketrans(klass.encode("ascii"), placeholder * len(klass))
    skeleton = bytearray(placeholder * width)
    for position, char in literals:
        skeleton[position] = ord(char)
    unit = bytes(skeleton) + b"\n"

    def check(values: list[str]) -> bytes | None:
        if not values:
            return b""
        try:
            joined = "\n".join(values).encode("ascii")
        except UnicodeEncodeError:
            return None
        return joined if joined.translate(table) + b"\n" == unit * len(values) else None
    return check


def gatherer(path: tuple[str, ...]) -> Callable[[object], list]:
    """A function listing every value found at ``path`` (attribute names, [] for list items,
    {} for map values, ? to skip None) below a decoded value."""
    steps: list[Callable[[list], list]] = []
    for step in path:
        if step == _ITEMS:
            steps.append(lambda values: values[0] if len(values) == 1 else list(chain.from_iterable(values)))
        elif step == _VALUES:
            steps.append(lambda values: list(chain.from_iterable(map(dict.values, values))))
        elif step == _PRESENT:
            steps.append(lambda values: [v for v in values if v is not None])
        else:
            steps.append(lambda values, get=attrgetter(step): list(map(get, values)))

    def gather(root: object) -> list:
        values = [root]
        for step in steps:
            values = step(values)
        return values
    return gather


def record_columns(fields: tuple[str, ...], rows: list) -> dict[str, tuple]:
    """field -> that field's value in each row, for a list of records (structs with these fields)."""
    return dict(zip(fields, zip(*map(msgspec.structs.astuple, rows)) if rows else [()] * len(fields)))


# Compiling -------------------------------------------------------------------------------
class _Compiler:
    def __init__(self) -> None:
        self.patterns: list[tuple[tuple[str, ...], str]] = []
        self.names: set[str] = set()

    def _struct_name(self, path: tuple[str, ...]) -> str:
        name = "_".join(p for p in path if p not in (_ITEMS, _VALUES, _PRESENT)) or "Document"
        while name in self.names:
            name += "_"
        self.names.add(name)
        return name

    def compile(self, schema: dict, path: tuple[str, ...], bulk: bool) -> object:
        keys = set(schema) - _IGNORED
        if "const" in schema:
            if keys != {"const"} or not isinstance(schema["const"], (str, int)) or isinstance(schema["const"], bool):
                raise Unsupported(f"const at {path}")
            return Literal[schema["const"]]
        if "anyOf" in schema:
            options = schema["anyOf"]
            if keys != {"anyOf"} or len(options) != 2 or options[1] != {"type": "null"}:
                raise Unsupported(f"anyOf at {path}: only [something, null]")
            return Optional[self.compile(options[0], (*path, _PRESENT), bulk)]  # noqa: UP045 - a type built at run time
        kind = schema.get("type")
        if isinstance(kind, list):
            if set(kind) - {"string", "integer", "number", "boolean", "null"} or keys - {"type", "maxLength"}:
                raise Unsupported(f"type list at {path}")
            parts = []
            for name in kind:
                part = {"type": name}
                if name == "string" and "maxLength" in schema:
                    part["maxLength"] = schema["maxLength"]
                parts.append(self.compile(part, path, bulk=False))
            return Union[tuple(parts)]  # noqa: UP007 - from a tuple built at run time
        if kind == "string":
            if keys - {"type", "pattern", "maxLength"}:
                raise Unsupported(f"string keywords at {path}")
            meta = {}
            if "maxLength" in schema:
                meta["max_length"] = schema["maxLength"]
            if "pattern" in schema:
                source = schema["pattern"]
                if bulk:
                    self.patterns.append((path, source))
                else:
                    meta["pattern"] = source[:-1] + r"\Z" if source.endswith("$") else source
            return Annotated[str, Meta(**meta)] if meta else str
        if kind == "integer":
            if keys - {"type", "minimum", "maximum"}:
                raise Unsupported(f"integer keywords at {path}")
            meta = {k: schema[s] for k, s in (("ge", "minimum"), ("le", "maximum")) if s in schema}
            return Annotated[int, Meta(**meta)] if meta else int
        if kind in ("number", "boolean", "null"):
            if keys != {"type"}:
                raise Unsupported(f"{kind} keywords at {path}")
            return {"number": float, "boolean": bool, "null": type(None)}[kind]
        if kind == "array":
            if keys - {"type", "items", "maxItems"} or "items" not in schema:
                raise Unsupported(f"array keywords at {path}")
            inner = self.compile(schema["items"], (*path, _ITEMS), bulk)
            return Annotated[list[inner], Meta(max_length=schema["maxItems"])] if "maxItems" in schema else list[inner]
        if kind == "object":
            return self._object(schema, keys, path, bulk)
        raise Unsupported(f"type {kind!r} at {path}")

    def _object(self, schema: dict, keys: set, path: tuple[str, ...], bulk: bool) -> object:
        if schema.get("additionalProperties") is False:
            if keys - {"type", "properties", "required", "additionalProperties"}:
                raise Unsupported(f"object keywords at {path}")
            required = set(schema.get("required", ()))
            fields: list[tuple] = []
            for name, sub in schema["properties"].items():
                kind = self.compile(sub, (*path, name), bulk)
                if name in required:
                    fields.append((name, kind))
                elif sub.get("type") == "array":
                    fields.append((name, kind, msgspec.field(default_factory=list)))
                else:
                    raise Unsupported(f"optional non-array property {name} at {path}")
            # In the order canonical JSON writes the keys (sorted): msgspec decodes fastest when the
            # text's keys come in the order of the fields. Keyword-only, so optional ones may sit anywhere.
            fields.sort(key=lambda f: f[0])
            # gc=False: decoded JSON is a tree (no cycles), so the collector need not track thousands of
            # structs per export.
            return msgspec.defstruct(self._struct_name(path), fields, forbid_unknown_fields=True, kw_only=True,
                                     gc=False)
        if keys - {"type", "additionalProperties", "maxProperties", "propertyNames"}:
            raise Unsupported(f"map keywords at {path}")
        extra = schema.get("additionalProperties", True)
        if not isinstance(extra, dict):
            raise Unsupported(f"open object at {path}")
        names = schema.get("propertyNames", {})
        if set(names) - {"maxLength"}:
            raise Unsupported(f"propertyNames at {path}")
        key = Annotated[str, Meta(max_length=names["maxLength"])] if names else str
        value = self.compile(extra, (*path, _VALUES), bulk)
        mapping = dict[key, value]
        return Annotated[mapping, Meta(max_length=schema["maxProperties"])] if "maxProperties" in schema else mapping


class FastDecoder:
    """Decodes an export document laid out as the app writes it (canonical JSON: ``data`` first)."""

    def __init__(self, schema: dict):
        top = schema.get("properties", {})
        if set(top) != {"schema", "manifest", "signature", "data"} or schema.get("additionalProperties") is not False \
                or set(schema.get("required", ())) != set(top):
            raise Unsupported("the document must be exactly schema, manifest, signature and data")
        header = _Compiler()
        fields = [(name, header.compile(top[name], (name,), bulk=False))
                  for name in ("manifest", "schema", "signature")]
        self.header = msgspec.defstruct("Header", fields, forbid_unknown_fields=True)
        body = _Compiler()
        self.data_type = body.compile(top["data"], (), bulk=True)
        # Lists of records at the top of ``data`` (diary, events...) are read a column at a time.
        self._record_lists = [(f.name, f.type.item_type.cls.__struct_fields__)
                              for f in msgspec.inspect.type_info(self.data_type).fields
                              if isinstance(f.type, msgspec.inspect.ListType)
                              and isinstance(f.type.item_type, msgspec.inspect.StructType)]
        in_columns = {(section, field) for section, fields in self._record_lists for field in fields}
        # Each pattern is checked once over the values of all its places (joined once; the same
        # bytes serve the calendar check of dates and times).
        places: dict[str, list] = {}
        for path, source in body.patterns:
            places.setdefault(source, []).append(
                (path, None if (path[0], path[-1]) in in_columns and len(path) == 3 and path[1] == _ITEMS
                 else gatherer(path)))
        if any(_template(source) is None for source in WIDTHS):
            raise Unsupported("the date and time patterns must be fixed-width")  # (their calendar check needs it)
        self._patterns = [(where, _joined_check(source), WIDTHS.get(source)) for source, where in places.items()]
        self._calendar = [(gatherer(path), width) for where, _, width in self._patterns if width
                          for path, _ in where]
        self._header_decoder = msgspec.json.Decoder(self.header)
        self._data_decoder = msgspec.json.Decoder(self.data_type)
        # Canonical JSON as msgspec writes it: the fast way reads only documents written exactly so.
        self._encoder = msgspec.json.Encoder(order="sorted")
        self._optional = [f.encode_name for f in msgspec.inspect.type_info(self.data_type).fields if not f.required]
        calendar_tables()  # made now, so that processes forked later share them

    def document_parts(self, plaintext: bytes):
        """(typed manifest/schema/signature, the bytes of ``data``); Miss when not laid out canonically.

        Canonical JSON sorts keys, so the document reads ``{"data":DATA,"manifest":{...},...}``.
        DATA is whatever lies between; it is trusted only once its SHA-256 matches the signed
        manifest, which makes it exactly the bytes the device signed, a whole JSON value.
        """
        start = b'{"data":'
        cut = plaintext.rfind(b',"manifest":{')
        if not plaintext.startswith(start) or cut < len(start):
            raise Miss("layout")
        written = b"{" + plaintext[cut + 1:]
        try:
            header = self._header_decoder.decode(written)
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            raise Miss("header") from None
        if self._encoder.encode(header) != written:
            raise Miss("header not canonical")  # a key twice, spaces, escapes...: the generic way decides
        return header, memoryview(plaintext)[len(start):cut]

    def data(self, raw: bytes, columns: dict | None = None, extremes: dict | None = None):
        """``data`` as typed structs, every pattern checked; Miss when anything is off.

        ``raw`` must be canonical JSON exactly as msgspec writes it (keys sorted, no spaces, no
        key twice) and hold no control character (strict_json.control_in_json), or it is a Miss.
        ``columns``, if given, receives every field of each list of records as a column of
        values, as ``columns[section][field]``, so that tables need not gather them again;
        ``extremes``, if given, receives the first and last date and time (as extremes()).
        """
        try:
            value = self._data_decoder.decode(raw)
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            raise Miss("data") from None
        written = self._canonical(value, bytes(raw))  # (bytes: comparing with a memoryview is slow)
        if written is None:
            raise Miss("not canonical")
        if control_in_json(written):
            raise Miss("control character")
        columns = {} if columns is None else columns
        extremes = {} if extremes is None else extremes
        for section, fields in self._record_lists:
            columns[section] = record_columns(fields, getattr(value, section))
        for where, check, width in self._patterns:
            lists = [columns[path[0]][path[2]] if gather is None else gather(value) for path, gather in where]
            joined = check(lists[0] if len(lists) == 1 else list(chain.from_iterable(lists)))
            if joined is None:
                raise Miss("pattern")
            if width and joined:
                if not on_calendar(joined, width):
                    raise Miss("off the calendar")  # the generic way refuses it (export_reader)
                extremes[width] = (min(min(v) for v in lists if v), max(max(v) for v in lists if v))
        return value

    def _canonical(self, value, raw) -> bytes | None:
        """``value`` written as canonical JSON, if that gives ``raw`` exactly (an optional list
        left out counts as written: exports made before it existed)."""
        written = self._encoder.encode(value)
        if written == raw:
            return written
        for name in self._optional:
            empty = b'"' + name.encode() + b'":[]'
            if getattr(value, name) == []:
                for shorter in (written.replace(empty + b",", b"", 1), written.replace(b"," + empty, b"", 1)):
                    if shorter == raw:
                        return shorter
        return None

    def extremes(self, value) -> dict[int, tuple[str, str]]:
        """Width of the values (10 for dates, 27 for times) -> the first and last of every date or
        time in decoded ``data`` (text order is time order for these fixed-width values)."""
        found: dict[int, list] = {}
        for gather, width in self._calendar:
            found.setdefault(width, []).extend(gather(value))
        return {width: (min(values), max(values)) for width, values in found.items() if values}

    def on_calendar(self, value) -> bool:
        """Whether every date and time in decoded ``data`` exists (the schema only fixes their
        shape: 2026-02-30 or 24:00:00 pass it, and the Parquet copies cannot hold them)."""
        found: dict[int, list] = {}
        for gather, width in self._calendar:
            found.setdefault(width, []).extend(gather(value))
        check = {DATE_WIDTH: real_dates, TIME_WIDTH: real_times}
        return all(check[width](values) for width, values in found.items())

    def convert(self, data: dict):
        """Already-validated ``data`` (from the generic path) as the same typed structs."""
        return msgspec.convert(data, self.data_type, strict=False)
