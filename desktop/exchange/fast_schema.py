"""A compiled validator for the subset of JSON Schema the export schema uses.

jsonschema walks a one-year export in about 90 ms, a hundred times longer than decrypting
it; collecting thousands of exports needs better. This compiles the schema once into plain
Python checks (about 20 times faster). Only the keywords below are understood; any other
keyword in the schema stops compilation, so the shipped schema cannot silently outgrow it.
tests/unit/test_fast_schema.py checks it agrees with jsonschema on mutated exports.

Two deliberate differences: ``$`` in a pattern means end of text, as in JSON Schema's
ECMA-262 regular expressions (Python's ``$`` also matches before a final newline); and an
integer must be written as one (JSON Schema takes 2.0 as the integer 2; here, as in the fast
way of fast_decode, it is refused: a reader must not need to know that 2.0 means 2).
"""

from __future__ import annotations

import re
from collections.abc import Callable

Check = Callable[[object], None]
_IGNORED = {"$schema", "$id", "title", "description"}
_TYPES: dict[str, Callable[[object], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}
_KNOWN = {"type", "const", "pattern", "minimum", "maximum", "maxLength", "maxItems", "maxProperties",
          "propertyNames", "additionalProperties", "required", "properties", "anyOf", "items"} | _IGNORED


class SchemaViolation(ValueError):
    """Raised with the keyword that failed; containers prepend their key as it travels up."""

    def __init__(self, keyword: str):
        super().__init__(keyword)
        self.keyword = keyword
        self.path: tuple = ()

    def __str__(self) -> str:
        where = "/".join(_shown(p) for p in self.path[:6]) or "(top level)"
        return f"{where} ({self.keyword} check failed)"


def _shown(part: object) -> str:
    """A step of a path for a one-line message: a key from the file is shown only when it is short
    plain text (the message must not carry line breaks or pages of the file)."""
    text = str(part)
    return text if isinstance(part, int) or (text.isprintable() and 0 < len(text) <= 40) else "(a key not shown)"


def compile_schema(schema: dict) -> Check:
    """A function that returns None for a valid value and raises SchemaViolation otherwise."""
    return _compile(schema)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _leaf(schema: dict) -> Check | None:
    """One closure for the common leaf shapes (most of the work is here)."""
    keys = set(schema) - _IGNORED
    kind = schema.get("type")
    if kind == "string" and keys <= {"type", "pattern", "maxLength"}:
        source = schema.get("pattern")
        search = re.compile(source[:-1] + r"\Z" if source.endswith("$") else source).search if source else None
        limit = schema.get("maxLength")

        def string_check(v):
            if type(v) is not str:
                raise SchemaViolation("type")
            if limit is not None and len(v) > limit:
                raise SchemaViolation("maxLength")
            if search is not None and not search(v):
                raise SchemaViolation("pattern")
        return string_check
    if kind == "integer" and keys <= {"type", "minimum", "maximum"}:
        low, high = schema.get("minimum"), schema.get("maximum")

        def integer_check(v):
            if type(v) is not int:  # (not a bool, not 2.0)
                raise SchemaViolation("type")
            if low is not None and v < low:
                raise SchemaViolation("minimum")
            if high is not None and v > high:
                raise SchemaViolation("maximum")
        return integer_check
    if kind == "boolean" and keys == {"type"}:
        def boolean_check(v):
            if type(v) is not bool:
                raise SchemaViolation("type")
        return boolean_check
    properties = schema.get("properties")
    if (kind == "object" and keys == {"type", "properties", "required", "additionalProperties"}
            and schema["additionalProperties"] is False and set(schema["required"]) == set(properties)):
        compiled = [(k, _compile(s)) for k, s in properties.items()]
        wanted = frozenset(properties)

        def record_check(v):  # an object with exactly these keys
            if type(v) is not dict:
                raise SchemaViolation("type")
            if v.keys() != wanted:
                missing = wanted - v.keys()
                raise SchemaViolation("required") if missing else _extra_key(v, wanted)
            for key, check in compiled:
                try:
                    check(v[key])
                except SchemaViolation as exc:
                    exc.path = (key, *exc.path)
                    raise
        return record_check
    options = schema.get("anyOf")
    if keys == {"anyOf"} and len(options) == 2 and options[1] == {"type": "null"}:
        inner = _compile(options[0])

        def optional_check(v):
            if v is None:
                return
            try:
                inner(v)
            except SchemaViolation:
                raise SchemaViolation("anyOf") from None
        return optional_check
    return None


def _extra_key(value: dict, wanted: frozenset) -> SchemaViolation:
    error = SchemaViolation("additionalProperties")
    error.path = (sorted(str(k) for k in value.keys() - wanted)[0],)
    return error


def _compile(schema: dict) -> Check:  # one branch per keyword
    unknown = set(schema) - _KNOWN
    if unknown:
        raise ValueError(f"fast_schema does not understand {sorted(unknown)}")
    leaf = _leaf(schema)
    if leaf is not None:
        return leaf
    checks: list[Check] = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        tests = [_TYPES[n] for n in names]

        def type_check(v, tests=tests):
            if not any(t(v) for t in tests):
                raise SchemaViolation("type")
        checks.append(type_check)
    if "const" in schema:
        wanted = schema["const"]

        def const_check(v):
            if type(v) is not type(wanted) or v != wanted:
                raise SchemaViolation("const")
        checks.append(const_check)
    if "pattern" in schema:
        source = schema["pattern"]
        regex = re.compile(source[:-1] + r"\Z" if source.endswith("$") else source)

        def pattern_check(v):
            if isinstance(v, str) and not regex.search(v):
                raise SchemaViolation("pattern")
        checks.append(pattern_check)
    for keyword, fails in (("minimum", lambda v, limit: v < limit), ("maximum", lambda v, limit: v > limit)):
        if keyword in schema:
            def bound_check(v, limit=schema[keyword], fails=fails, keyword=keyword):
                if _is_number(v) and fails(v, limit):
                    raise SchemaViolation(keyword)
            checks.append(bound_check)
    for keyword, kind in (("maxLength", str), ("maxItems", list), ("maxProperties", dict)):
        if keyword in schema:
            def size_check(v, limit=schema[keyword], kind=kind, keyword=keyword):
                if isinstance(v, kind) and len(v) > limit:
                    raise SchemaViolation(keyword)
            checks.append(size_check)
    if "required" in schema:
        required = tuple(schema["required"])

        def required_check(v):
            if isinstance(v, dict) and any(k not in v for k in required):
                raise SchemaViolation("required")
        checks.append(required_check)
    properties = {k: _compile(s) for k, s in schema.get("properties", {}).items()}
    extra = schema.get("additionalProperties", True)
    extra_check = _compile(extra) if isinstance(extra, dict) else None
    names_check = _compile(schema["propertyNames"]) if "propertyNames" in schema else None
    if properties or extra is not True or names_check:
        def object_check(v):
            if not isinstance(v, dict):
                return
            for key, item in v.items():
                try:
                    if names_check:
                        names_check(key)
                    check = properties.get(key)
                    if check is not None:
                        check(item)
                    elif extra is False:
                        raise SchemaViolation("additionalProperties")
                    elif extra_check is not None:
                        extra_check(item)
                except SchemaViolation as exc:
                    exc.path = (key, *exc.path)
                    raise
        checks.append(object_check)
    if "items" in schema:
        item_check = _compile(schema["items"])

        def items_check(v):
            if isinstance(v, list):
                for index, item in enumerate(v):
                    try:
                        item_check(item)
                    except SchemaViolation as exc:
                        exc.path = (index, *exc.path)
                        raise
        checks.append(items_check)
    if "anyOf" in schema:
        options = [_compile(s) for s in schema["anyOf"]]

        def any_of_check(v):
            for option in options:
                try:
                    option(v)
                    return
                except SchemaViolation:
                    continue
            raise SchemaViolation("anyOf")
        checks.append(any_of_check)

    if len(checks) == 1:
        return checks[0]

    def all_checks(v):
        for check in checks:
            check(v)
    return all_checks
