"""Research table lines made a column at a time agree with a plain row-by-row reference, are
safe to open in a spreadsheet, and merging stored lines with newer ones gives what one pass
over the newest data gives."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.exchange import export_reader, payload, table_rows
from desktop.exchange import research_tables as rt
from desktop.exchange.csv_cells import spreadsheet_safe
from desktop.store.export_state import ExportTicket

PARTICIPANT = "6f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    from exchange_helpers import demo_data

    return demo_data(tmp_path_factory.mktemp("rows") / "data", PARTICIPANT, days=40)


def _records(data: dict):
    return export_reader.fast_decoder().convert(json.loads(json.dumps(data)))


def _reference(table: rt.Table, data: dict) -> list[list[str]]:
    """Row by row, the obvious way: one row per natural key (newest wins), in the table's order."""
    section = table_rows.SECTIONS[table.name][0]
    rows = {}
    for item in data[section]:
        key = tuple(item[k] for k in table.natural_key)
        if key not in rows or item["updated_at"] > rows[key]["updated_at"]:
            rows[key] = item
    ordered = sorted(rows.values(), key=lambda r: (tuple(r[k] for k in table.sort_key), r["uuid"]))
    out = []
    for item in ordered:
        cells = [PARTICIPANT]
        for column in table.columns[1:]:
            value = item[column.name]
            if isinstance(value, bool):
                value = int(value)
            if isinstance(value, list):
                value = ";".join(value)
            if isinstance(value, dict):
                value = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            value = "" if value is None else str(value)
            out_value = spreadsheet_safe(value) if column.type == "text" and column.name != "detail" else value
            cells.append(out_value)
        out.append(cells)
    return out


def _parsed(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_lines_agree_with_the_row_by_row_reference(data):
    made = table_rows.fragments(PARTICIPANT, _records(data))
    for table in rt.ROW_TABLES:
        assert _parsed(made[table.name]) == _reference(table, data), table.name
    assert len(_parsed(made["diary"])) == len(data["diary"]) > 20


def test_awkward_text_is_quoted_and_formula_like_text_is_guarded(data):
    awkward = copy.deepcopy(data)
    notes = ["=HYPERLINK(\"http://x\")", "+1", "-2 then walked", "@home", "\tindented", "'quoted'",
             "a, b and c", 'said "ok"', "two\nlines", "fine"]
    for day, note in zip(awkward["diary"], notes):
        day["note"] = note
    awkward["events"][0]["detail"] = {"b": "x,y", "a": 'q"uote'}
    made = table_rows.fragments(PARTICIPANT, _records(awkward))
    assert _parsed(made["diary"]) == _reference(rt.DIARY, awkward)
    cells = [row[rt.DIARY.names.index("note")] for row in _parsed(made["diary"])][:len(notes)]
    assert cells[:5] == ["'" + n for n in notes[:5]]
    assert cells[5:] == notes[5:]  # an apostrophe not followed by a formula character needs nothing
    for line in made["diary"].splitlines()[:5]:
        assert ",=" not in line and ",+" not in line and ",-2" not in line and ",@" not in line
    plain_but_risky = copy.deepcopy(data)  # nothing to quote, so only the first characters give it away
    for day, note in zip(plain_but_risky["diary"], ["fine", "+1", "@home", "'x", "'=x"]):
        day["note"] = note
    lines = table_rows.fragments(PARTICIPANT, _records(plain_but_risky))["diary"]
    assert [row[rt.DIARY.names.index("note")] for row in _parsed(lines)][:5] == [
        "fine", "'+1", "'@home", "'x", "''=x"]
    details = {row[1]: json.loads(row[4]) for row in _parsed(made["events"])}
    assert details[awkward["events"][0]["uuid"]] == {"a": 'q"uote', "b": "x,y"}


def test_an_export_out_of_order_with_repeated_keys_keeps_the_newest_in_order(data):
    messy = copy.deepcopy(data)
    messy["diary"].reverse()
    repeat = dict(messy["diary"][3], uuid="0" * 8 + "-0000-4000-8000-" + "0" * 12, pain=10,
                  updated_at="2099-01-01T00:00:00.000000Z")
    messy["diary"].append(repeat)
    made = _parsed(table_rows.fragments(PARTICIPANT, _records(messy))["diary"])
    assert made == _reference(rt.DIARY, messy)
    assert [r[2] for r in made] == sorted(r[2] for r in made)
    assert [r for r in made if r[2] == repeat["date"]][0][3] == "10"


def _later(data: dict) -> dict:
    """The device a few days on: one day changed, two new days, an event more."""
    newer = copy.deepcopy(data)
    newer["diary"][0].update(pain=9, updated_at="2099-01-01T00:00:00.000000Z")
    base = dt.date.fromisoformat(newer["diary"][-1]["date"])
    for n, uid in ((1, "11111111-1111-4111-8111-111111111111"), (2, "22222222-2222-4222-8222-222222222222")):
        newer["diary"].append(dict(newer["diary"][-1], uuid=uid, date=(base + dt.timedelta(days=n)).isoformat(),
                                   note="new, day", updated_at="2099-01-02T00:00:00.000000Z"))
    newer["events"].append(dict(newer["events"][-1], uuid="33333333-3333-4333-8333-333333333333",
                                occurred_at="2099-01-02T00:00:00.000000Z"))
    return newer


def test_merging_stored_lines_with_newer_ones_equals_one_pass_over_the_union(data):
    old = table_rows.fragments(PARTICIPANT, _records(data))
    newer = _later(data)
    new = table_rows.fragments(PARTICIPANT, _records(newer))
    for table in rt.ROW_TABLES:
        merged = table_rows.merge(table, old[table.name], new[table.name], {})
        assert merged == new[table.name], table.name  # the newer export holds everything the old one did
        assert table_rows.merge(table, merged, merged, {}) == merged
    partial = copy.deepcopy(newer)
    del partial["diary"][5]  # the newer export lacks a day: merging keeps the stored one
    merged = table_rows.merge(rt.DIARY, old["diary"], table_rows.fragments(PARTICIPANT, _records(partial))["diary"],
                              {})
    assert merged == new["diary"]


def test_a_deletion_newer_than_the_row_removes_it_and_an_older_one_does_not(data):
    old = table_rows.fragments(PARTICIPANT, _records(data))["diary"]
    day = data["diary"][2]
    gone = table_rows.merge(rt.DIARY, old, "", {day["uuid"]: "2099-01-01T00:00:00.000000Z"})
    assert day["uuid"] not in gone and len(_parsed(gone)) == len(data["diary"]) - 1
    kept = table_rows.merge(rt.DIARY, old, "", {day["uuid"]: "2000-01-01T00:00:00.000000Z"})
    assert kept == old


def test_participant_values_follow_the_table(data):
    export = export_reader.VerifiedExport("e", PARTICIPANT, "k" * 64, 4, "2026-03-15T09:30:00.000000Z", "2026-03-15",
                                          _records(data))
    values = table_rows.participant_values(export, 2)
    assert len(values) == len(rt.PARTICIPANTS.columns)
    row = dict(zip(rt.PARTICIPANTS.names, values))
    assert row["participant_id"] == PARTICIPANT and row["last_sequence"] == 4 and row["exports_collected"] == 2
    assert json.loads(row["settings"]) == data["settings"]
    assert msgspec.json.decode(row["settings"]) == data["settings"]


def test_values_gathered_while_checking_give_the_same_lines(data):
    from exchange_helpers import new_device_key

    document = payload.build_document(data, ExportTicket(PARTICIPANT, new_device_key(), 1), dt.date(2026, 3, 15))
    export = export_reader.read_records(payload.encode(document))
    assert export.columns and "uuid" in export.columns["diary"]  # read the fast way
    assert table_rows.fragments(PARTICIPANT, export.data, export.columns) == table_rows.fragments(PARTICIPANT,
                                                                                                   export.data)
    shuffled = copy.deepcopy(data)
    shuffled["diary"].reverse()
    document = payload.build_document(shuffled, ExportTicket(PARTICIPANT, new_device_key(), 1), dt.date(2026, 3, 15))
    export = export_reader.read_records(payload.encode(document))
    assert table_rows.fragments(PARTICIPANT, export.data, export.columns) == table_rows.fragments(PARTICIPANT,
                                                                                                   export.data)


def test_merging_keeps_the_largest_cell_the_schema_allows(data):
    """An event detail may hold 30 keys of 64 characters (written \\u0001 in JSON) and integers
    of 4,299 digits: a cell past the csv module's default 131,072-character field limit.
    Merging such a participant's next export must not stop the collection."""
    detail = {"\x01" * 62 + chr(65 + i // 26) + chr(65 + i % 26): -int("9" * 4299) for i in range(30)}
    big = copy.deepcopy(data)
    big["events"][0]["detail"] = detail
    lines = table_rows.fragments(PARTICIPANT, _records(big))["events"]
    assert max(len(cell) for row in _parsed_unlimited(lines) for cell in row) > 131_072
    assert table_rows.merge(rt.EVENTS, lines, lines, {}) == lines


def _parsed_unlimited(text: str) -> list[list[str]]:
    limit = csv.field_size_limit()
    csv.field_size_limit(1 << 30)
    try:
        return _parsed(text)
    finally:
        csv.field_size_limit(limit)


_DETAIL_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.sampled_from(["},{", '"', "\\", "\n", "é", ""]),
                           st.text(max_size=6))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=4),
                                _DETAIL_VALUES | st.dictionaries(st.text(max_size=2), _DETAIL_VALUES, max_size=2),
                                max_size=3),
                min_size=1, max_size=6))
def test_event_details_written_together_read_as_each_written_alone(details):
    """Details are written as one JSON list and cut apart (table_rows._details): the cells must be
    what writing each object on its own gives, whatever text or nesting they hold."""
    one_by_one = ['"' + table_rows._DETAIL.encode(d).decode().replace('"', '""') + '"' for d in details]
    assert table_rows._details(tuple(details)) == one_by_one
    for cell, detail in zip(table_rows._details(details), details):
        assert json.loads(next(csv.reader(io.StringIO(cell)))[0]) == detail


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), st.text(alphabet="=+-@\t'\",\r\n ab", max_size=6),
                          st.none() | st.integers(-5, 20000), st.sampled_from(["2026-03-15", ""])),
                min_size=0, max_size=8))
def test_rows_made_a_column_at_a_time_equal_rows_made_one_by_one(values):
    table = rt.Table("t", "test", (rt.Column("a", "text", ""), rt.Column("b", "text", ""),
                                   rt.Column("n", "integer", ""), rt.Column("d", "date", "")), ("a",))
    one_by_one = "".join(",".join(table_rows.text_cell(v) if c.type == "text" else ("" if v is None else str(v))
                                  for c, v in zip(table.columns, row)) + "\n" for row in values)
    assert table_rows.rows_text(table, values) == one_by_one


_TIMES = ("2026-01-01T00:00:00.000000Z", "2026-01-02T00:00:00.000000Z", "2026-01-03T00:00:00.000000Z")


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_merging_the_quick_way_gives_what_merging_row_by_row_does(data, draw):
    """merge() returns the new lines as they are when they cover the stored ones; whatever the
    stored and new rows, deletions and natural-key clashes, that equals merging row by row."""
    when = st.sampled_from((None, *_TIMES))
    covering = draw.draw(st.booleans())  # (then the new export holds every stored row, as it was or newer)
    old_days, new_days, gone = [], [], {}
    for number, day in enumerate(draw.draw(st.permutations(data["diary"][:6]))):
        stored, newer, deleted = draw.draw(when), draw.draw(when), draw.draw(when)
        if covering and stored:
            newer, deleted = max(stored, newer or ""), None
        note = draw.draw(st.sampled_from(("", "a, b", 'say "hi"', "one\ntwo", "=1+1")))
        if stored:
            old_days.append(dict(day, updated_at=stored, note=note))
        if newer:
            clash = not covering and draw.draw(st.booleans())  # another row for the same day (a natural-key clash)
            uid = f"{number:08d}-0000-4000-8000-000000000000" if clash else day["uuid"]
            new_days.append(dict(day, uuid=uid, updated_at=newer, pain=(day["pain"] + 1) % 11))
        if deleted:
            gone[day["uuid"]] = deleted

    def lines(days: list, removed: dict) -> tuple[str, str]:
        keys: dict[str, str] = {}
        made = table_rows.fragments(PARTICIPANT, _records(dict(data, diary=days)), removed=removed, keys=keys)
        return made["diary"], keys["diary"]

    (old, old_keys), (new, new_keys) = lines(old_days, {}), lines(new_days, {"diary": gone})
    for lines_, keys in ((old, old_keys), (new, new_keys)):  # the children's keys, read from the lines both ways
        parsed = list(zip(*table_rows.parse(lines_)))
        expected = table_rows.key_lines(parsed[1], parsed[-1]) if parsed else ""
        assert keys == table_rows.keys_of_lines(lines_) == expected
    expected = table_rows.merge_row_by_row(rt.DIARY, table_rows.parse(old), table_rows.parse(new), gone)
    assert table_rows.merge(rt.DIARY, old, new, gone) == expected
    assert table_rows.merge(rt.DIARY, old, new, gone, old_keys, new_keys) == expected  # keys made by the child
    assert table_rows.merge(rt.DIARY, old, new, gone, None, new_keys) == expected
    few = table_rows._FEW_LOOKUPS
    table_rows._FEW_LOOKUPS = 0  # the new keys looked up in a table, not searched
    try:
        assert table_rows.merge(rt.DIARY, old, new, gone, old_keys, new_keys) == expected
    finally:
        table_rows._FEW_LOOKUPS = few


def test_new_keys_that_begin_with_the_stored_ones_cover_them_unless_one_was_deleted_since(data):
    """The usual case, checked without splitting: nothing changed, or rows only added at the end."""
    days = sorted(data["diary"][:5], key=lambda d: d["date"])

    def keys(chosen: list) -> str:
        found: dict[str, str] = {}
        table_rows.fragments(PARTICIPANT, _records(dict(data, diary=chosen)), removed={}, keys=found)
        return found["diary"]

    old, new = keys(days[:4]), keys(days)
    assert new.startswith(old) and new != old
    assert table_rows.covers(new, old, {}) and table_rows.covers(old, old, {})
    first = days[0]
    assert not table_rows.covers(new, old, {first["uuid"]: "9999-12-31T00:00:00.000000Z"})  # deleted after
    assert table_rows.covers(new, old, {first["uuid"]: "2000-01-01T00:00:00.000000Z"})  # deleted, then changed
    assert not table_rows.covers(keys(days[1:]), old, {})  # a stored row the new export lacks
