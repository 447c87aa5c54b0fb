"""Reading an export strictly, the same way for ``research collect`` (read_records, both its ways)
and ``clinic open`` (read_export): issue 15, points 3 (dates and times) and 5 (strict reading).
Every export here is signed by its device as written, so only the rules can refuse it."""

from __future__ import annotations

import codecs
import copy
import json

import pytest
from exchange_helpers import demo_data, new_device_key, signed_plaintext

from desktop.exchange import export_reader, signing

PARTICIPANT = "6f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10"
KEY = new_device_key()


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return demo_data(tmp_path_factory.mktemp("strict") / "data", PARTICIPANT, days=30)


def _signed(data_bytes: bytes, **manifest) -> bytes:
    return signed_plaintext(data_bytes, KEY, PARTICIPANT, **manifest)


def _both_refuse(plaintext: bytes, words: str) -> None:
    """Collect's reader (whichever way it takes) and clinic open's reader refuse it, saying ``words``."""
    for read in (export_reader.read_records, export_reader.read_export):
        with pytest.raises(export_reader.ExportRejected) as caught:
            read(plaintext)
        assert words in str(caught.value), (read.__name__, str(caught.value))


def _changed(data: dict, change) -> dict:
    changed = copy.deepcopy(data)
    change(changed)
    return changed


def test_the_unchanged_export_is_read_the_fast_way_and_by_clinic_open(data):
    plaintext = _signed(signing.canonical_json(data))
    assert export_reader._read_fast(export_reader.fast_decoder(), plaintext) is not None
    assert export_reader.read_records(plaintext).participant_id == PARTICIPANT
    assert export_reader.read_export(plaintext).data == json.loads(json.dumps(data))


# Point 3: dates and times ----------------------------------------------------------------------
@pytest.mark.parametrize("day, words", [
    ("2026-02-30", "not on the calendar"),
    ("2026-13-01", "not on the calendar"),
    ("0000-01-01", "not on the calendar"),
    ("0001-01-01", "holds the day 0001-01-01, before 2000-01-01"),
    ("1999-12-31", "holds the day 1999-12-31, before 2000-01-01"),
    ("9999-12-31", "holds the day 9999-12-31, after the day it was made (2026-03-15)"),
    ("2026-03-16", "holds the day 2026-03-16, after the day it was made"),
])
@pytest.mark.parametrize("section, field", [("diary", "date"), ("goals", "set_on"), ("sessions", "completed_on"),
                                            ("questionnaires", "answered_on")])
def test_point3_odd_days_are_refused_both_ways_and_by_clinic_open(data, section, field, day, words):
    changed = _changed(data, lambda d: d[section][0].update({field: day}))
    canonical = signing.canonical_json(changed)
    _both_refuse(_signed(canonical), words)
    spaced = json.dumps(changed, indent=1, ensure_ascii=False).encode()  # the generic way
    _both_refuse(_signed(spaced), words)


@pytest.mark.parametrize("time, words", [
    ("2026-03-15T24:00:00.000000Z", "not on the calendar"),
    ("2026-03-15T23:59:60.000000Z", "not on the calendar"),
    ("1999-12-31T23:59:59.000000Z", "before 2000-01-01"),
])
@pytest.mark.parametrize("section, field", [("diary", "updated_at"), ("events", "occurred_at")])
def test_point3_odd_times_are_refused(data, section, field, time, words):
    changed = _changed(data, lambda d: d[section][0].update({field: time}))
    _both_refuse(_signed(signing.canonical_json(changed)), words)


def test_point3_a_time_after_the_export_is_accepted_a_clock_set_back_writes_them(data):
    changed = _changed(data, lambda d: d["events"][0].update(occurred_at="2027-01-01T00:00:00.000000Z"))
    assert export_reader.read_export(_signed(signing.canonical_json(changed))).participant_id == PARTICIPANT


@pytest.mark.parametrize("manifest, words", [
    ({"exported_on": "2026-02-30"}, "not on the calendar"),
    ({"exported_at": "2026-03-15T24:00:00.000000Z"}, "not on the calendar"),
    ({"exported_on": "9999-12-31"}, "made on 9999-12-31, after today (2026-03-15)"),
    ({"exported_on": "2026-03-17"}, "made on 2026-03-17, after today"),
    ({"exported_on": "1999-12-31"}, "made on 1999-12-31, before 2000-01-01"),
])
def test_point3_the_export_day_itself_follows_the_rule(data, manifest, words):
    _both_refuse(_signed(signing.canonical_json(data), **manifest), words)


def test_point3_an_export_made_tomorrow_is_accepted_for_time_zones(data):
    assert export_reader.read_export(_signed(signing.canonical_json(data), exported_on="2026-03-16")).sequence == 1


@pytest.mark.parametrize("value", ["24:00", "12:60"])
def test_point3_a_reminder_time_is_a_real_time_of_day(data, value):
    changed = _changed(data, lambda d: d["programme"].update(reminder_time=value))
    _both_refuse(_signed(signing.canonical_json(changed)), "reminder time")


# Point 5: strict reading -------------------------------------------------------------------------
@pytest.mark.parametrize("old, new", [
    (b'"note":"', b'"note":"first","note":"'),  # in a diary day
    (b'"participant":{', b'"participant":{"study_code":"X",'),
    (b'"text_size":"large"', b'"text_size":"small","text_size":"large"'),
])
def test_point5_a_key_twice_in_data_is_refused(data, old, new):
    canonical = signing.canonical_json(_changed(data, lambda d: d["settings"].update(text_size="large")))
    assert old in canonical
    _both_refuse(_signed(canonical.replace(old, new, 1)), "twice in one object")


def test_point5_data_twice_or_a_manifest_key_twice_is_refused(data):
    canonical = signing.canonical_json(data)
    plaintext = _signed(canonical)
    other = signing.canonical_json(_changed(data, lambda d: d["diary"].pop()))
    twice = b'{"data":' + other + b"," + plaintext[1:]  # {"data": A, "data": B, ...}: B is the signed one
    _both_refuse(twice, "twice in one object")
    _both_refuse(plaintext.replace(b'"sequence":1', b'"sequence":1,"sequence":2', 1), "twice in one object")


@pytest.mark.parametrize("encode, words", [
    (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "byte-order mark"),
    (lambda text: text.encode("utf-16"), "not UTF-8 text (it looks like UTF-16 or UTF-32)"),
    (lambda text: text.encode("utf-16-le"), "not UTF-8 text (it looks like UTF-16 or UTF-32)"),
    (lambda text: text.encode("utf-32"), "not UTF-8 text"),
])
def test_point5_only_utf8_without_a_bom_is_read(data, encode, words):
    text = _signed(signing.canonical_json(data)).decode("utf-8")
    _both_refuse(encode(text), words)


@pytest.mark.parametrize("place", ["diary", "goals"])
def test_point5_only_known_exercise_keys_are_accepted(data, place):
    def change(d):
        d[place][0]["exercises"] = ["cartwheels"]
    _both_refuse(_signed(signing.canonical_json(_changed(data, change))),
                 "names an exercise SupportBack does not know ('cartwheels')")


@pytest.mark.parametrize("text", ["a\x00b", "\x07", "x\x1b[2J", "del\x7f", "\x0c", "\ud800"])
@pytest.mark.parametrize("where", ["note", "plan_when", "settings", "detail"])
def test_point5_control_characters_in_text_are_refused(data, text, where):
    def change(d):
        if where == "note":
            d["diary"][0]["note"] = text
        elif where == "plan_when":
            d["goals"][0]["plan_when"] = text
        elif where == "settings":
            d["settings"]["text_size"] = text
        else:
            d["events"][0]["detail"]["what"] = text
    changed = _changed(data, change)
    written = json.dumps(changed, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()  # escaped
    words = "control character" if text != "\ud800" else "not valid Unicode"
    _both_refuse(_signed(written), words if text != "\ud800" else "")
    if text != "\ud800":
        _both_refuse(_signed(signing.canonical_json(changed)), words)


def test_point5_tabs_and_line_breaks_and_any_printable_text_are_fine(data):
    changed = _changed(data, lambda d: d["diary"][0].update(note="tab\there\r\nnew line \\b\\u0000 😀 \u2028"))
    plaintext = _signed(signing.canonical_json(changed))
    assert export_reader._read_fast(export_reader.fast_decoder(), plaintext) is not None
    assert export_reader.read_export(plaintext).data["diary"][0]["note"].startswith("tab\there\r\n")


@pytest.mark.parametrize("number, words", [
    ("9" * 4000, "more than 32 characters"),
    ("1" + "0" * 20, "too large to be read the same everywhere"),
    ("9007199254740993", "too large to be read the same everywhere"),
    ("1e400", "too large to be read"),
    ("1." + "0" * 40 + "1", "more than 32 characters"),
])
def test_point5_numbers_every_reader_reads_alike(data, number, words):
    canonical = signing.canonical_json(data)
    _both_refuse(_signed(canonical.replace(b'"detail":{', b'"detail":{"n":' + number.encode() + b",", 1)), words)


@pytest.mark.parametrize("field, written", [("pain", "2.0"), ("mood", "1e0"), ("walking_minutes", "30.0")])
def test_point5_an_integer_written_with_a_fraction_or_exponent_is_refused(data, field, written):
    changed = _changed(data, lambda d: d["diary"][0].update({field: 123456789}))  # a marker, replaced below
    text = signing.canonical_json(changed).replace(b":123456789", b":" + written.encode(), 1)
    _both_refuse(_signed(text), f"does not match the export schema at data/diary/0/{field} (")


def test_point5_nan_and_infinity_are_refused(data):
    canonical = signing.canonical_json(data)
    for constant in (b"NaN", b"Infinity", b"-Infinity"):
        _both_refuse(_signed(canonical.replace(b'"detail":{', b'"detail":{"n":' + constant + b",", 1)),
                     "not a JSON number")


def test_point5_a_large_whole_number_written_canonically_is_refused_the_fast_way_too(data, monkeypatch):
    changed = _changed(data, lambda d: d["events"][0]["detail"].update(n=10 ** 20))
    plaintext = _signed(signing.canonical_json(changed))
    monkeypatch.setattr(export_reader, "_read_generic", None)  # the fast way must decide alone
    with pytest.raises(export_reader.ExportRejected, match="too large to be read the same everywhere"):
        export_reader.read_records(plaintext)
