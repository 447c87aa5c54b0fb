"""The compiled export-schema check agrees with jsonschema (the reference) on valid exports
and on many mutated ones, and refuses schema keywords it does not understand."""

from __future__ import annotations

import copy
import datetime as dt
import json

import exchange_helpers
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.exchange import export_reader, payload
from desktop.exchange.fast_schema import SchemaViolation, compile_schema
from desktop.store.export_state import ExportTicket

SCHEMA = json.loads(export_reader.schema_path().read_text())
REFERENCE = jsonschema.Draft202012Validator(SCHEMA)
FAST = compile_schema(SCHEMA)


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    from exchange_helpers import demo_profile, new_device_key

    root = tmp_path_factory.mktemp("fast") / "data"
    demo_profile(root, days=40).close()
    database = demo_profile(root, days=30)  # remade shorter: deletions in every section but events
    with database.reading() as connection:
        data = payload.read_data(connection, "6f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10")
    database.close()
    ticket = ExportTicket("6f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10", new_device_key(), 3)
    return payload.build_document(data, ticket, dt.date(2026, 3, 15))


def _fast_ok(value) -> bool:
    try:
        FAST(value)
    except SchemaViolation:
        return False
    return True


def _trailing_newline(value) -> bool:
    if isinstance(value, str):
        return value.endswith("\n")
    if isinstance(value, dict):
        return any(_trailing_newline(k) or _trailing_newline(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_trailing_newline(v) for v in value)
    return False


def _integral_float(value) -> bool:
    """Whether a number like 2.0 appears anywhere (an integer to jsonschema, refused here)."""
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, dict):
        return any(_integral_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_integral_float(v) for v in value)
    return False


def test_a_real_export_is_valid_for_both(document):
    assert {d["section"] for d in document["data"]["deletions"]} == {"diary", "sessions", "goals", "questionnaires"}
    assert REFERENCE.is_valid(document)
    assert _fast_ok(document)


_VALUES = st.one_of(st.integers(0, 10), st.sampled_from(["2026-03-01", "walking", "", "x\n", 1.0, []]),
                    st.none(), st.booleans(), st.integers(-2000, 2000), st.floats(allow_nan=False),
                    st.text(max_size=12), st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                                                 st.integers(),
                                                                                                 max_size=2))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_both_agree_on_mutated_exports(document, data):
    mutated = exchange_helpers.mutated(document, data, _VALUES)
    reference = REFERENCE.is_valid(mutated)
    fast = _fast_ok(mutated)
    if fast:
        assert reference, "the compiled check accepted what jsonschema refuses"
    elif reference:
        assert _trailing_newline(mutated) or _integral_float(mutated), \
            "the compiled check refused what jsonschema accepts"


@pytest.mark.parametrize("place", [("manifest", "sequence"), ("data", "diary", 0, "pain")])
def test_point5_an_integer_written_as_2_0_is_refused(document, place):
    """jsonschema takes 2.0 for the integer 2; the export's reader wants it written 2."""
    changed = copy.deepcopy(document)
    parent = changed
    for step in place[:-1]:
        parent = parent[step]
    parent[place[-1]] = 2.0
    assert REFERENCE.is_valid(changed)
    with pytest.raises(SchemaViolation, match="type check failed"):
        FAST(changed)


def test_an_unknown_keyword_stops_compilation():
    with pytest.raises(ValueError, match="does not understand"):
        compile_schema({"type": "object", "patternProperties": {}})


def test_violation_names_where_and_which_check(document):
    broken = copy.deepcopy(document)
    broken["data"]["diary"][2]["pain"] = 11
    with pytest.raises(SchemaViolation) as caught:
        FAST(broken)
    assert str(caught.value) == "data/diary/2/pain (maximum check failed)"


@pytest.mark.parametrize("change, valid", [
    (lambda data: data.pop("deletions"), True),  # exports from versions before tombstones
    (lambda data: data["deletions"].clear(), True),
    (lambda data: data["deletions"][0].update(section="events"), True),
    (lambda data: data["deletions"][0].update(section="programme"), False),
    (lambda data: data["deletions"][0].update(uuid="not-a-uuid"), False),
    (lambda data: data["deletions"][0].update(deleted_at="2026-03-15 09:30:00"), False),
    (lambda data: data["deletions"][0].pop("deleted_at"), False),
    (lambda data: data["deletions"][0].update(note="why"), False),
])
def test_deletions_both_agree_on_what_is_valid(document, change, valid):
    changed = copy.deepcopy(document)
    change(changed["data"])
    assert REFERENCE.is_valid(changed) is valid
    assert _fast_ok(changed) is valid


def test_point5_a_key_from_the_file_is_named_only_when_it_is_short_plain_text(document):
    for key, shown in (("extra", "data/diary/0/extra"), ("two\nlines", "data/diary/0/(a key not shown)"),
                       ("k" * 41, "data/diary/0/(a key not shown)")):
        broken = copy.deepcopy(document)
        broken["data"]["diary"][0][key] = 1
        with pytest.raises(SchemaViolation) as caught:
            FAST(broken)
        assert str(caught.value) == f"{shown} (additionalProperties check failed)"
