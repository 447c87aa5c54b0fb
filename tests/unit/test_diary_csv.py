import csv
import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.content.loader import exercise_catalogue
from desktop.domain.diary import DiaryEntry
from desktop.exchange.diary_csv import HEADER, CsvFormatError, format_diary_csv, parse_diary_csv, read_diary_csv

TODAY = dt.date(2026, 3, 15)
HEAD = ",".join(HEADER) + "\n"


def parse(body: str):
    return parse_diary_csv(HEAD + body, exercise_catalogue(), TODAY)


def test_documented_header_and_values_parse():
    rows = parse('2026-03-14,4,20,Knee Rolls; bridge ;CAT-CAMEL,3,yes,7,,"walked to the shop, felt fine"\n'
                 "2026-03-13,6,0,,8,false,,5,\n")
    assert rows[0] == DiaryEntry(day=dt.date(2026, 3, 14), pain=4, walking_minutes=20, limitation=3, flare_up=True,
                                 exercises=frozenset({"knee-rolls", "bridge", "cat-camel"}), sleep=7, mood=None,
                                 note="walked to the shop, felt fine")
    assert rows[1].flare_up is False and rows[1].exercises == frozenset() and rows[1].mood == 5


@pytest.mark.parametrize("value, expected", [("yes", True), ("no", False), ("TRUE", True), ("false", False),
                                             ("1", True), ("0", False), ("", False)])
def test_flare_up_spellings(value, expected):
    assert parse(f"2026-03-14,4,20,,3,{value},,,\n")[0].flare_up is expected


@pytest.mark.parametrize("row, message", [
    ("2026-02-30,4,20,,3,no,,,", "line 2: date '2026-02-30'"),
    ("2026-03-16,4,20,,3,no,,,", "line 2: 2026-03-16 is in the future"),
    ("2026-03-14,11,20,,3,no,,,", "line 2: Pain must be"),
    ("2026-03-14,four,20,,3,no,,,", "line 2: pain must be a whole number"),
    ("2026-03-14,,20,,3,no,,,", "line 2: pain is empty"),
    ("2026-03-14,4,20,yoga,3,no,,,", "line 2: unknown exercise 'yoga'"),
    ("2026-03-14,4,20,,3,maybe,,,", "line 2: flare_up must be yes or no"),
    ("2026-03-14,4,20,,3,no,,", "line 2: expected 9 columns, found 8"),
])
def test_malformed_rows_name_the_line_and_problem(row, message):
    with pytest.raises(CsvFormatError) as caught:
        parse(row + "\n")
    assert message in str(caught.value)


def test_error_on_a_later_line_names_that_line():
    body = "2026-03-10,4,20,,3,no,,,\n2026-03-11,4,20,,3,no,,,\n2026-03-12,4,-3,,3,no,,,\n"
    with pytest.raises(CsvFormatError, match="line 4: Walking minutes"):
        parse(body)


def test_duplicate_dates_are_refused():
    with pytest.raises(CsvFormatError, match="line 3: 2026-03-10 already appears on line 2"):
        parse("2026-03-10,4,20,,3,no,,,\n2026-03-10,5,20,,3,no,,,\n")


def test_wrong_header_and_empty_file():
    with pytest.raises(CsvFormatError, match="line 1: the header must be exactly"):
        parse_diary_csv("day,pain\n2026-03-10,4\n", exercise_catalogue(), TODAY)
    with pytest.raises(CsvFormatError, match="empty"):
        parse_diary_csv("", exercise_catalogue(), TODAY)


def test_blank_lines_are_skipped_and_bom_accepted(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(("\ufeff" + HEAD + "2026-03-10,4,20,,3,no,,,\n\n").encode("utf-8"))
    assert len(read_diary_csv(path, exercise_catalogue(), TODAY)) == 1


def test_binary_or_missing_file_is_a_clear_error(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CsvFormatError, match="not UTF-8"):
        read_diary_csv(path, exercise_catalogue(), TODAY)
    with pytest.raises(CsvFormatError, match="cannot read"):
        read_diary_csv(tmp_path / "nope.csv", exercise_catalogue(), TODAY)


def test_round_trip_keeps_every_field():
    entries = [
        DiaryEntry(day=dt.date(2026, 3, 1), pain=0, walking_minutes=0, limitation=10, flare_up=True,
                   exercises=frozenset({"back-extension", "knee-to-chest"}), sleep=None, mood=3,
                   note='a "quoted", multi\nline note'),
        DiaryEntry(day=dt.date(2026, 2, 28), pain=10, walking_minutes=1440, limitation=0),
    ]
    text = format_diary_csv(entries, exercise_catalogue())
    assert text.splitlines()[0] == ",".join(HEADER)
    assert "knee-to-chest stretch;back extension" in text
    back = parse_diary_csv(text, exercise_catalogue(), TODAY)
    assert sorted(back, key=lambda e: e.day) == sorted(entries, key=lambda e: e.day)
    assert format_diary_csv(back, exercise_catalogue()) == text


_NOTE_STARTS = st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "'", "'=", "''+", "'\t", "=HYPERLINK(\"x\")"])
_NOTE_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n\r "),
                     max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_NOTE_STARTS, _NOTE_TEXT).map(lambda p: p[0] + p[1]), min_size=1, max_size=5))
def test_notes_round_trip_exactly_and_never_start_like_a_formula(notes):
    """Notes come back exactly as written, spaces and line breaks included."""
    entries = [DiaryEntry(day=TODAY - dt.timedelta(days=i), pain=3, walking_minutes=0, limitation=2, note=note)
               for i, note in enumerate(notes)]
    text = format_diary_csv(entries, exercise_catalogue())
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    for row in rows:
        assert not row[-1] or row[-1][0] not in "=+-@\t\r"
    back = parse_diary_csv(text, exercise_catalogue(), TODAY)
    assert sorted(back, key=lambda e: e.day) == sorted(entries, key=lambda e: e.day)


def test_formula_notes_are_quoted_but_numbers_and_dates_are_not():
    entries = [DiaryEntry(day=dt.date(2026, 3, 1), pain=0, walking_minutes=0, limitation=10, sleep=0, mood=10,
                          note='=HYPERLINK("http://example.invalid","x")'),
               DiaryEntry(day=dt.date(2026, 3, 2), pain=5, walking_minutes=30, limitation=4, note="-2 outside")]
    lines = format_diary_csv(entries, exercise_catalogue()).splitlines()
    assert lines[1] == '2026-03-01,0,0,,10,no,0,10,"\'=HYPERLINK(""http://example.invalid"",""x"")"'
    assert lines[2] == "2026-03-02,5,30,,4,no,,,'-2 outside"


def test_a_hand_typed_quote_before_a_formula_sign_is_read_as_our_escape():
    rows = parse("2026-03-14,4,20,,3,no,,,'=1+1\n2026-03-13,4,20,,3,no,,,'just a quote\n"
                 "2026-03-12,4,20,,3,no,,,-5 typed without a quote\n")
    assert [r.note for r in rows] == ["=1+1", "'just a quote", "-5 typed without a quote"]


# Issue 15 ---------------------------------------------------------------------------------
@pytest.mark.parametrize("day, message", [
    ("0001-01-01", "line 2: 0001-01-01 is before 2000-01-01"),
    ("1999-12-31", "line 2: 1999-12-31 is before 2000-01-01"),
    ("20261201", "line 2: date '20261201' is not a date like 2026-03-01"),
    ("2025-W01-1", "line 2: date '2025-W01-1' is not a date like 2026-03-01"),
    ("２０２６-０３-０１", "is not a date like 2026-03-01"),
    ("2026-13-01", "line 2: date '2026-13-01' is not a day on the calendar"),
    ("0000-01-01", "line 2: date '0000-01-01' is not a day on the calendar"),
])
def test_point3_import_refuses_odd_dates_and_days_before_2000(day, message):
    with pytest.raises(CsvFormatError) as caught:
        parse(f"{day},4,20,,3,no,,,\n")
    assert message in str(caught.value)


def test_point3_import_accepts_the_first_day_and_today_with_spaces_around_the_date():
    rows = parse(" 2000-01-01 ,4,20,,3,no,,,\n2026-03-15,4,20,,3,no,,,\n")
    assert [r.day for r in rows] == [dt.date(2000, 1, 1), TODAY]


@pytest.mark.parametrize("cell", ["５", "1_0", "0x5", "5.0", "1e1", "+5", "٥", " "])
def test_point5_numbers_are_ascii_digits_only(cell):
    with pytest.raises(CsvFormatError, match="line 2: pain"):
        parse(f"2026-03-14,{cell},20,,3,no,,,\n")


def test_point5_numbers_may_have_spaces_around_them_and_negative_ones_get_the_range_message():
    assert parse("2026-03-14, 4 ,20,,3,no, 7,,\n")[0].pain == 4
    with pytest.raises(CsvFormatError, match="line 2: Walking minutes must be between 0 and 1440"):
        parse("2026-03-14,4,-3,,3,no,,,\n")


def test_point5_notes_are_kept_exactly_as_written():
    rows = parse('2026-03-14,4,20,,3,no,,,"  two spaces either side  "\n2026-03-13,4,20,,3,no,,,\ttabbed\n')
    assert [r.note for r in rows] == ["  two spaces either side  ", "\ttabbed"]


@pytest.mark.parametrize("note", ["a\x00b", "bell\x07", "\x1b[31mred", "del\x7f"])
def test_point5_control_characters_in_a_note_are_refused_naming_the_line(note):
    with pytest.raises(CsvFormatError, match="line 3: The note holds a control character"):
        parse(f'2026-03-14,4,20,,3,no,,,fine\n2026-03-13,4,20,,3,no,,,"{note}"\n')


def test_point5_a_latin1_file_names_the_line_not_a_byte(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEAD + "2026-03-10,4,20,,3,no,,,fine\n2026-03-11,4,20,,3,no,,,café au lait\n").encode("latin-1"))
    with pytest.raises(CsvFormatError) as caught:
        read_diary_csv(path, exercise_catalogue(), TODAY)
    assert str(caught.value).startswith("line 3: this line is not UTF-8 text")
    assert "byte" not in str(caught.value)


def test_an_empty_walking_cell_is_not_answered_and_round_trips_apart_from_zero():
    entries = [DiaryEntry(day=dt.date(2026, 3, 1), pain=3, walking_minutes=None, limitation=2),
               DiaryEntry(day=dt.date(2026, 3, 2), pain=4, walking_minutes=0, limitation=2),
               DiaryEntry(day=dt.date(2026, 3, 3), pain=5, walking_minutes=25, limitation=2)]
    text = format_diary_csv(entries, exercise_catalogue())
    assert text.splitlines()[1:3] == ["2026-03-01,3,,,2,no,,,", "2026-03-02,4,0,,2,no,,,"]
    assert parse_diary_csv(text, exercise_catalogue(), TODAY) == entries
    assert parse("2026-03-14,4,  ,,3,no,,,\n")[0].walking_minutes is None
