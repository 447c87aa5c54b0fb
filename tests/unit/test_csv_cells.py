"""Free-text CSV cells: never a formula in a spreadsheet, and read back exactly as written."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.exchange.csv_cells import FORMULA_STARTS, CsvWriter, from_spreadsheet_safe, spreadsheet_safe

# Text built from the characters that matter here, so hypothesis meets the edge cases often.
_TRICKY = st.text(alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "\n", " ", "a", "1", '"', ","]))


@pytest.mark.parametrize("typed, written", [
    ("=1+1", "'=1+1"), ("+44 7700", "'+44 7700"), ("-3 degrees", "'-3 degrees"), ("@home", "'@home"),
    ("\tindented", "'\tindented"), ("\rx", "'\rx"),
    ("'=1+1", "''=1+1"), ("''@x", "'''@x"),  # a quote the patient typed is kept
    ("walked 20 minutes", "walked 20 minutes"), ("'quoted'", "'quoted'"), ("'", "'"), ("", ""),
    ("a=b", "a=b"), (" =x", " =x"),
])
def test_cells_that_a_spreadsheet_would_run_get_a_quote(typed, written):
    assert spreadsheet_safe(typed) == written
    assert from_spreadsheet_safe(written) == typed


@given(st.one_of(st.text(), _TRICKY))
def test_reading_back_gives_exactly_what_was_written(text):
    assert from_spreadsheet_safe(spreadsheet_safe(text)) == text


@given(st.one_of(st.text(), _TRICKY))
def test_a_safe_cell_never_starts_like_a_formula(text):
    safe = spreadsheet_safe(text)
    assert not safe or safe[0] not in FORMULA_STARTS
    assert safe in (text, "'" + text)


@given(st.one_of(st.text(), _TRICKY), st.one_of(st.text(), _TRICKY))
def test_different_texts_stay_different(first, second):
    if first != second:
        assert spreadsheet_safe(first) != spreadsheet_safe(second)


@given(st.lists(st.lists(st.one_of(_TRICKY, st.text(), st.integers()), min_size=1, max_size=4), max_size=4))
def test_csv_writer_rows_read_back_whole_even_with_carriage_returns(rows):
    out = io.StringIO(newline="")
    CsvWriter(out).writerows(rows)
    text = out.getvalue()
    assert text.endswith("\n") or not rows
    assert list(csv.reader(io.StringIO(text, newline=""), strict=True)) == [[str(c) for c in row] for row in rows]


def test_csv_writer_ends_lines_with_a_newline_and_quotes_a_lone_carriage_return():
    out = io.StringIO(newline="")
    CsvWriter(out).writerows([["2026-03-01", 5, "a\rb"], ["x", -2, "plain"]])
    assert out.getvalue() == '2026-03-01,5,"a\rb"\nx,-2,plain\n'
