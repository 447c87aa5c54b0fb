"""The fast way of reading an export (msgspec types made from the schema) never accepts what
the generic way (jsonschema-equivalent check, json parsing) refuses, gives the same data when
it accepts, and falls back for exports that are valid but not laid out canonically."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import exchange_helpers
import jsonschema
import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.exchange import export_reader, payload
from desktop.exchange.fast_decode import FastDecoder, Unsupported, _joined_check
from desktop.store.export_state import ExportTicket

SCHEMA = json.loads(export_reader.schema_path().read_text())
REFERENCE = jsonschema.Draft202012Validator(SCHEMA)
PARTICIPANT = "6f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10"


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """(data, ticket): a real export's data and the key to sign altered copies of it."""
    from exchange_helpers import demo_data, new_device_key

    data = demo_data(tmp_path_factory.mktemp("fastdecode") / "data", PARTICIPANT)
    return data, ExportTicket(PARTICIPANT, new_device_key(), 3)


def _document(data, ticket) -> dict:
    return payload.build_document(data, ticket, dt.date(2026, 3, 15))


def _fast(plaintext: bytes):
    return export_reader._read_fast(export_reader.fast_decoder(), plaintext)


def test_the_shipped_schema_compiles_and_a_real_export_goes_the_fast_way(signed, monkeypatch):
    data, ticket = signed
    FastDecoder(SCHEMA)  # raises Unsupported if the schema outgrew the compiler

    def generic_way(_plaintext):
        raise AssertionError("the generic way was used")

    monkeypatch.setattr(export_reader, "read_export", generic_way)
    export = export_reader.read_records(payload.encode(_document(data, ticket)))
    assert export.participant_id == PARTICIPANT and export.sequence == 3
    assert msgspec.to_builtins(export.data) == json.loads(json.dumps(data))
    assert len(export.data.diary) == len(data["diary"]) > 10


def test_an_export_not_written_canonically_is_still_read_the_generic_way(signed):
    data, ticket = signed
    document = _document(data, ticket)
    spaced = json.dumps(document, indent=2).encode()  # valid, same content, other bytes
    assert _fast(spaced) is None
    export = export_reader.read_records(spaced)
    assert msgspec.to_builtins(export.data) == json.loads(json.dumps(data))


def test_unexpressible_schemas_are_refused_at_compile_time():
    base = copy.deepcopy(SCHEMA)
    base["properties"]["data"]["properties"]["diary"]["items"]["properties"]["pain"] = {"type": "integer",
                                                                                         "multipleOf": 2}
    with pytest.raises(Unsupported):
        FastDecoder(base)


_VALUES = st.one_of(st.integers(-2000, 2000), st.integers(), st.sampled_from(
    ["2026-03-01", "2026-03-01\n", "walking", "", "x\n", 1.0, 2.5, [], {}, "6F1C2F7E-3A57-4F7B-9D52-0F3E7B3C9A10",
     "2026-03-15T09:30:00.000000Z", "2026-03-15T09:30:00.000000Z\n", "é" * 5, "a" * 10_001]),
    st.none(), st.booleans(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12),
    st.lists(st.text(max_size=3), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_fast_way_accepts_only_what_the_schema_accepts_and_reads_it_the_same(signed, data):
    original, ticket = signed
    mutated = exchange_helpers.mutated(original, data, _VALUES, rounds=(1, 1, 2, 3))
    document = _document(mutated, ticket)  # signed properly: only the schema can refuse it
    export = _fast(payload.encode(document))
    if export is not None:
        assert REFERENCE.is_valid(document), "the fast way accepted what the schema refuses"
        expected = json.loads(json.dumps(mutated))
        for name in set(DATA_SCHEMA["properties"]) - set(DATA_SCHEMA["required"]):
            expected.setdefault(name, [])  # an optional list left out reads as empty (an export made before it)
        assert msgspec.to_builtins(export.data) == expected


DATA_SCHEMA = SCHEMA["properties"]["data"]
_PATTERNS = sorted({m for m in re.findall(r'"pattern": "((?:[^"\\]|\\.)*)"', json.dumps(SCHEMA))})


@pytest.mark.parametrize("pattern", [json.loads(f'"{p}"') for p in _PATTERNS])
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_bulk_pattern_checks_agree_with_the_regular_expression(pattern, data):
    regex = re.compile(pattern[:-1] + r"\Z")
    joined = _joined_check(pattern)

    def check(values):
        return joined(values) is not None
    matching = st.from_regex(regex)
    near_misses = matching.map(lambda v: v + "\n") | matching.map(lambda v: v[1:]) | matching.map(str.upper) | \
        matching.map(lambda v: v[:3] + "-" + v[4:]) | st.text(max_size=40)
    examples = data.draw(st.lists(matching | near_misses, max_size=5))
    assert check(examples) == all(regex.search(v) for v in examples), examples
    assert check([e for e in examples if regex.search(e)])


def _signed_raw(data_bytes: bytes, ticket) -> bytes:
    """A document whose ``data`` is exactly these bytes, signed by the device as they are
    (what a device, or anyone holding its key, can make): laid out the canonical way otherwise."""
    import base64

    from desktop.exchange import signing

    public = signing.public_key(ticket.device_key)
    manifest = {"export_id": "11111111-1111-4111-8111-111111111111", "participant_id": ticket.participant_id,
                "device_key_id": signing.key_id(public), "device_public_key": base64.b64encode(public).decode(),
                "sequence": ticket.sequence, "schema": payload.SCHEMA_VERSION,
                "exported_at": "2026-03-15T09:30:00.000000Z", "exported_on": "2026-03-15",
                "payload_sha256": signing.sha256_hex(data_bytes)}
    head = signing.canonical_json({"manifest": manifest, "schema": payload.SCHEMA_VERSION,
                                   "signature": signing.sign(ticket.device_key, signing.canonical_json(manifest))})
    return b'{"data":' + data_bytes + b"," + head[1:]


_NOT_CANONICAL = [  # (canonical text, other text, whether a value differs, whether a key is repeated)
    (b'"note":"', b'"note" : "', False, False),  # a space
    (b'"note":"', b'"note":"\\u0041', True, False),  # an escape where canonical JSON writes the character
    (b'"note":"', b'"note":"=HYPERLINK(1)","note":"', False, True),  # a key twice: readers differ on which counts
    (b'"pain":', b'"pain":-0,"pain":', False, True),
    (b'"detail":{', b'"detail":{"big":1.0e16,', True, False),  # a float written the long way
]


@pytest.mark.parametrize("change", _NOT_CANONICAL)
def test_data_signed_as_written_is_read_the_generic_way(signed, change):
    """The signed hash is of ``data`` as the app writes it, canonical JSON. Whoever holds the
    device key may sign other bytes of it: the fast way leaves any such document to the generic
    way, which accepts its hash, unless a key is repeated (point 5 of issue 15)."""
    data, ticket = signed
    canonical = signing_canonical(data)
    assert canonical.count(change[0]) > 0
    plaintext = _signed_raw(canonical.replace(change[0], change[1], 1), ticket)
    assert plaintext != _signed_raw(canonical, ticket)
    assert _fast(plaintext) is None
    if change[3]:
        with pytest.raises(export_reader.ExportRejected, match="twice in one object"):
            export_reader.read_records(plaintext)
        return
    generic = export_reader.read_export(plaintext)
    records = export_reader.read_records(plaintext)
    assert msgspec.to_builtins(records.data) == msgspec.to_builtins(export_reader.fast_decoder().convert(generic.data))


@pytest.mark.parametrize("change", _NOT_CANONICAL)
def test_data_changed_after_signing_is_refused_unless_no_value_changed(signed, change):
    """Signed canonically, then rewritten: the fast way refuses it (the bytes' hash no longer
    matches); the generic way accepts it only if every value is the same (the canonical hash)
    and no key is repeated."""
    data, ticket = signed
    canonical = signing_canonical(data)
    signed_canonically = _signed_raw(canonical, ticket)
    rewritten = signed_canonically.replace(change[0], change[1], 1)
    assert rewritten != signed_canonically
    assert _fast(rewritten) is None
    if change[3]:
        with pytest.raises(export_reader.ExportRejected, match="twice in one object"):
            export_reader.read_records(rewritten)
    elif change[2]:
        with pytest.raises(export_reader.ExportRejected, match="altered"):
            export_reader.read_records(rewritten)
    else:
        assert export_reader.read_records(rewritten).participant_id == ticket.participant_id


def test_a_reformatted_export_whose_data_still_has_its_canonical_hash_is_read_the_generic_way(signed):
    """Pretty-printing changes no value: the generic way re-writes ``data`` canonically and its hash matches."""
    data, ticket = signed
    document = json.loads(_signed_raw(signing_canonical(data), ticket))
    spaced = json.dumps(document, indent=2, ensure_ascii=False).encode()
    assert _fast(spaced) is None
    assert export_reader.read_records(spaced).participant_id == ticket.participant_id


def test_floats_go_the_fast_way_when_msgspec_writes_them_alike_and_exports_without_deletions_too(signed):
    data, ticket = signed
    data = copy.deepcopy(data)
    data["events"][0]["detail"].update({"plain": 12.5, "neg": -0.0, "small": 0.001})
    with_floats = _fast(_signed_raw(signing_canonical(data), ticket))
    assert with_floats is not None and with_floats.data.events[0].detail["plain"] == 12.5
    data["events"][0]["detail"].update({"big": 1e16, "tiny": 1e-05})  # Python writes 1e+16 and 1e-05, msgspec 1e16
    plaintext = _signed_raw(signing_canonical(data), ticket)
    assert _fast(plaintext) is None
    assert export_reader.read_records(plaintext).data.events[0].detail["big"] == 1e16  # the generic way reads it
    del data["events"][0]["detail"]["big"], data["events"][0]["detail"]["tiny"], data["deletions"]
    assert _fast(_signed_raw(signing_canonical(data), ticket)) is not None  # an export made before tombstones


def signing_canonical(value) -> bytes:
    from desktop.exchange import signing

    return signing.canonical_json(value)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99), st.integers(0, 99),
                          st.integers(0, 99), st.integers(0, 99)), min_size=1, max_size=6))
def test_calendar_checks_agree_with_datetime(parts):
    from desktop.exchange.bulk_calendar import real_dates, real_times

    times = [f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.000000Z" for y, mo, d, h, mi, s in parts]

    def exists(text: str, shape: str) -> bool:
        try:
            dt.datetime.strptime(text, shape)
        except ValueError:
            return False
        return True

    assert real_times(times) == all(exists(t, "%Y-%m-%dT%H:%M:%S.%fZ") for t in times), times
    assert real_dates([t[:10] for t in times]) == all(exists(t[:10], "%Y-%m-%d") for t in times), times
