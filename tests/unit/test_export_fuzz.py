"""Fuzzing exports (issue 15, points 3 and 5): a real export is mutated - values, dates, times,
keys, encodings, nesting, sizes, the manifest - and signed again by its device key, so the
change reaches the checks behind the signature. Each result goes to what ``research collect``
runs on a file (collect_check.check_file, and read_records both ways), to what ``clinic open``
runs (read_export, then the printed summary and the clinician window's report), and, when
accepted, to the ``--charts`` drawing off screen. Whatever the file:

- no traceback: only ExportRejected, with a one-line reason;
- collect and clinic open give the same verdict;
- no hang: each reading within READ_SECONDS, drawing within DRAW_SECONDS;
- nothing from a refused file reaches the tables, and an accepted one holds only days from
  2000-01-01 to the day it was made.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import json
import time

import pytest
from exchange_helpers import clinic_key, demo_data, encrypt_document, new_device_key, signed_plaintext
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop.exchange import collect_check, export_reader, signing

PARTICIPANT = "0b5c3a7e-8d1f-4e2a-9c6b-5f4e3d2c1b0a"
KEY = new_device_key()
EXPORTED_ON = "2026-03-15"
READ_SECONDS = 5.0  # one file's reading; collect's own limit per file is 20 s
DRAW_SECONDS = 30.0  # the four charts of one export
KNOWN = ["knee-rolls", "pelvic-tilts", "knee-to-chest", "bridge", "cat-camel", "back-extension"]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    secret, recipient, _ = clinic_key(tmp)
    return {"tmp": tmp, "secret": secret, "recipient": recipient,
            "data": demo_data(tmp / "data", PARTICIPANT, days=30)}


# What to put in ---------------------------------------------------------------------------------
def _day(value: dt.date) -> str:
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


DAYS = st.one_of(
    st.dates().map(_day),  # 0001-01-01 to 9999-12-31
    st.dates(dt.date(1999, 12, 1), dt.date(2026, 3, 17)).map(_day),
    st.sampled_from(["2026-02-30", "2026-13-01", "0000-01-01", "20261201", "2025-W01-1", "9999-12-31", "0001-01-01",
                     "1999-12-31", "2000-01-01", EXPORTED_ON, "2026-03-16", "２０２６-03-01", "2026-03-1", ""]))
TIMES = st.one_of(
    st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31)).map(
        lambda m: f"{_day(m.date())}T{m:%H:%M:%S}.{m.microsecond:06d}Z"),
    st.sampled_from(["2026-03-15T24:00:00.000000Z", "2026-03-15T23:59:60.000000Z", "1999-12-31T23:59:59.000000Z",
                     "2026-02-30T10:00:00.000000Z", "2026-03-15T10:00:00Z", "2026-03-15 10:00:00.000000Z"]))
TEXTS = st.one_of(st.text(max_size=20), st.sampled_from(
    ["a\x00b", "\ud800", "tab\there\r\n", "=HYPERLINK(1)", "\x1b[2J", "del\x7f", "😀", "x" * 10_001, "é" * 2001]))
NUMBERS = st.one_of(st.integers(-12, 1500), st.integers(), st.sampled_from([2.0, -0.0, 0.5, 1e16, 10 ** 20, True]),
                    st.floats())
EXERCISES = st.lists(st.sampled_from(KNOWN + ["cartwheels", "", "KNEE-ROLLS", "walking", "knee rolls"]), max_size=4)
ANYTHING = st.one_of(st.none(), st.booleans(), NUMBERS, TEXTS, DAYS, st.lists(st.integers(), max_size=2),
                     st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
NUMBER_TEXT = st.sampled_from(["1e400", "9" * 4000, "2.0", "-0", "1E5", "NaN", "Infinity", "0.1",
                               "12345678901234567890", "1." + "0" * 40 + "1", "-9007199254740992"])
SECTIONS = ["diary", "goals", "sessions", "questionnaires", "events", "deletions"]


def _values_for(field: str):
    if field in ("date", "set_on", "completed_on", "answered_on", "started_on"):
        return st.one_of(DAYS, ANYTHING)
    if field in ("updated_at", "occurred_at", "deleted_at"):
        return st.one_of(TIMES, ANYTHING)
    if field == "exercises":
        return st.one_of(EXERCISES, ANYTHING)
    if field == "reminder_time":
        return st.sampled_from(["09:30", "24:00", "12:60", "9:30", None])
    return ANYTHING


def _consecutive_days(draw, data: dict) -> None:
    """Valid-looking days, possibly many and possibly out of bounds: the diary as a run of days."""
    count = draw(st.sampled_from([0, 1, 3, 4, 40, 400, 3000]))
    last = draw(st.sampled_from([dt.date(2026, 3, 15), dt.date(2026, 3, 16), dt.date(2005, 6, 1)]))
    if draw(st.booleans()):
        last = dt.date(2000, 1, 1) + dt.timedelta(days=count + draw(st.integers(-2, 2)))
    rows = data["diary"] or [{"uuid": "", "date": "", "pain": 3, "limitation": 2, "walking_minutes": 0,
                              "flare_up": False, "sleep": None, "mood": None, "exercises": [], "note": "",
                              "updated_at": "2026-03-15T09:30:00.000000Z"}]
    diary = []
    for index in range(count):
        row = dict(rows[index % len(rows)])
        row["uuid"] = f"{index:08x}-0000-4000-8000-000000000000"
        try:
            row["date"] = _day(last - dt.timedelta(days=count - 1 - index))
        except OverflowError:
            row["date"] = "0001-01-01"
        if index < 3:
            row["walking_minutes"] = draw(st.sampled_from([0, 10, 1440]))
        diary.append(row)
    data["diary"] = diary


def _mutated(draw, original: dict) -> tuple[bytes, str]:
    """(a signed decrypted export, what was done to it)."""
    data = copy.deepcopy(original)
    manifest: dict = {}
    edits: list = []  # changes to the written bytes of data
    done = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["field", "field", "field", "days", "drop", "extra", "twice", "number",
                                     "nesting", "size", "manifest", "programme"]))
        done.append(kind)
        if kind in ("field", "drop", "extra"):
            section = draw(st.sampled_from([s for s in SECTIONS if data.get(s)] or ["diary"]))
            rows = data.get(section) or []
            if not rows:
                continue
            row = rows[draw(st.integers(0, len(rows) - 1))]
            field = draw(st.sampled_from(sorted(row)))
            if kind == "field":
                row[field] = draw(_values_for(field))
            elif kind == "drop":
                del row[field]
            else:
                row[draw(st.text(max_size=6))] = draw(ANYTHING)
        elif kind == "days":
            _consecutive_days(draw, data)
        elif kind == "twice":
            key = draw(st.sampled_from([b'"note":', b'"pain":', b'"participant":', b'"diary":', b'"detail":']))
            edits.append(lambda raw, key=key: raw.replace(key, key + b'"0",' + key, 1))
        elif kind == "number":
            literal = draw(NUMBER_TEXT).encode()
            edits.append(lambda raw, literal=literal: raw.replace(b'"detail":{', b'"detail":{"n":' + literal + b",", 1))
        elif kind == "nesting":
            depth = draw(st.sampled_from([2, 60, 5000, 100_000]))
            deep = b"[" * depth + b"]" * depth
            edits.append(lambda raw, deep=deep: raw.replace(b'"detail":{', b'"detail":{"deep":' + deep + b",", 1))
        elif kind == "size":
            where = draw(st.sampled_from(["note", "settings", "events"]))
            if where == "note" and data["diary"]:
                data["diary"][0]["note"] = "n" * draw(st.sampled_from([2000, 10_000, 10_001]))
            elif where == "settings":
                data["settings"] = {f"k{i}": "v" * 4000 for i in range(draw(st.sampled_from([1, 100, 101])))}
            elif data["events"]:
                data["events"] = (data["events"] * 1000)[:draw(st.sampled_from([1000, 20_000]))]
        elif kind == "manifest":
            name = draw(st.sampled_from(["exported_on", "exported_at", "sequence"]))
            manifest[name] = draw({"exported_on": DAYS, "exported_at": TIMES,
                                   "sequence": st.sampled_from([1, 2.0, 0, -1, 10 ** 12, "1", True])}[name])
        elif data.get("programme"):
            field = draw(st.sampled_from(sorted(data["programme"])))
            data["programme"][field] = draw(_values_for(field))
    layout = draw(st.sampled_from(["canonical", "canonical", "spaced", "ascii"]))
    written = _write(data, layout)
    for edit in edits:
        written = edit(written)
    plaintext = signed_plaintext(written, KEY, PARTICIPANT, **manifest)
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["bom", "utf-16", "utf-16-le", "latin-1", "nul", "cut"]))
    if encoding == "bom":
        plaintext = codecs.BOM_UTF8 + plaintext
    elif encoding in ("utf-16", "utf-16-le", "latin-1"):
        plaintext = plaintext.decode("utf-8", "surrogatepass").encode(encoding, "replace")
    elif encoding == "nul":
        at = draw(st.integers(0, len(plaintext)))
        plaintext = plaintext[:at] + b"\x00" + plaintext[at:]
    elif encoding == "cut":
        plaintext = plaintext[:draw(st.integers(0, len(plaintext)))]
    return plaintext, f"{done} {layout} {encoding} {manifest}"


def _write(data: dict, layout: str) -> bytes:
    """``data`` as JSON text: canonical (the fast way), spaced or escaped (the generic way)."""
    try:
        if layout == "canonical":
            return signing.canonical_json(data)
        if layout == "spaced":
            return json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):
        pass  # NaN, a lone surrogate: written escaped below
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("ascii")


# Reading -----------------------------------------------------------------------------------------
def _timed(read, plaintext: bytes):
    """What ``read`` gives, or the ExportRejected it raises (anything else fails the test)."""
    started = time.monotonic()
    try:
        result = read(plaintext)
    except export_reader.ExportRejected as exc:
        result = exc
        reason = str(exc)
        assert reason and "\n" not in reason and len(reason) < 300, reason
    assert time.monotonic() - started < READ_SECONDS, "reading took too long"
    return result


def _accepted_rules_hold(export) -> None:
    """What an accepted export may hold: days from 2000-01-01 to its own day, which is not after today."""
    assert "2000-01-01" <= export.exported_on <= "2026-03-16"
    days = [d["date"] for d in export.data["diary"]] + [g["set_on"] for g in export.data["goals"]]
    assert all("2000-01-01" <= day <= export.exported_on for day in days)


def _clinic_view(export):
    """What `clinic open` computes from an accepted export (summary, window, charts' data)."""
    from desktop.exchange.clinic_data import clinic_report
    from desktop.exchange.clinic_summary import summary_text

    assert summary_text(export)
    return clinic_report(export)


_READING = settings(max_examples=300, deadline=dt.timedelta(seconds=60), suppress_health_check=list(HealthCheck))


@_READING
@given(draw=st.data())
def test_point3_point5_fuzzed_exports_are_read_alike_by_collect_and_clinic_open(base, draw):
    plaintext, what = _mutated(draw.draw, base["data"])
    collected = _timed(export_reader.read_records, plaintext)
    opened = _timed(export_reader.read_export, plaintext)
    refused = isinstance(opened, export_reader.ExportRejected)
    assert isinstance(collected, export_reader.ExportRejected) == refused, (what, collected, opened)
    path = encrypt_document(None, base["recipient"], base["tmp"] / "fuzzed.age", raw=plaintext)
    result = collect_check.check_file(str(path), base["secret"])  # what a collect pool process does
    assert isinstance(result, str) == refused, (what, result)
    event("refused" if refused else "accepted")
    if refused:
        assert isinstance(result, str) and result, (what, result, opened)
        return
    diary = json.loads(result.rows)["diary"]  # (each section as its columns)
    assert len(diary["uuid"]) == len(opened.data["diary"]) and result.participant_id == PARTICIPANT
    _accepted_rules_hold(opened)
    _clinic_view(opened)


# Drawing -----------------------------------------------------------------------------------------
@st.composite
def _drawable(draw, original):
    """Exports that mostly pass (valid extremes: many days, days at the bounds, long notes, odd
    goals), so the drawing is reached."""
    data = copy.deepcopy(original)
    _consecutive_days(draw, data)
    if data["goals"] and draw(st.booleans()):
        goal = data["goals"][0]
        goal.update(set_on=draw(st.sampled_from(["2000-01-01", EXPORTED_ON, data["diary"][0]["date"]
                                                 if data["diary"] else EXPORTED_ON])),
                    minutes_per_day=draw(st.sampled_from([0, 1440])),
                    session_number=draw(st.sampled_from([0, 1, 10_000])))
    if data["diary"] and draw(st.booleans()):
        data["diary"][-1].update(note="n" * 10_000, flare_up=True, exercises=list(KNOWN))
    if draw(st.booleans()):
        for item in data["questionnaires"]:
            item["value"] = draw(st.sampled_from([-1000, 0, 1000]))
    return signed_plaintext(signing.canonical_json(data), KEY, PARTICIPANT), len(data["diary"])


@pytest.mark.slow
@settings(max_examples=25, deadline=dt.timedelta(seconds=120), suppress_health_check=list(HealthCheck))
@given(draw=st.data())
def test_point3_fuzzed_exports_are_drawn_off_screen_in_bounded_time(base, draw, tmp_path_factory):
    from desktop.ui.clinician.clinic_view import write_chart_pngs

    plaintext, days = draw.draw(_drawable(base["data"]))
    opened = _timed(export_reader.read_export, plaintext)
    if isinstance(opened, export_reader.ExportRejected):
        assert "before 2000-01-01" in str(opened) or "after the day it was made" in str(opened), str(opened)
        event("refused")
        return
    event(f"drawn ({'fewer than 4' if days < 4 else 'up to 400' if days <= 400 else 'thousands of'} days)")
    report = _clinic_view(opened)
    folder = tmp_path_factory.mktemp("charts")
    started = time.monotonic()
    written = write_chart_pngs(report, folder)
    assert time.monotonic() - started < DRAW_SECONDS, f"drawing {days} days took too long"
    assert all(path.stat().st_size > 0 for path in written)
    assert written or (days < report.charts_from_days and not report.rmdq)


@settings(max_examples=20, deadline=dt.timedelta(seconds=120), suppress_health_check=list(HealthCheck))
@given(draw=st.data())
def test_point5_nothing_from_a_refused_fuzzed_export_reaches_the_tables(base, draw, tmp_path_factory):
    from desktop.exchange.collect import collect

    plaintext, what = _mutated(draw.draw, base["data"])
    folder = tmp_path_factory.mktemp("collect")
    path = encrypt_document(None, base["recipient"], folder / "fuzzed.age", raw=plaintext)
    report = collect([path], folder / "out", base["secret"], parquet=False)
    (item,) = report["files"]
    tables = {p.name: p.read_text().splitlines() for p in (folder / "out").glob("*.csv")
              if p.name != "data-dictionary.csv"}
    assert "participants.csv" in tables and "diary.csv" in tables
    event(item["status"])
    if item["status"] == "rejected":
        assert item["reason"], what
        assert all(len(lines) == 1 for lines in tables.values()), (what, item)  # the header line only
    else:
        assert item["status"] == "accepted" and len(tables["participants.csv"]) == 2, (what, item)
